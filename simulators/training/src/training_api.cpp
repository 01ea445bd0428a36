#include "training_api.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "iso_time.hpp"

namespace sinkron::sim::training {
namespace {

constexpr long long kDefaultLimit = 100, kMaxLimit = 500;

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Field names while a field-drift fault is active.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kDrift{{
    {"nama_pelatihan", "pelatihan"},
    {"jp", "jumlah_jp"},
    {"tanggal_mulai", "tgl_mulai"},
    {"tanggal_selesai", "tgl_selesai"},
    {"nomor_sertifikat", "no_sertifikat"},
}};

void key(Writer& w, std::string_view name, bool drift) {
  if (drift)
    for (const auto& [from, to] : kDrift)
      if (from == name) name = to;
  w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void string(Writer& w, std::string_view value) {
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

HttpResponse error(int status, const std::string& message) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("error");
  string(w, message);
  w.EndObject();
  return HttpResponse::json(status, std::string(buffer.GetString(), buffer.GetSize()));
}

HttpResponse notFound() {
  return HttpResponse::json(404, R"({"error":"not found"})");
}

// Compares without an early exit so that the time taken does not reveal the matching prefix.
bool sameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  return diff == 0;
}

void writeRow(Writer& w, const CompletionModel& model, Completion& c,
              const population::PopulationGenerator& population, bool drift) {
  Attendee a = model.attendee(c, population);
  w.StartObject();
  key(w, "id", drift);
  w.Uint(c.id);
  key(w, "nip", drift);
  string(w, a.nip);
  key(w, "nik", drift);
  a.nik ? string(w, *a.nik) : (void)w.Null();
  key(w, "nama", drift);
  string(w, a.nama);
  key(w, "nama_pelatihan", drift);
  string(w, model.courseTitle(c));
  key(w, "jenis", drift);
  string(w, c.diklat ? "diklat" : "kursus");
  key(w, "jp", drift);
  w.Int(c.jp);
  key(w, "tanggal_mulai", drift);
  string(w, formatIsoDate(c.mulai));
  key(w, "tanggal_selesai", drift);
  string(w, formatIsoDate(c.selesai));
  key(w, "nomor_sertifikat", drift);
  std::string certificate = model.certificateNumber(c);
  certificate.empty() ? (void)w.Null() : string(w, certificate);
  key(w, "penyelenggara", drift);
  string(w, model.organiserName(c));
  key(w, "updated_at", drift);
  string(w, formatIsoTime(c.updatedAt));
  w.EndObject();
}

}  // namespace

CompletionModel modelOf(const World& world) {
  const population::GeneratorOptions& o = world.options().population;
  return CompletionModel(o.seed, o.people, o.asOfYear);
}

TrainingApi::TrainingApi(World& world)
    : world_(world), model_(modelOf(world)), index_(model_, world.options().population.seed) {}

bool TrainingApi::authorized(const HttpRequest& request) const {
  std::optional<std::string_view> key = request.header("x-api-key");
  return key && sameSecret(*key, world_.options().trainingApiKey);
}

std::optional<Completion> TrainingApi::rowOfIdText(std::string_view text) const {
  std::uint32_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return model_.byId(id);
}

HttpResponse TrainingApi::list(const HttpRequest& request) const {
  if (!authorized(request)) return error(401, "invalid api key");

  long long limit = kDefaultLimit;
  if (auto raw = request.queryParam("limit"); raw && !raw->empty()) {
    auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), limit);
    if (ec != std::errc() || end != raw->data() + raw->size() || limit < 1 || limit > kMaxLimit)
      return error(400, "limit: must be a whole number from 1 to " + std::to_string(kMaxLimit) +
                            ", got '" + std::string(*raw) + "'");
  }
  std::size_t start = 0;
  if (auto raw = request.queryParam("updated_since"); raw && !raw->empty()) {
    std::optional<std::int64_t> since = parseIsoTime(*raw);
    if (!since)
      return error(400,
                   "updated_since: expected an ISO-8601 date or date-time such as "
                   "2025-01-31 or 2025-01-31T08:00:00Z, got '" +
                       std::string(*raw) + "'");
    start = index_.firstUpdatedAfter(*since);
  }
  if (auto raw = request.queryParam("cursor"); raw && !raw->empty()) {
    std::optional<std::uint64_t> key = index_.keyOfCursor(*raw);
    if (!key)
      return error(400, "cursor: '" + std::string(*raw) +
                            "' is not a cursor this server issued (use next_cursor as given)");
    start = std::max(start, index_.firstAfterKey(*key));
  }
  std::size_t end = std::min(index_.size(), start + static_cast<std::size_t>(limit));

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("data");
  w.StartArray();
  for (std::size_t i = start; i < end; ++i) {
    std::optional<Completion> c = model_.byId(CompletionIndex::idOf(index_.key(i)));
    if (c) writeRow(w, model_, *c, world_.population(), request.fieldDrift);
  }
  w.EndArray();
  w.Key("next_cursor");
  if (end < index_.size() && end > start)
    string(w, index_.cursorOf(index_.key(end - 1)));
  else
    w.Null();
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

HttpResponse TrainingApi::single(const HttpRequest& request) const {
  if (!authorized(request)) return error(401, "invalid api key");
  std::optional<Completion> c = rowOfIdText(request.param("id"));
  if (!c) return notFound();
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("data");
  writeRow(w, model_, *c, world_.population(), request.fieldDrift);
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

HttpResponse TrainingApi::truth(const HttpRequest& request) const {
  std::optional<Completion> c = rowOfIdText(request.param("id"));
  if (!c) return notFound();
  model_.attendee(*c, world_.population());  // settles the neighbour and title bits
  static constexpr std::pair<AttendeeDefect, std::string_view> kNames[] = {
      {kNobody, "nobody"},
      {kNipEmpty, "nip_empty"},
      {kNipMistyped, "nip_mistyped"},
      {kNipOfNeighbour, "nip_of_neighbour"},
      {kNikEmpty, "nik_empty"},
      {kNameWithTitles, "name_with_titles"},
      {kNameUpper, "name_upper"},
  };
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("id");
  w.Uint(c->id);
  w.Key("person");
  (c->defects & kNobody) ? w.Null() : w.Uint64(c->person);
  w.Key("defects");
  w.StartArray();
  for (const auto& [bit, name] : kNames)
    if (c->defects & bit) string(w, name);
  w.EndArray();
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace sinkron::sim::training
