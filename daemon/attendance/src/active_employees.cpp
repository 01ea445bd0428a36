#include "sinkron/attendance/active_employees.hpp"

#include <rapidjson/document.h>
#include <soci/soci.h>

#include <set>

#include "sinkron/security/masking.hpp"

namespace sinkron::attendance {

Result<std::vector<std::string>> activeEmployeeNips(store::StateStore& state,
                                                    const std::string& connector,
                                                    const std::string& stream) {
  std::set<std::string> nips;
  try {
    std::string json;
    soci::statement st =
        (state.session().prepare << "SELECT record_json FROM source_records WHERE connector = :c "
                                    "AND stream = :s AND missing_since IS NULL",
         soci::use(connector), soci::use(stream), soci::into(json));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      d.Parse(json.c_str(), json.size());
      if (d.HasParseError() || !d.IsObject()) continue;
      auto nip = d.FindMember("nip");
      if (nip == d.MemberEnd() || !nip->value.IsString() || nip->value.GetStringLength() == 0)
        continue;
      auto kedudukan = d.FindMember("kedudukan");
      if (kedudukan != d.MemberEnd() && kedudukan->value.IsString() &&
          kedudukan->value.GetStringLength() > 0 && kedudukan->value.GetString() != kKedudukanAktif)
        continue;
      nips.emplace(nip->value.GetString(), nip->value.GetStringLength());
    }
  } catch (const std::exception& e) {
    return Error::io("reading the employees of " + connector + "/" + stream + ": " +
                     security::maskIdsInText(e.what()));
  }
  return std::vector<std::string>(nips.begin(), nips.end());
}

}  // namespace sinkron::attendance
