// POST /apisiasn/1.0/skp22/save and /apisiasn/1.0/kinerjaperiodik/save: yearly and periodic
// appraisals under PermenPANRB 6/2022. The kuadran sent must agree with the matrix.
#include "body_reader.hpp"
#include "performance_rating.hpp"
#include "responses.hpp"
#include "save_commit.hpp"

namespace sinkron::sim::siasn {
namespace {

constexpr int kFirstSkp22Year = 2022;

struct Appraisal {
  std::string personId;
  std::optional<std::int64_t> kuadran;
  PenilaianRow row;
};

// The fields both saves share; problems go to `body`.
Appraisal readAppraisal(BodyReader& body) {
  Appraisal a;
  a.personId = body.text("pnsDinilaiId");
  std::optional<std::int64_t> year = body.integer("tahun", 2000, 2100);
  std::optional<std::int64_t> hasil = body.integer("hasilKinerjaNilai", 1, 3);
  std::optional<std::int64_t> perilaku = body.integer("perilakuKerjaNilai", 1, 3);
  a.kuadran = body.integer("kuadranKinerjaNilai", 1, 5);
  PenilaianRow& r = a.row;
  r.penilaiNipNrp = body.text("penilaiNipNrp");
  r.penilaiNama = body.text("penilaiNama");
  r.penilaiJabatan = body.text("penilaiJabatan", false);
  r.penilaiGolongan = body.text("penilaiGolongan", false);
  r.penilaiUnorNama = body.text("penilaiUnorNama", false);
  r.statusPenilai = body.text("statusPenilai", false);
  if (r.statusPenilai.empty()) r.statusPenilai = "ASN";
  if (r.statusPenilai != "ASN" && r.statusPenilai != "NON ASN")
    body.fail("statusPenilai", "must be ASN or NON ASN");
  r.tahun = static_cast<int>(year.value_or(0));
  r.hasilKerja = static_cast<int>(hasil.value_or(2));
  r.perilakuKerja = static_cast<int>(perilaku.value_or(2));
  return a;
}

// The business rules both saves share; nullopt when they pass.
std::optional<HttpResponse> appraisalRules(const Appraisal& a) {
  if (a.row.tahun < kFirstSkp22Year)
    return businessRule("Penilaian tahun " + std::to_string(a.row.tahun) +
                        " tidak dapat disimpan: penilaian PermenPANRB 6/2022 berlaku mulai tahun " +
                        std::to_string(kFirstSkp22Year));
  Predikat expected = predikatOf(a.row.hasilKerja, a.row.perilakuKerja);
  if (*a.kuadran != static_cast<int>(expected))
    return businessRule("Kuadran kinerja " + std::to_string(*a.kuadran) +
                        " tidak sesuai dengan hasil kinerja " + std::to_string(a.row.hasilKerja) +
                        " dan perilaku kerja " + std::to_string(a.row.perilakuKerja) +
                        " (seharusnya " + std::to_string(static_cast<int>(expected)) + " " +
                        std::string(predikatName(expected)) + ")");
  return std::nullopt;
}

}  // namespace

HttpResponse saveSkp22(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  Appraisal a = readAppraisal(body);
  if (!body.ok()) return validationFailed(body.errors());
  std::optional<std::uint64_t> person = state.people.bySiasnId(a.personId);
  if (!person) return unknownPerson("pnsDinilaiId", a.personId);
  if (auto rejected = appraisalRules(a)) return std::move(*rejected);
  std::string key = "skp22|" + a.personId + "|" + std::to_string(a.row.tahun);
  return acceptWrite(
      state, req, HistoryKind::kSkp22, *person, std::move(key),
      [&](std::string_view id, const RowOwner& owner) { return rowJson(id, owner, a.row); });
}

HttpResponse saveKinerjaPeriodik(SiasnState& state, const HttpRequest& req) {
  BodyReader body(req.body);
  Appraisal a = readAppraisal(body);
  std::optional<std::int64_t> from = body.integer("bulanMulaiPenilaian", 1, 12);
  std::optional<std::int64_t> to = body.integer("bulanSelesaiPenilaian", 1, 12);
  if (from && to && *to < *from)
    body.fail("bulanSelesaiPenilaian", "must not be before bulanMulaiPenilaian");
  if (!body.ok()) return validationFailed(body.errors());
  std::optional<std::uint64_t> person = state.people.bySiasnId(a.personId);
  if (!person) return unknownPerson("pnsDinilaiId", a.personId);
  if (auto rejected = appraisalRules(a)) return std::move(*rejected);
  a.row.bulanMulai = static_cast<int>(*from);
  a.row.bulanSelesai = static_cast<int>(*to);
  std::string key = "kinerjaperiodik|" + a.personId + "|" + std::to_string(a.row.tahun) + "|" +
                    std::to_string(a.row.bulanMulai) + "|" + std::to_string(a.row.bulanSelesai);
  return acceptWrite(
      state, req, HistoryKind::kKinerjaPeriodik, *person, std::move(key),
      [&](std::string_view id, const RowOwner& owner) { return rowJson(id, owner, a.row); });
}

}  // namespace sinkron::sim::siasn
