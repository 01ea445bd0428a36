// POST /apisiasn/1.0/jabatan/save: a position (struktural, fungsional or pelaksana) in a unit.
#include <array>

#include "body_reader.hpp"
#include "reference_tables.hpp"
#include "responses.hpp"
#include "save_commit.hpp"

namespace sinkron::sim::siasn {
namespace {

struct Eselon {
  std::string_view id, name;
};
constexpr std::array<Eselon, 9> kEselon = {{{"11", "I.a"},
                                            {"12", "I.b"},
                                            {"21", "II.a"},
                                            {"22", "II.b"},
                                            {"31", "III.a"},
                                            {"32", "III.b"},
                                            {"41", "IV.a"},
                                            {"42", "IV.b"},
                                            {"51", "V.a"}}};

// Which id field a jenisJabatan needs: 1 Struktural and 3 Rangkap the struktural id,
// 2 Fungsional Tertentu the fungsional id, 4 Pelaksana the fungsional-umum id.
std::string_view requiredIdField(std::string_view jenis) {
  if (jenis == "1" || jenis == "3") return "jabatanStrukturalId";
  if (jenis == "2") return "jabatanFungsionalId";
  if (jenis == "4") return "jabatanFungsionalUmumId";
  return {};
}

}  // namespace

HttpResponse saveJabatan(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  std::string personId = body.text("pnsId");
  std::string unorId = body.text("unorId");
  std::string jenis = body.text("jenisJabatan");
  std::string_view idField = requiredIdField(jenis);
  auto readId = [&](std::string_view name) {
    if (name == idField && !body.has(name)) {
      body.fail(name, "is required when jenisJabatan is " + jenis);
      return std::string();
    }
    return body.text(name, name == idField);
  };
  std::string fungsionalId = readId("jabatanFungsionalId");
  std::string umumId = readId("jabatanFungsionalUmumId");
  std::string strukturalId = readId("jabatanStrukturalId");
  std::string namaJabatan = body.text("namaJabatan", false);
  std::string eselonId = body.text("eselonId", false);
  std::optional<CivilDate> tmt = body.date("tmtJabatan");
  std::string nomorSk = body.text("nomorSk");
  std::optional<CivilDate> tanggalSk = body.date("tanggalSk");
  std::optional<CivilDate> pelantikan = body.date("tmtPelantikan", false);
  const std::string* idValue = idField == "jabatanStrukturalId"   ? &strukturalId
                               : idField == "jabatanFungsionalId" ? &fungsionalId
                                                                  : &umumId;
  if (!body.ok()) return validationFailed(body.errors());

  std::optional<std::uint64_t> person = state.people.bySiasnId(personId);
  if (!person) return unknownPerson("pnsId", personId);
  const ReferenceCatalog& catalog = referenceCatalog();
  if (idField.empty()) return businessRule("Jenis jabatan '" + jenis + "' tidak dikenal");
  const ReferenceEntry* unor = catalog.unor.byId(unorId);
  if (!unor) return businessRule("Unor dengan id '" + unorId + "' tidak ditemukan");

  JabatanRow row;
  row.jenisJabatan = jenis;
  row.unorId = unor->id;
  row.unorNama = unor->nama;
  row.namaJabatan = namaJabatan;
  if (jenis == "2") {
    const ReferenceEntry* f = catalog.jabatanFungsional.byId(fungsionalId);
    if (!f)
      return businessRule("Jabatan fungsional dengan id '" + fungsionalId + "' tidak ditemukan");
    row.fungsionalId = f->id;
    row.fungsionalNama = f->nama;
    if (row.namaJabatan.empty()) row.namaJabatan = f->nama;
  } else if (jenis == "4") {
    const ReferenceEntry* u = catalog.jabatanPelaksana.byId(umumId);
    if (!u) return businessRule("Jabatan pelaksana dengan id '" + umumId + "' tidak ditemukan");
    row.umumId = u->id;
    row.umumNama = u->nama;
    if (row.namaJabatan.empty()) row.namaJabatan = u->nama;
  } else {
    // Structural posts are per unit; the simulator keeps no catalogue of them.
    row.strukturalId = strukturalId;
  }
  if (!eselonId.empty()) {
    const Eselon* e = nullptr;
    for (const Eselon& candidate : kEselon)
      if (candidate.id == eselonId) e = &candidate;
    if (!e) return businessRule("Eselon dengan id '" + eselonId + "' tidak ditemukan");
    row.eselonId = e->id;
    row.eselon = e->name;
  }
  row.tmtJabatan = *tmt;
  row.nomorSk = nomorSk;
  row.tanggalSk = *tanggalSk;
  row.tmtPelantikan = pelantikan;
  std::string key = "jabatan|" + personId + "|" + formatDmy(*tmt) + "|" + unorId + "|" + *idValue;
  return acceptWrite(
      state, req, HistoryKind::kJabatan, *person, std::move(key),
      [&](std::string_view id, const RowOwner& owner) { return rowJson(id, owner, row); });
}

}  // namespace sinkron::sim::siasn
