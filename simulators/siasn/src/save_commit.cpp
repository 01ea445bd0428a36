#include "save_commit.hpp"

#include "responses.hpp"
#include "routes.hpp"

namespace sinkron::sim::siasn {
namespace {

std::string_view idKey(HistoryKind kind) {
  switch (kind) {
    case HistoryKind::kJabatan:
      return "rwJabatanId";
    case HistoryKind::kGolongan:
      return "rwGolonganId";
    case HistoryKind::kDiklat:
      return "rwDiklatId";
    case HistoryKind::kKursus:
      return "rwKursusId";
    case HistoryKind::kSkp22:
      return "rwSkp22Id";
    case HistoryKind::kKinerjaPeriodik:
      return "rwKinerjaPeriodikId";
  }
  return "id";
}

}  // namespace

std::string saveRoute(HistoryKind kind) {
  return std::string(kPnsApi) + "/" + std::string(historyName(kind)) + "/save";
}

HttpResponse acceptWrite(SiasnState& state, const HttpRequest& req, HistoryKind kind,
                         std::uint64_t person, std::string key, const RowRenderer& render) {
  std::string id = state.newRowId();
  population::Person p = state.world.population().person(person);
  state.overlays.appendRow(person, kind, render(id, RowOwner{p.personId, p.nipBaru, p.nipLama}));
  state.world.writes().record(
      {0, std::string(kSystem), saveRoute(kind), std::move(key), req.body, id});
  return saved(idKey(kind), id);
}

HttpResponse unknownPerson(std::string_view field, std::string_view personId) {
  return businessRule("Data PNS dengan " + std::string(field) + " '" + std::string(personId) +
                      "' tidak ditemukan");
}

void addSaveRoutes(Router& router, StatePtr state) {
  struct Save {
    HistoryKind kind;
    HttpResponse (*handler)(SiasnState&, const HttpRequest&);
  };
  constexpr Save kSaves[] = {{HistoryKind::kJabatan, saveJabatan},
                             {HistoryKind::kDiklat, saveDiklat},
                             {HistoryKind::kKursus, saveKursus},
                             {HistoryKind::kSkp22, saveSkp22},
                             {HistoryKind::kKinerjaPeriodik, saveKinerjaPeriodik}};
  for (const Save& save : kSaves) {
    router.add(
        "POST", saveRoute(save.kind),
        guarded(state, ApiScope::kPns, [state, handler = save.handler](const HttpRequest& r) {
          return handler(*state, r);
        }));
  }
}

}  // namespace sinkron::sim::siasn
