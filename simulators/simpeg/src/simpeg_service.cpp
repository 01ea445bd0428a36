#include "simpeg_service.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "cursor.hpp"
#include "dates.hpp"
#include "simpeg_json.hpp"

namespace sinkron::sim::simpeg {

namespace {

constexpr std::size_t kDefaultLimit = 100, kMaxLimit = 1000, kMaxTableLimit = 5000;
constexpr std::string_view kPatchRoute = "/api/v1/pegawai/{id}";

HttpResponse errorResponse(int status, std::string_view message) {
  std::string body = R"({"status":"error","message":)";
  body.append(jsonQuote(message)).push_back('}');
  return HttpResponse::json(status, std::move(body));
}

HttpResponse notFound() {
  return errorResponse(404, "Pegawai tidak ditemukan");
}

// {"status":"success","data":<fill(writer)>, <more(writer): further members>}
template <typename Fill, typename More>
HttpResponse success(Fill&& fill, More&& more) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("status");
  w.String("success");
  w.Key("data");
  fill(w);
  more(w);
  w.EndObject();
  return HttpResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

template <typename Fill>
HttpResponse success(Fill&& fill) {
  return success(std::forward<Fill>(fill), [](JsonWriter&) {});
}

bool parseUint(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool isNip(std::string_view text) {
  return text.size() == 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Optional ?limit= within 1..max (`fallback` when absent); false with a message when invalid.
bool readLimit(const HttpRequest& request, std::size_t fallback, std::size_t max, std::size_t& out,
               std::string& error) {
  out = fallback;
  std::optional<std::string_view> text = request.queryParam("limit");
  if (!text) return true;
  std::uint64_t v = 0;
  if (!parseUint(*text, v) || v < 1 || v > max) {
    error = "limit: harus bilangan bulat 1.." + std::to_string(max);
    return false;
  }
  out = static_cast<std::size_t>(v);
  return true;
}

// 422 {"status":"error","message":"Validasi gagal: f what; ...","errors":{"f":"what",...}}
HttpResponse validationFailed(const PatchCheck& check) {
  std::string message = "Validasi gagal:";
  for (const auto& [field, what] : check.errors) message.append(" " + field + " " + what + ";");
  message.pop_back();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("status");
  w.String("error");
  w.Key("message");
  w.String(message);
  w.Key("errors");
  w.StartObject();
  for (const auto& [field, what] : check.errors) {
    w.Key(field.c_str(), static_cast<rapidjson::SizeType>(field.size()));
    w.String(what);
  }
  w.EndObject();
  w.EndObject();
  return HttpResponse::json(422, std::string(buffer.GetString(), buffer.GetSize()));
}

// The natural key of a correction: "pegawai|<id>|<field>=<value>|..." with the fields sorted.
std::string writeKey(std::uint32_t idPegawai, std::vector<FieldValue> values) {
  std::sort(values.begin(), values.end(), [](const FieldValue& a, const FieldValue& b) {
    return fieldName(a.field) < fieldName(b.field);
  });
  std::string key = "pegawai|" + std::to_string(idPegawai);
  for (const FieldValue& v : values)
    key.append("|").append(fieldName(v.field)).append("=" + v.value);
  return key;
}

}  // namespace

SimpegService::SimpegService(World& world) : world_(world) {}

bool SimpegService::authorized(const HttpRequest& request) const {
  std::optional<std::string_view> key = request.header("x-api-key");
  return key && *key == world_.options().simpegApiKey;
}

const SimpegDirectory& SimpegService::directory() {
  std::call_once(directoryOnce_,
                 [this] { directory_ = SimpegDirectory::build(world_.population()); });
  return *directory_;
}

std::optional<PegawaiRow> SimpegService::effectiveRow(std::uint32_t idPegawai) {
  const SimpegDirectory& dir = directory();
  std::optional<RowRef> ref = dir.find(idPegawai);
  if (!ref) return std::nullopt;
  PegawaiRow row = dir.row(*ref);
  Correction correction;
  if (overlay_.find(idPegawai, &correction)) {
    for (const FieldValue& v : correction.values) applyField(row, v);
    row.updatedAtMicros = correction.updatedAtMicros;
  }
  return row;
}

std::optional<PegawaiRow> SimpegService::resolve(std::string_view idOrNip) {
  if (!isNip(idOrNip)) {
    std::uint64_t id = 0;
    if (!parseUint(idOrNip, id) || id > std::numeric_limits<std::uint32_t>::max())
      return std::nullopt;
    return effectiveRow(static_cast<std::uint32_t>(id));
  }
  std::vector<std::uint32_t> ids;
  directory().idsWithNip(idOrNip, ids);
  overlay_.idsWithNip(idOrNip, ids);
  std::sort(ids.begin(), ids.end());
  for (std::uint32_t id : ids) {  // a NIP may be on two rows (a duplicate entry, a mistyped NIP)
    std::optional<PegawaiRow> row = effectiveRow(id);
    if (row && row->nipBaru == idOrNip) return row;
  }
  return std::nullopt;
}

namespace {

void writeJoined(JsonWriter& w, const SimpegDirectory& dir, const PegawaiRow& row, bool drift) {
  const UnitKerjaRow* unit = dir.unit(row.idUnitKerja);
  const JabatanRow* jabatan = dir.jabatan().find(row.idJ);
  writePegawai(w, row, unit ? std::string_view(unit->nama) : std::string_view(),
               jabatan ? std::string_view(jabatan->namaJabatan) : std::string_view(), drift);
}

}  // namespace

HttpResponse SimpegService::listPegawai(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::size_t limit = 0;
  std::string error;
  if (!readLimit(request, kDefaultLimit, kMaxLimit, limit, error)) return errorResponse(400, error);
  // Rows strictly after `after`: updated_since is inclusive, the cursor is the last row seen.
  RowKey after{std::numeric_limits<std::int64_t>::min(), 0};
  if (std::optional<std::string_view> since = request.queryParam("updated_since");
      since && !since->empty()) {
    std::optional<std::int64_t> micros = parseIsoTimestamp(*since);
    if (!micros)
      return errorResponse(400, "updated_since: harus waktu ISO-8601, mis. 2025-01-31T00:00:00Z");
    after = {*micros - 1, std::numeric_limits<std::uint32_t>::max()};
  }
  if (std::optional<std::string_view> text = request.queryParam("cursor"); text && !text->empty()) {
    std::optional<RowKey> cursor = decodeCursor(*text);
    if (!cursor) return errorResponse(400, "cursor: tidak valid");
    after = std::max(after, *cursor);
  }

  const SimpegDirectory& dir = directory();
  const population::GeneratorOptions& options = dir.population().options();
  auto keyOf = [&](std::uint32_t id) { return RowKey{generatedUpdatedAtMicros(options, id), id}; };
  std::span<const std::uint32_t> order = dir.order();
  auto base = std::upper_bound(order.begin(), order.end(), after,
                               [&](const RowKey& k, std::uint32_t id) { return k < keyOf(id); });
  std::vector<RowKey> corrected = overlay_.keysAfter(after, limit + 1);
  auto next = corrected.begin();
  std::vector<RowKey> page;  // merge of the generated order and the corrected rows
  while (page.size() <= limit) {
    while (base != order.end() && overlay_.find(*base, nullptr)) ++base;  // moved by a correction
    bool haveBase = base != order.end(), haveCorrected = next != corrected.end();
    if (!haveBase && !haveCorrected) break;
    if (haveBase && (!haveCorrected || keyOf(*base) < *next)) {
      page.push_back(keyOf(*base++));
    } else {
      page.push_back(*next++);
    }
  }
  bool more = page.size() > limit;
  if (more) page.resize(limit);

  return success(
      [&](JsonWriter& w) {
        w.StartArray();
        for (const RowKey& key : page)
          if (std::optional<PegawaiRow> row = effectiveRow(key.second))
            writeJoined(w, dir, *row, request.fieldDrift);
        w.EndArray();
      },
      [&](JsonWriter& w) {
        w.Key("next_cursor");
        if (more)
          w.String(encodeCursor(page.back()));
        else
          w.Null();
      });
}

HttpResponse SimpegService::getPegawai(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::optional<PegawaiRow> row = resolve(request.param("id"));
  if (!row) return notFound();
  return success([&](JsonWriter& w) { writeJoined(w, directory(), *row, request.fieldDrift); });
}

HttpResponse SimpegService::riwayatPangkat(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::optional<PegawaiRow> row = resolve(request.param("id"));
  if (!row) return notFound();
  std::vector<RiwayatPangkatRow> rows;
  simpeg::riwayatPangkat(*row, rows);
  return success([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& r : rows) writeRiwayatPangkat(w, r);
    w.EndArray();
  });
}

HttpResponse SimpegService::riwayatJabatan(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::optional<PegawaiRow> row = resolve(request.param("id"));
  if (!row) return notFound();
  std::vector<RiwayatJabatanRow> rows;
  simpeg::riwayatJabatan(*row, directory().jabatan().find(row->idJ), rows);
  return success([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& r : rows) writeRiwayatJabatan(w, r);
    w.EndArray();
  });
}

HttpResponse SimpegService::diklat(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::optional<PegawaiRow> row = resolve(request.param("id"));
  if (!row) return notFound();
  std::vector<DiklatRow> rows;
  simpeg::diklat(world_.options().population, *row, directory().jabatan().find(row->idJ), rows);
  return success([&](JsonWriter& w) {
    w.StartArray();
    for (const auto& r : rows) writeDiklat(w, r);
    w.EndArray();
  });
}

namespace {

// A whole table or, with ?limit=&offset=, a slice of it; "total" is the table's size.
template <typename Row, typename Write>
HttpResponse tableResponse(const HttpRequest& request, std::span<const Row> rows, Write write) {
  std::size_t limit = 0, offset = 0;
  std::string error;
  if (!readLimit(request, rows.size(), kMaxTableLimit, limit, error))
    return errorResponse(400, error);
  if (std::optional<std::string_view> text = request.queryParam("offset")) {
    std::uint64_t v = 0;
    if (!parseUint(*text, v)) return errorResponse(400, "offset: harus bilangan bulat >= 0");
    offset = static_cast<std::size_t>(std::min<std::uint64_t>(v, rows.size()));
  }
  return success(
      [&](JsonWriter& w) {
        w.StartArray();
        for (std::size_t i = offset; i < rows.size() && i < offset + limit; ++i) write(w, rows[i]);
        w.EndArray();
      },
      [&](JsonWriter& w) {
        w.Key("total");
        w.Uint64(rows.size());
      });
}

}  // namespace

HttpResponse SimpegService::unitKerja(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  return tableResponse(request, directory().units(), writeUnitKerja);
}

HttpResponse SimpegService::jabatan(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  return tableResponse(request, directory().jabatan().rows(), writeJabatan);
}

HttpResponse SimpegService::patchPegawai(const HttpRequest& request) {
  if (!authorized(request)) return errorResponse(401, "API key tidak valid");
  std::uint64_t id = 0;
  std::string_view idText = request.param("id");
  const SimpegDirectory& dir = directory();
  if (!parseUint(idText, id) || id > std::numeric_limits<std::uint32_t>::max() ||
      !dir.find(static_cast<std::uint32_t>(id)))
    return notFound();
  auto idPegawai = static_cast<std::uint32_t>(id);

  PatchReferences refs{[&](std::uint32_t u) { return dir.unit(u) != nullptr; },
                       [&](std::uint32_t j) { return dir.jabatan().find(j) != nullptr; }};
  PatchCheck check = checkPatch(request.body, refs);
  if (!check.bodyError.empty()) return errorResponse(400, check.bodyError);
  if (!check.errors.empty()) return validationFailed(check);

  std::int64_t floor = generatedHorizonMicros(dir.population().options());
  overlay_.apply(idPegawai, check.values, floor);
  world_.writes().record({0, "simpeg", std::string(kPatchRoute), writeKey(idPegawai, check.values),
                          request.body, std::string(idText)});

  std::optional<PegawaiRow> row = effectiveRow(idPegawai);
  return success([&](JsonWriter& w) { writeJoined(w, dir, *row, request.fieldDrift); });
}

}  // namespace sinkron::sim::simpeg
