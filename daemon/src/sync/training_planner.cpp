#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <soci/soci.h>

#include "planners.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/mappings/match_scorer.hpp"
#include "sinkron/mappings/name_normalizer.hpp"

namespace sinkron::daemon::sync {
namespace {

// Name agreement needed before a NIP or NIK written on an attendance list is believed: a typed
// NIP can be another person's (DOMAIN.md).
constexpr double kNameAgrees = 0.88;

std::string text(const rapidjson::Value& o, std::initializer_list<const char*> names) {
  if (!o.IsObject()) return {};
  for (const char* name : names) {
    auto it = o.FindMember(name);
    if (it == o.MemberEnd()) continue;
    if (it->value.IsString()) return it->value.GetString();
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  }
  return {};
}

std::string digitsOf(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

// "2024-03-05" -> "05-03-2024"; "" when not an ISO date.
std::string dmy(std::string_view iso) {
  auto d = mappings::parseDate(iso);
  if (!d) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d->day, d->month, d->year);
  return buf;
}

// "Diklat Kepemimpinan Tingkat IV Angkatan XII" -> "Diklat Kepemimpinan Tingkat IV".
std::string withoutAngkatan(std::string title) {
  if (auto at = title.find(" Angkatan "); at != std::string::npos) title.resize(at);
  return title;
}

class PersonIndex {
 public:
  explicit PersonIndex(const std::unordered_map<std::string, SiasnPerson>& people)
      : people_(people) {
    for (const auto& [nip, p] : people) {
      names_.emplace(nip, mappings::normalizeName(p.nama));
      if (!p.nik.empty()) byNik_.emplace(p.nik, &p);
    }
  }

  struct Found {
    const SiasnPerson* person = nullptr;
    std::string how;
  };

  Found resolve(const std::string& nip, const std::string& nik, const std::string& name) const {
    const std::string n = mappings::normalizeName(mappings::splitTitledName(name).nama);
    if (nip.size() == 18) {
      if (auto it = people_.find(nip); it != people_.end() && agrees(nip, n))
        return {&it->second, "nip"};
    }
    if (nik.size() == 16) {
      if (auto it = byNik_.find(nik); it != byNik_.end() && agrees(it->second->nip, n))
        return {it->second, "nik"};
    }
    if (nip.size() == 18) {
      // One digit wrong or two neighbours swapped: accept exactly one name-agreeing candidate.
      const SiasnPerson* only = nullptr;
      int found = 0;
      std::string probe = nip;
      auto consider = [&] {
        if (probe == nip) return;
        if (auto it = people_.find(probe); it != people_.end() && agrees(probe, n)) {
          if (only != &it->second) ++found;
          only = &it->second;
        }
      };
      for (std::size_t i = 0; i < probe.size(); ++i) {
        const char keep = probe[i];
        for (char d = '0'; d <= '9'; ++d) {
          if (d == keep) continue;
          probe[i] = d;
          consider();
        }
        probe[i] = keep;
      }
      for (std::size_t i = 0; i + 1 < probe.size(); ++i) {
        std::swap(probe[i], probe[i + 1]);
        consider();
        std::swap(probe[i], probe[i + 1]);
      }
      if (found == 1) return {only, "nip_near"};
    }
    return {};
  }

 private:
  bool agrees(const std::string& nip, const std::string& normalized) const {
    auto it = names_.find(nip);
    return it != names_.end() && !normalized.empty() &&
           mappings::jaroWinkler(it->second, normalized) >= kNameAgrees;
  }

  const std::unordered_map<std::string, SiasnPerson>& people_;
  std::unordered_map<std::string, std::string> names_;
  std::unordered_map<std::string, const SiasnPerson*> byNik_;
};

std::string json(const std::vector<std::pair<std::string, std::string>>& strings,
                 const std::vector<std::pair<std::string, long long>>& numbers) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  for (const auto& [k, v] : strings) {
    if (v.empty()) continue;
    w.Key(k.c_str());
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  }
  for (const auto& [k, v] : numbers) {
    w.Key(k.c_str());
    w.Int64(v);
  }
  w.EndObject();
  return {sb.GetString(), sb.GetSize()};
}

// nama (normalized) -> latihan struktural id, from SIASN's stored reference table.
std::unordered_map<std::string, std::string> loadLatihan(store::StateStore& store,
                                                         const std::string& siasn) {
  std::unordered_map<std::string, std::string> out;
  soci::session& sql = store.session();
  std::string json, stream = "referensi/latihan-struktural";
  soci::statement st = (sql.prepare << "SELECT record_json FROM source_records WHERE "
                                       "connector = :c AND stream = :s",
                        soci::use(siasn), soci::use(stream), soci::into(json));
  st.execute();
  rapidjson::Document d;
  while (st.fetch()) {
    d.Parse(json.c_str());
    if (d.HasParseError()) continue;
    std::string id = text(d, {"id"}), nama = text(d, {"nama"});
    if (!id.empty() && !nama.empty()) out.emplace(mappings::normalizeName(nama), id);
  }
  return out;
}

}  // namespace

