// GET /apisiasn/1.0/pns/rw-{jabatan,golongan,diklat,kursus,skp22,kinerjaperiodik}/{nipBaru}:
// the generated rows, then the rows accepted writes added.
#include "history_generator.hpp"
#include "nip_lookup.hpp"
#include "routes.hpp"

namespace sinkron::sim::siasn {
namespace {

HttpResponse getHistory(SiasnState& state, HistoryKind kind, const HttpRequest& req) {
  thread_local population::PersonRecords records;
  NipLookup found = lookupNip(state, req.param("nipBaru"), records);
  if (!found.person) return std::move(found.failure);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  putInt(w, "code", 1);
  putKey(w, "data");
  w.StartArray();
  writeGeneratedRows(w, state.world.population(), records, kind);
  for (const std::string& row : state.overlays.addedRows(*found.person, kind))
    w.RawValue(row.data(), row.size(), rapidjson::kObjectType);
  w.EndArray();
  w.EndObject();
  return HttpResponse::json(200, takeString(buffer));
}

}  // namespace

void addHistoryRoutes(Router& router, StatePtr state) {
  for (HistoryKind kind : kAllHistoryKinds) {
    std::string pattern =
        std::string(kPnsApi) + "/pns/rw-" + std::string(historyName(kind)) + "/{nipBaru}";
    router.add("GET", pattern, guarded(state, ApiScope::kPns, [state, kind](const HttpRequest& r) {
                 return getHistory(*state, kind, r);
               }));
  }
}

}  // namespace sinkron::sim::siasn
