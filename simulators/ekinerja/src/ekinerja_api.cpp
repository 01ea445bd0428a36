#include "ekinerja_api.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "json_out.hpp"
#include "laravel_validation.hpp"
#include "oauth.hpp"
#include "sinkron/population/organisation.hpp"

namespace sinkron::sim::ekinerja {
namespace {

constexpr long long kDefaultPerPage = 15;
constexpr long long kMaxPerPage = 500;
constexpr long long kMaxPage = 1000000000;

HttpResponse skpNotFound() {
  return HttpResponse::json(404, R"({"message":"SKP tidak ditemukan"})");
}

std::string isoDate(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

struct PageRequest {
  std::string_view unorId;
  long long page = 1, perPage = kDefaultPerPage;
};

void readPage(LaravelValidation& v, PageRequest& out) {
  out.page = v.integer("page", false, 1, kMaxPage, 1).value_or(1);
  out.perPage = v.integer("per_page", false, 1, kMaxPerPage, kDefaultPerPage).value_or(1);
}

void writeMeta(JsonOut& j, const PageRequest& p, std::uint64_t total) {
  auto perPage = static_cast<std::uint64_t>(p.perPage);
  std::uint64_t lastPage = total == 0 ? 1 : (total + perPage - 1) / perPage;
  j.key("meta");
  j.startObject();
  j.key("page");
  j.integer(p.page);
  j.key("per_page");
  j.integer(p.perPage);
  j.key("total");
  j.integer(static_cast<long long>(total));
  j.key("last_page");
  j.integer(static_cast<long long>(lastPage));
  j.endObject();
}

void writeRated(JsonOut& j, std::string_view name, int rating,
                const std::vector<std::string_view>* rencana) {
  j.key(name);
  j.startObject();
  j.key("rating");
  j.integerOrNull(rating);
  j.key("label");
  j.stringOrNull(ratingLabel(rating));
  if (rencana) {
    j.key("rencana_hasil_kerja");
    j.startArray();
    for (std::string_view item : *rencana) j.string(item);
    j.endArray();
  }
  j.endObject();
}

}  // namespace

EkinerjaApi::EkinerjaApi(World& world)
    : world_(world),
      tokens_(world.tokens("ekinerja")),
      model_(world.options().population.seed, world.options().population.asOfYear),
      units_(world.population()) {}

std::optional<EkinerjaApi::Employee> EkinerjaApi::employeeByIndex(std::uint64_t index) const {
  const population::PopulationGenerator& population = world_.population();
  if (index >= population.options().people) return std::nullopt;
  Employee e;
  population.records(index, e.records);
  if (!UnitIndex::isEmployee(e.records.person)) return std::nullopt;
  std::optional<std::uint32_t> unit = UnitIndex::unitOfPerson(e.records.person);
  if (!unit) return std::nullopt;
  e.unit = *unit;
  e.member = UnitIndex::memberOf(e.records.person);
  return e;
}

std::optional<EkinerjaApi::Employee> EkinerjaApi::employeeByNip(std::string_view nip) const {
  std::optional<std::uint64_t> index = world_.population().personByNip(nip);
  if (!index) return std::nullopt;
  return employeeByIndex(*index);
}

HttpResponse EkinerjaApi::token(const HttpRequest& request) const {
  return issueToken(request, world_.options(), tokens_);
}

HttpResponse EkinerjaApi::skp(const HttpRequest& request) const {
  if (auto denied = rejectUnauthenticated(request, tokens_)) return *denied;
  LaravelValidation v(request);
  std::optional<std::string_view> nip = v.digits("nip", 18);
  std::optional<long long> tahun =
      v.integer("tahun", true, model_.firstYear(), model_.currentYear());
  if (!v.ok()) return v.response();
  std::optional<Employee> e = employeeByNip(*nip);
  int year = static_cast<int>(*tahun);
  if (!e || !model_.hasSkp(employmentOf(e->member), year)) return skpNotFound();

  const population::Person& p = e->records.person;
  Employment employment = employmentOf(e->member);
  JsonOut j(request.fieldDrift);
  j.startObject();
  j.key("data");
  j.startObject();
  j.key("skp");
  j.startObject();
  j.key("id");
  j.string(model_.skpId(p.index, year));
  j.key("tahun");
  j.integer(year);
  j.key("periode_awal");
  j.string(employment.startYear == year ? isoDate(year, employment.startMonth, employment.startDay)
                                        : isoDate(year, 1, 1));
  j.key("periode_akhir");
  j.string(isoDate(year, 12, 31));
  j.key("nip");
  j.string(e->records.siasn.nipBaru);
  j.key("jabatan");
  j.string(e->records.siasn.jabatanNama);
  j.key("unor_id");
  j.string(e->records.siasn.unorId);
  j.key("atasan");
  std::optional<std::uint32_t> boss = units_.supervisorOf(p.index, e->unit);
  if (boss) {
    population::PersonRecords bossRecords = world_.population().records(*boss);
    j.startObject();
    j.key("nip");
    j.string(bossRecords.siasn.nipBaru);
    j.key("nama");
    j.string(bossRecords.siasn.nama);
    j.endObject();
  } else {
    j.null();
  }
  j.endObject();
  j.endObject();
  j.endObject();
  return HttpResponse::json(200, j.text());
}

HttpResponse EkinerjaApi::penilaian(const HttpRequest& request) const {
  if (auto denied = rejectUnauthenticated(request, tokens_)) return *denied;
  auto id = model_.parseSkpId(request.param("id"));
  if (!id) return skpNotFound();
  auto [index, year] = *id;
  std::optional<Employee> e = employeeByIndex(index);
  if (!e || !model_.hasSkp(employmentOf(e->member), year)) return skpNotFound();

  Employment employment = employmentOf(e->member);
  std::vector<std::string_view> rencana =
      model_.rencana(employment, e->records.person.jenisJabatan, year);
  JsonOut j(request.fieldDrift);
  j.startObject();
  j.key("data");
  j.startArray();
  for (const Penilaian& p : model_.penilaianOfYear(employment, year)) {
    j.startObject();
    j.key("periode");
    j.string(periodeName(p.periode));
    writeRated(j, "hasil_kerja", p.hasilKerja, &rencana);
    writeRated(j, "perilaku", p.perilaku, nullptr);
    j.key("predikat");
    j.stringOrNull(p.predikat);
    j.key("status");
    j.string(statusName(p.status));
    j.endObject();
  }
  j.endArray();
  j.endObject();
  return HttpResponse::json(200, j.text());
}

HttpResponse EkinerjaApi::listPenilaian(const HttpRequest& request) const {
  if (auto denied = rejectUnauthenticated(request, tokens_)) return *denied;
  LaravelValidation v(request);
  PageRequest page;
  std::optional<std::string_view> unorId = v.hex("unor_id", 32);
  std::optional<long long> tahun =
      v.integer("tahun", true, model_.firstYear(), model_.currentYear());
  std::optional<std::string_view> periodeText =
      v.oneOf("periode", {"TW1", "TW2", "TW3", "TW4", "TAHUNAN"});
  readPage(v, page);
  if (!v.ok()) return v.response();
  int year = static_cast<int>(*tahun);
  Periode periode = *periodeFromName(*periodeText);

  std::optional<std::uint32_t> unit = units_.unitOf(*unorId);
  std::span<const Member> members = unit ? units_.members(*unit) : std::span<const Member>();
  std::uint64_t total = 0;
  for (const Member& m : members) total += model_.applies(employmentOf(m), year, periode);
  auto first = static_cast<std::uint64_t>(page.page - 1) * static_cast<std::uint64_t>(page.perPage);
  std::uint64_t end = first + static_cast<std::uint64_t>(page.perPage);

  JsonOut j(request.fieldDrift);
  j.startObject();
  j.key("data");
  j.startArray();
  std::uint64_t position = 0;
  thread_local population::PersonRecords records;
  for (const Member& m : members) {
    Employment employment = employmentOf(m);
    if (!model_.applies(employment, year, periode)) continue;
    if (position++ < first) continue;
    if (position > end) break;
    world_.population().records(m.person, records);
    j.startObject();
    j.key("nip");
    j.string(records.siasn.nipBaru);
    j.key("nama");
    j.string(records.siasn.nama);
    bool filled = model_.hasSkp(employment, year);
    Penilaian p;
    if (filled) p = model_.penilaian(employment, year, periode);
    j.key("skp_id");
    filled ? j.string(model_.skpId(m.person, year)) : j.null();
    j.key("periode");
    j.string(periodeName(periode));
    j.key("hasil_kerja_rating");
    j.integerOrNull(p.hasilKerja);
    j.key("perilaku_rating");
    j.integerOrNull(p.perilaku);
    j.key("predikat");
    j.stringOrNull(p.predikat);
    j.key("status");
    j.string(filled ? statusName(p.status) : "belum_mengisi");
    j.endObject();
  }
  j.endArray();
  writeMeta(j, page, total);
  j.endObject();
  return HttpResponse::json(200, j.text());
}

HttpResponse EkinerjaApi::listPegawai(const HttpRequest& request) const {
  if (auto denied = rejectUnauthenticated(request, tokens_)) return *denied;
  LaravelValidation v(request);
  PageRequest page;
  std::optional<std::string_view> unorId = v.hex("unor_id", 32);
  readPage(v, page);
  if (!v.ok()) return v.response();

  std::optional<std::uint32_t> unit = units_.unitOf(*unorId);
  std::span<const Member> members = unit ? units_.members(*unit) : std::span<const Member>();
  auto first = static_cast<std::uint64_t>(page.page - 1) * static_cast<std::uint64_t>(page.perPage);
  std::uint64_t end =
      std::min<std::uint64_t>(first + static_cast<std::uint64_t>(page.perPage), members.size());
  JsonOut j(request.fieldDrift);
  j.startObject();
  j.key("data");
  j.startArray();
  thread_local population::PersonRecords records;
  for (std::uint64_t i = first; i < end; ++i) {
    world_.population().records(members[i].person, records);
    const population::SiasnRecord& s = records.siasn;
    j.startObject();
    j.key("nip");
    j.string(s.nipBaru);
    j.key("nama");
    j.string(s.nama);
    j.key("jabatan");
    j.string(s.jabatanNama);
    j.key("unor_id");
    j.string(s.unorId);
    j.key("unor_nama");
    j.string(s.unorNama);
    j.key("atasan_nip");
    std::optional<std::uint32_t> boss = units_.supervisorOf(members[i].person, *unit);
    boss ? j.string(world_.population().person(*boss).nipBaru) : j.null();
    j.endObject();
  }
  j.endArray();
  writeMeta(j, page, members.size());
  j.endObject();
  return HttpResponse::json(200, j.text());
}

HttpResponse EkinerjaApi::truth(const HttpRequest& request) const {
  LaravelValidation v(request);
  std::optional<std::string_view> nip = v.digits("nip", 18);
  std::optional<long long> tahun =
      v.integer("tahun", true, model_.firstYear(), model_.currentYear());
  if (!v.ok()) return v.response();
  int year = static_cast<int>(*tahun);
  std::optional<Employee> e = employeeByNip(*nip);
  bool filled = e && model_.hasSkp(employmentOf(e->member), year);

  JsonOut j(false);
  j.startObject();
  j.key("nip");
  j.string(*nip);
  j.key("tahun");
  j.integer(year);
  j.key("pegawai");
  e ? j.integer(static_cast<long long>(e->records.person.index)) : j.null();
  j.key("skp_id");
  filled ? j.string(model_.skpId(e->records.person.index, year)) : j.null();
  j.key("penilaian");
  j.startArray();
  if (filled) {
    for (const Penilaian& p : model_.penilaianOfYear(employmentOf(e->member), year)) {
      j.startObject();
      j.key("periode");
      j.string(periodeName(p.periode));
      j.key("status");
      j.string(statusName(p.status));
      j.key("predikat_tercatat");
      j.stringOrNull(p.predikat);
      j.key("predikat_benar");
      j.stringOrNull(p.truePredikat);
      j.key("salah_input");
      j.boolean(p.predikatWrong);
      j.endObject();
    }
  }
  j.endArray();
  j.endObject();
  return HttpResponse::json(200, j.text());
}

// Every person whose SIASN record names the unit (one pass over the population; a test aid),
// whether e-Kinerja lists them, and the status each period of the year would be listed with.
HttpResponse EkinerjaApi::agencyTruth(const HttpRequest& request) const {
  LaravelValidation v(request);
  std::optional<std::string_view> unorId = v.hex("unor_id", 32);
  std::optional<long long> tahun =
      v.integer("tahun", true, model_.firstYear(), model_.currentYear());
  if (!v.ok()) return v.response();
  const int year = static_cast<int>(*tahun);
  const population::PopulationGenerator& population = world_.population();
  JsonOut j(false);
  j.startObject();
  j.key("unor_id");
  j.string(*unorId);
  j.key("tahun");
  j.integer(year);
  j.key("pegawai");
  j.startArray();
  population::PersonRecords records;
  for (std::uint64_t i = 0; i < population.options().people; ++i) {
    population.records(i, records);
    if (!records.person.inSiasn || records.siasn.unorId != *unorId) continue;
    std::optional<Employee> e = employeeByIndex(i);
    j.startObject();
    j.key("nip");
    j.string(records.siasn.nipBaru);
    j.key("pegawai");
    j.integer(static_cast<long long>(i));
    j.key("ekinerja");
    j.boolean(e.has_value() && e->unit == units_.unitOf(*unorId));
    j.key("periode");
    j.startObject();
    if (e && e->unit == units_.unitOf(*unorId)) {
      const Employment employment = employmentOf(e->member);
      const bool filled = model_.hasSkp(employment, year);
      for (int p = 0; p < kPeriodeCount; ++p) {
        const auto periode = static_cast<Periode>(p);
        if (!model_.applies(employment, year, periode)) continue;
        j.key(periodeName(periode));
        j.string(filled ? statusName(model_.penilaian(employment, year, periode).status)
                        : std::string_view("belum_mengisi"));
      }
    }
    j.endObject();
    j.endObject();
  }
  j.endArray();
  j.endObject();
  return HttpResponse::json(200, j.text());
}

}  // namespace sinkron::sim::ekinerja