Status planTraining(store::StateStore& store, const TrainingPlanInput& in,
                    const std::unordered_map<std::string, SiasnPerson>& people, PushPlan& plan) {
  try {
    PersonIndex index(people);
    auto latihan = loadLatihan(store, in.siasnConnector);
    soci::session& sql = store.session();
    std::string key, body, stream = "completions";
    soci::statement st =
        (sql.prepare << "SELECT source_key, record_json FROM source_records "
                        "WHERE connector = :c AND stream = :s AND "
                        "missing_since IS NULL ORDER BY source_key",
         soci::use(in.trainingConnector), soci::use(stream), soci::into(key), soci::into(body));
    st.execute();
    rapidjson::Document d;
    while (st.fetch()) {
      d.Parse(body.c_str());
      if (d.HasParseError() || !d.IsObject()) continue;
      const rapidjson::Value* row = d.HasMember("completion") ? &d["completion"] : &d;
      const rapidjson::Value* attendee = d.HasMember("attendee") ? &d["attendee"] : row;
      const std::string nip = digitsOf(text(*attendee, {"nip"}));
      const std::string nik = digitsOf(text(*attendee, {"nik"}));
      const std::string name = text(*row, {"nama"});
      auto found = index.resolve(nip, nik, name);
      if (found.person == nullptr || found.person->personId.empty()) {
        ++plan.trainingUnresolved;
        plan.conflicts.push_back({"training_attendee", in.trainingConnector, "completion " + key,
                                  in.siasnConnector, "",
                                  "attendee not found in SIASN by NIP, NIK or a one-digit NIP "
                                  "correction with the name agreeing"});
        continue;
      }
      ++plan.trainingResolved;
      const SiasnPerson& p = *found.person;
      plan.resolved.push_back({in.trainingConnector, key, in.siasnConnector, p.nip, found.how});
      const std::string title = text(*row, {"nama_pelatihan", "pelatihan"});
      const std::string start = dmy(text(*row, {"tanggal_mulai", "tgl_mulai"}));
      const std::string end = dmy(text(*row, {"tanggal_selesai", "tgl_selesai"}));
      const std::string certificate = text(*row, {"nomor_sertifikat", "no_sertifikat"});
      const std::string organiser = text(*row, {"penyelenggara"});
      const std::string jenis = text(*row, {"jenis"});
      long long jp = 0;
      for (const char* f : {"jp", "jumlah_jp"})
        if (row->HasMember(f) && (*row)[f].IsInt64()) jp = (*row)[f].GetInt64();
      if (start.empty() || title.empty() || jp <= 0) {
        ++plan.trainingUnresolved;
        plan.conflicts.push_back({"training_completion", in.trainingConnector, "completion " + key,
                                  in.siasnConnector, "",
                                  "completion lacks a title, start date or hours"});
        continue;
      }
      const long long year = std::stoll(start.substr(6));
      PlannedChange c;
      c.connector = in.siasnConnector;
      c.change.targetKey = p.nip;
      c.reason = "completion " + key + " (attendee by " + found.how + ")";
      auto structural = jenis == "diklat"
                            ? latihan.find(mappings::normalizeName(withoutAngkatan(title)))
                            : latihan.end();
      if (structural != latihan.end()) {
        c.change.kind = "diklat";
        c.change.naturalKey = "diklat|" + p.personId + "|" + structural->second + "|" + start;
        c.change.json = json({{"pnsOrangId", p.personId},
                              {"latihanStrukturalId", structural->second},
                              {"nomor", certificate.empty() ? "-" : certificate},
                              {"tanggal", start},
                              {"tanggalSelesai", end},
                              {"institusiPenyelenggara", organiser}},
                             {{"tahun", year}, {"jumlahJam", jp}});
      } else {
        c.change.kind = "kursus";
        c.change.naturalKey = "kursus|" + p.personId + "|" + title + "|" + start;
        c.change.json =
            json({{"pnsOrangId", p.personId},
                  {"namaKursus", title},
                  {"tanggalKursus", start},
                  {"tanggalSelesaiKursus", end},
                  {"nomorSertipikat", certificate},
                  {"institusiPenyelenggara", organiser},
                  {"jenisKursusId", jenis == "diklat" ? in.jenisKursusIdDiklat : in.jenisKursusId}},
                 {{"tahunKursus", year}, {"jumlahJam", jp}});
      }
      ++plan.byKind[c.change.kind];
      plan.changes.push_back(std::move(c));
    }
  } catch (const std::exception& e) {
    return Error::io(std::string("planning training pushes: ") + e.what());
  }
  return {};
}

}  // namespace sinkron::daemon::sync
