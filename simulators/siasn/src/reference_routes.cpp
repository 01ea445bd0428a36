// GET /referensi_siasn/1/{golongan,jenis-jabatan,kedudukan-hukum,unor,jabatan-fungsional,...}
// ?limit=&offset= -> {"results":[...],"count":<total rows>}.
#include <charconv>

#include "reference_tables.hpp"
#include "responses.hpp"
#include "routes.hpp"

namespace sinkron::sim::siasn {
namespace {

constexpr std::uint64_t kDefaultLimit = 10;
constexpr std::uint64_t kMaxLimit = 1000;  // larger limits are served as this many rows

// A non-negative integer query parameter; records a problem and returns nullopt when not one.
std::optional<std::uint64_t> queryNumber(const HttpRequest& req, std::string_view name,
                                         std::uint64_t fallback, std::vector<std::string>& errors) {
  std::optional<std::string_view> text = req.queryParam(name);
  if (!text) return fallback;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
    errors.push_back(std::string(name) + ": must be a non-negative integer, got '" +
                     std::string(text->substr(0, 20)) + "'");
    return std::nullopt;
  }
  return value;
}

HttpResponse getReference(const ReferenceTable& table, const HttpRequest& req) {
  std::vector<std::string> errors;
  std::optional<std::uint64_t> limit = queryNumber(req, "limit", kDefaultLimit, errors);
  std::optional<std::uint64_t> offset = queryNumber(req, "offset", 0, errors);
  if (limit && *limit == 0) errors.push_back("limit: must be at least 1");
  if (!errors.empty()) return validationFailed(errors);

  auto entries = table.entries();
  std::uint64_t begin = std::min<std::uint64_t>(*offset, entries.size());
  std::uint64_t end = std::min<std::uint64_t>(begin + std::min(*limit, kMaxLimit), entries.size());
  std::string body = "{\"results\":[";
  for (std::uint64_t i = begin; i < end; ++i) {
    if (i > begin) body.push_back(',');
    body += entries[i].json;
  }
  body += "],\"count\":" + std::to_string(entries.size()) + "}";
  return HttpResponse::json(200, std::move(body));
}

}  // namespace

void addReferenceRoutes(Router& router, StatePtr state) {
  for (const auto& [name, table] : referenceCatalog().served()) {
    router.add("GET", "/referensi_siasn/1/" + std::string(name),
               guarded(state, ApiScope::kReferensi, [table = table](const HttpRequest& req) {
                 return getReference(*table, req);
               }));
  }
}

}  // namespace sinkron::sim::siasn
