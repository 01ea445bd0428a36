#include "sinkron/sim/admin_routes.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <string>

namespace sinkron::sim {
namespace {

using population::Defect;

constexpr std::uint64_t kDefaultPageLimit = 1000;
constexpr std::uint64_t kMaxPageLimit = 10000;

constexpr std::array<std::pair<Defect, std::string_view>, 23> kDefectNames{{
    {Defect::kNameTypo, "name_typo"},
    {Defect::kNameVariant, "name_variant"},
    {Defect::kTitleDiff, "title_diff"},
    {Defect::kBirthDateWrong, "birth_date_wrong"},
    {Defect::kSexWrong, "sex_wrong"},
    {Defect::kNipDigit, "nip_digit"},
    {Defect::kNipOtherPerson, "nip_other_person"},
    {Defect::kNipTransposed, "nip_transposed"},
    {Defect::kNipMissing, "nip_missing"},
    {Defect::kNikDigit, "nik_digit"},
    {Defect::kNikMissing, "nik_missing"},
    {Defect::kGolonganDiff, "golongan_diff"},
    {Defect::kUnitDiff, "unit_diff"},
    {Defect::kContactDiff, "contact_diff"},
    {Defect::kSimpegOnly, "simpeg_only"},
    {Defect::kSiasnOnly, "siasn_only"},
    {Defect::kDuplicate, "duplicate"},
    {Defect::kNamesake, "namesake"},
    {Defect::kTwin, "twin"},
    {Defect::kNikInvalid, "nik_invalid"},
    {Defect::kEmailEmpty, "email_empty"},
    {Defect::kActivePastBup, "active_past_bup"},
    {Defect::kCaseDiff, "case_diff"},
}};

HttpResponse badRequest(const std::string& message) {
  return HttpResponse::json(400,
                            "{\"code\":0,\"data\":null,\"message\":" + jsonQuote(message) + "}");
}

// An unsigned query parameter; `fallback` when absent or empty.
Result<std::uint64_t> unsignedParam(const HttpRequest& req, std::string_view name,
                                    std::uint64_t fallback) {
  std::optional<std::string_view> raw = req.queryParam(name);
  if (!raw || raw->empty()) return fallback;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
  if (ec != std::errc() || end != raw->data() + raw->size())
    return Error::invalid(std::string(name) + ": expected a whole number >= 0, got '" +
                          std::string(*raw) + "'");
  return value;
}

struct Page {
  std::uint64_t offset = 0, limit = 0;
};

Result<Page> pageOf(const HttpRequest& req) {
  Result<std::uint64_t> offset = unsignedParam(req, "offset", 0);
  if (!offset) return offset.error();
  Result<std::uint64_t> limit = unsignedParam(req, "limit", kDefaultPageLimit);
  if (!limit) return limit.error();
  return Page{*offset, std::min(*limit, kMaxPageLimit)};
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void writeTruthItem(JsonWriter& w, const population::PersonRecords& rec) {
  const population::Person& p = rec.person;
  w.StartObject();
  w.Key("index");
  w.Uint64(p.index);
  w.Key("personId");
  writeString(w, p.personId);
  w.Key("nipBaru");
  writeString(w, p.nipBaru);
  w.Key("nipLama");
  writeString(w, p.nipLama);
  w.Key("nik");
  writeString(w, p.nik);
  w.Key("inSimpeg");
  w.Bool(p.inSimpeg);
  w.Key("inSiasn");
  w.Bool(p.inSiasn);
  w.Key("simpegIds");
  w.StartArray();
  for (int i = 0; i < rec.simpegCount; ++i) writeString(w, rec.simpeg[i].idPegawai);
  w.EndArray();
  w.Key("simpegNips");
  w.StartArray();
  for (int i = 0; i < rec.simpegCount; ++i) writeString(w, rec.simpeg[i].nipBaru);
  w.EndArray();
  w.Key("defects");
  w.StartArray();
  for (const auto& [defect, name] : kDefectNames)
    if (p.has(defect)) writeString(w, name);
  w.EndArray();
  w.EndObject();
}

HttpResponse truth(const World& world, const HttpRequest& req) {
  Result<Page> page = pageOf(req);
  if (!page) return badRequest(page.error().message);
  const population::PopulationGenerator& population = world.population();
  std::uint64_t people = population.options().people;
  std::uint64_t begin = std::min(page->offset, people);
  std::uint64_t end = begin + std::min(page->limit, people - begin);

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("people");
  w.Uint64(people);
  w.Key("offset");
  w.Uint64(page->offset);
  w.Key("limit");
  w.Uint64(page->limit);
  w.Key("items");
  w.StartArray();
  population::PersonRecords rec;
  for (std::uint64_t i = begin; i < end; ++i) {
    population.records(i, rec);
    writeTruthItem(w, rec);
  }
  w.EndArray();
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

HttpResponse writes(const WriteLog& log, const HttpRequest& req) {
  Result<Page> page = pageOf(req);
  if (!page) return badRequest(page.error().message);
  std::string_view system = req.queryParam("system").value_or(std::string_view());
  return HttpResponse::json(200, log.toJson(system, page->offset, page->limit));
}

}  // namespace

bool isAdminPath(std::string_view path) {
  return path.starts_with(kAdminPathPrefix);
}

void addAdminRoutes(Router& router, World& world) {
  router.add("GET", "/_sim/health", [&world](const HttpRequest&) {
    return HttpResponse::json(200, "{\"status\":\"ok\",\"people\":" +
                                       std::to_string(world.population().options().people) + "}");
  });
  router.add("GET", "/_sim/truth", [&world](const HttpRequest& req) { return truth(world, req); });
  router.add("GET", "/_sim/writes",
             [&world](const HttpRequest& req) { return writes(world.writes(), req); });
  router.add("DELETE", "/_sim/writes", [&world](const HttpRequest&) {
    world.writes().clear();
    return HttpResponse::json(200, world.writes().toJson("", 0, 0));
  });
  router.add("GET", "/_sim/faults", [&world](const HttpRequest&) {
    return HttpResponse::json(200, world.faults().toJson());
  });
  router.add("POST", "/_sim/faults", [&world](const HttpRequest& req) {
    Status added = world.faults().addFromJson(req.body);
    if (!added) return badRequest(added.error().message);
    world.applyRevocations();  // a token_revoke rule takes effect at once
    return HttpResponse::json(200, world.faults().toJson());
  });
  router.add("DELETE", "/_sim/faults", [&world](const HttpRequest&) {
    world.faults().clear();
    return HttpResponse::json(200, world.faults().toJson());
  });
}

}  // namespace sinkron::sim
