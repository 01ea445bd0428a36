// POST /apisiasn/1.0/kursus/save and /apisiasn/1.0/diklat/save: course and structural-training
// completions.
#include "body_reader.hpp"
#include "reference_tables.hpp"
#include "responses.hpp"
#include "save_commit.hpp"

namespace sinkron::sim::siasn {
namespace {

constexpr std::int64_t kMaxHours = 2000;

// tahun must be the year of the date it goes with.
void checkYear(BodyReader& body, std::string_view yearField, std::string_view dateField,
               const std::optional<CivilDate>& date, const std::optional<std::int64_t>& year) {
  if (date && year && date->year != *year)
    body.fail(yearField, "must be the year of " + std::string(dateField) + " (" +
                             std::to_string(date->year) + ")");
}

void checkOrder(BodyReader& body, std::string_view endField, std::string_view startField,
                const std::optional<CivilDate>& start, const std::optional<CivilDate>& end) {
  if (start && end && *end < *start)
    body.fail(endField, "must not be before " + std::string(startField));
}

}  // namespace

HttpResponse saveKursus(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  std::string personId = body.text("pnsOrangId");
  std::string nama = body.text("namaKursus");
  std::optional<std::int64_t> hours = body.integer("jumlahJam", 1, kMaxHours);
  std::optional<CivilDate> start = body.date("tanggalKursus");
  std::optional<CivilDate> end = body.date("tanggalSelesaiKursus", false);
  std::optional<std::int64_t> year = body.integer("tahunKursus", 1950, 2100);
  std::string certificate = body.text("nomorSertipikat", false);
  std::string institusi = body.text("institusiPenyelenggara");
  std::string jenisId = body.text("jenisKursusId");
  checkOrder(body, "tanggalSelesaiKursus", "tanggalKursus", start, end);
  checkYear(body, "tahunKursus", "tanggalKursus", start, year);
  if (!body.ok()) return validationFailed(body.errors());

  std::optional<std::uint64_t> person = state.people.bySiasnId(personId);
  if (!person) return unknownPerson("pnsOrangId", personId);
  const ReferenceEntry* jenis = referenceCatalog().jenisKursus.byId(jenisId);
  if (!jenis) return businessRule("Jenis kursus dengan id '" + jenisId + "' tidak ditemukan");

  KursusRow row;
  row.jenisKursusId = jenis->id;
  row.jenisKursusNama = jenis->nama;
  row.namaKursus = nama;
  row.noSertipikat = certificate;
  row.institusi = institusi;
  row.tanggal = *start;
  row.tanggalSelesai = end;
  row.tahun = static_cast<int>(*year);
  row.jumlahJam = static_cast<int>(*hours);
  std::string key = "kursus|" + personId + "|" + nama + "|" + formatDmy(*start);
  return acceptWrite(
      state, req, HistoryKind::kKursus, *person, std::move(key),
      [&](std::string_view id, const RowOwner& owner) { return rowJson(id, owner, row); });
}

HttpResponse saveDiklat(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  std::string personId = body.text("pnsOrangId");
  std::string latihanId = body.text("latihanStrukturalId");
  std::string nomor = body.text("nomor");
  std::optional<CivilDate> start = body.date("tanggal");
  std::optional<CivilDate> end = body.date("tanggalSelesai", false);
  std::optional<std::int64_t> year = body.integer("tahun", 1950, 2100);
  std::string institusi = body.text("institusiPenyelenggara");
  std::optional<std::int64_t> hours = body.integer("jumlahJam", 1, kMaxHours);
  checkOrder(body, "tanggalSelesai", "tanggal", start, end);
  checkYear(body, "tahun", "tanggal", start, year);
  if (!body.ok()) return validationFailed(body.errors());

  std::optional<std::uint64_t> person = state.people.bySiasnId(personId);
  if (!person) return unknownPerson("pnsOrangId", personId);
  const ReferenceEntry* latihan = referenceCatalog().latihanStruktural.byId(latihanId);
  if (!latihan)
    return businessRule("Latihan struktural dengan id '" + latihanId + "' tidak ditemukan");

  DiklatRow row;
  row.latihanId = latihan->id;
  row.latihanNama = latihan->nama;
  row.nomor = nomor;
  row.institusi = institusi;
  row.tanggal = *start;
  row.tanggalSelesai = end;
  row.tahun = static_cast<int>(*year);
  row.jumlahJam = static_cast<int>(*hours);
  std::string key = "diklat|" + personId + "|" + latihanId + "|" + formatDmy(*start);
  return acceptWrite(
      state, req, HistoryKind::kDiklat, *person, std::move(key),
      [&](std::string_view id, const RowOwner& owner) { return rowJson(id, owner, row); });
}

}  // namespace sinkron::sim::siasn
