#include "sinkron/sim/fault_book.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>

#include "sinkron/sim/http_message.hpp"

namespace sinkron::sim {
namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 9> kKindNames{{
    {FaultKind::kLatency, "latency"},
    {FaultKind::kStatus, "status"},
    {FaultKind::kRateLimit, "rate_limit"},
    {FaultKind::kReset, "reset"},
    {FaultKind::kTruncate, "truncate"},
    {FaultKind::kMalformedJson, "malformed_json"},
    {FaultKind::kTrickle, "trickle"},
    {FaultKind::kTokenRevoke, "token_revoke"},
    {FaultKind::kFieldDrift, "field_drift"},
}};

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A uniform number in [0,1) from (seed, rule, sequence, salt): reproducible per request.
double unit(std::uint64_t seed, std::size_t rule, std::uint64_t sequence, std::uint64_t salt) {
  std::uint64_t h = mix(seed ^ mix(rule * 0x100000001b3ULL ^ mix(sequence ^ (salt << 56))));
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

bool routeMatches(std::string_view rule, std::string_view route) {
  if (rule.empty() || rule == "*") return true;
  if (rule.back() == '*')
    return route.substr(0, rule.size() - 1) == rule.substr(0, rule.size() - 1);
  return rule == route;
}

Result<FaultRule> ruleFromJson(const rapidjson::Value& v, std::size_t index) {
  std::string where = "faults[" + std::to_string(index) + "]";
  if (!v.IsObject()) return Error::parse(where + ": expected an object");
  FaultRule r;
  auto str = [&](const char* name, std::string& out) -> Status {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd()) return {};
    if (!it->value.IsString()) return Error::parse(where + "." + name + ": expected a string");
    out = it->value.GetString();
    return {};
  };
  auto num = [&](const char* name, auto& out) -> Status {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd()) return {};
    if (!it->value.IsNumber()) return Error::parse(where + "." + name + ": expected a number");
    out = static_cast<std::remove_reference_t<decltype(out)>>(it->value.GetDouble());
    return {};
  };
  static constexpr std::array<std::string_view, 11> kKnown{
      "system",      "route",    "kind",      "rate",          "count",           "status",
      "retry_after", "fixed_ms", "jitter_ms", "trickle_bytes", "trickle_delay_ms"};
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string_view name(m->name.GetString(), m->name.GetStringLength());
    bool known = false;
    for (std::string_view k : kKnown) known = known || k == name;
    if (!known) return Error::parse(where + ": unknown field '" + std::string(name) + "'");
  }
  std::string kind;
  for (Status s :
       {str("system", r.system), str("route", r.route), str("kind", kind), num("rate", r.rate),
        num("count", r.count), num("status", r.status), num("retry_after", r.retryAfterSeconds),
        num("fixed_ms", r.fixedMs), num("jitter_ms", r.jitterMs),
        num("trickle_bytes", r.trickleBytes), num("trickle_delay_ms", r.trickleDelayMs)})
    if (!s) return s.error();
  if (r.system.empty()) r.system = "*";
  if (r.route.empty()) r.route = "*";
  bool ok = false;
  r.kind = faultKindFromName(kind, &ok);
  if (!ok) {
    std::string names;
    for (const auto& [k, n] : kKindNames) names += (names.empty() ? "" : ", ") + std::string(n);
    return Error::parse(where + ".kind: unknown fault '" + kind + "' (one of: " + names + ")");
  }
  if (r.rate < 0 || r.rate > 1) return Error::parse(where + ".rate: must be within 0..1");
  if (r.kind == FaultKind::kStatus && (r.status < 400 || r.status > 599))
    return Error::parse(where + ".status: must be an HTTP error status 400..599");
  if (r.fixedMs < 0 || r.jitterMs < 0 || r.trickleBytes < 1 || r.trickleDelayMs < 0 ||
      r.retryAfterSeconds < 0)
    return Error::parse(where + ": negative or zero durations/sizes are not allowed");
  return r;
}

}  // namespace

FaultKind faultKindFromName(std::string_view name, bool* ok) {
  for (const auto& [kind, n] : kKindNames)
    if (n == name) {
      if (ok) *ok = true;
      return kind;
    }
  if (ok) *ok = false;
  return FaultKind::kStatus;
}

std::string_view faultKindName(FaultKind kind) {
  for (const auto& [k, n] : kKindNames)
    if (k == kind) return n;
  return "?";
}

FaultBook::FaultBook(std::uint64_t seed) : seed_(seed) {}

std::size_t FaultBook::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  if (rule.kind == FaultKind::kTokenRevoke) {
    revocations_.push_back(rule.system);
    revocationsPending_.store(true, std::memory_order_release);
  }
  rules_.push_back(std::move(rule));
  ruleCount_.store(rules_.size(), std::memory_order_release);
  return rules_.size() - 1;
}

Status FaultBook::addFromJson(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    return Error::parse("faults: malformed JSON at offset " + std::to_string(doc.GetErrorOffset()) +
                        ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  std::vector<FaultRule> parsed;
  if (doc.IsObject() && doc.HasMember("faults")) {
    const rapidjson::Value& list = doc["faults"];
    if (!list.IsArray()) return Error::parse("faults: expected an array");
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      Result<FaultRule> r = ruleFromJson(list[i], i);
      if (!r) return r.error();
      parsed.push_back(std::move(*r));
    }
  } else {
    Result<FaultRule> r = ruleFromJson(doc, 0);
    if (!r) return r.error();
    parsed.push_back(std::move(*r));
  }
  for (FaultRule& r : parsed) add(std::move(r));
  return {};
}

void FaultBook::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
  ruleCount_.store(0, std::memory_order_release);
}

std::vector<FaultRule> FaultBook::rules() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

std::string FaultBook::toJson() const {
  std::lock_guard lock(mutex_);
  std::string out = "{\"faults\":[";
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const FaultRule& r = rules_[i];
    if (i) out.push_back(',');
    out += "{\"system\":" + jsonQuote(r.system) + ",\"route\":" + jsonQuote(r.route) +
           ",\"kind\":" + jsonQuote(faultKindName(r.kind)) + ",\"rate\":" + std::to_string(r.rate) +
           ",\"count\":" + std::to_string(r.count) + ",\"hits\":" + std::to_string(r.hits) +
           ",\"status\":" + std::to_string(r.status) +
           ",\"retry_after\":" + std::to_string(r.retryAfterSeconds) +
           ",\"fixed_ms\":" + std::to_string(r.fixedMs) +
           ",\"jitter_ms\":" + std::to_string(r.jitterMs) +
           ",\"trickle_bytes\":" + std::to_string(r.trickleBytes) +
           ",\"trickle_delay_ms\":" + std::to_string(r.trickleDelayMs) + "}";
  }
  out += "]}";
  return out;
}

FaultDecision FaultBook::decide(std::string_view system, std::string_view route,
                                std::uint64_t sequence) {
  FaultDecision d;
  if (ruleCount_.load(std::memory_order_acquire) == 0) return d;
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    FaultRule& r = rules_[i];
    if (r.kind == FaultKind::kTokenRevoke) continue;
    if (r.system != "*" && r.system != system) continue;
    if (!routeMatches(r.route, route)) continue;
    if (r.count && r.hits >= r.count) continue;
    if (r.rate < 1.0 && unit(seed_, i, sequence, 0) >= r.rate) continue;
    ++r.hits;
    switch (r.kind) {
      case FaultKind::kLatency:
        d.delayMs += r.fixedMs + static_cast<int>(unit(seed_, i, sequence, 1) * (r.jitterMs + 1));
        break;
      case FaultKind::kStatus:
        if (!d.status) d.status = r.status;
        break;
      case FaultKind::kRateLimit:
        if (!d.status) {
          d.status = 429;
          d.retryAfterSeconds = r.retryAfterSeconds;
        }
        break;
      case FaultKind::kReset:
        d.reset = true;
        break;
      case FaultKind::kTruncate:
        d.truncate = true;
        break;
      case FaultKind::kMalformedJson:
        d.malformedJson = true;
        break;
      case FaultKind::kTrickle:
        d.trickleBytes = r.trickleBytes;
        d.trickleDelayMs = r.trickleDelayMs;
        break;
      case FaultKind::kFieldDrift:
        d.fieldDrift = true;
        break;
      case FaultKind::kTokenRevoke:
        break;
    }
  }
  return d;
}

std::vector<std::string> FaultBook::takeRevocations() {
  std::vector<std::string> out;
  if (!revocationsPending_.load(std::memory_order_acquire)) return out;
  std::lock_guard lock(mutex_);
  out.swap(revocations_);
  revocationsPending_.store(false, std::memory_order_release);
  return out;
}

}  // namespace sinkron::sim
