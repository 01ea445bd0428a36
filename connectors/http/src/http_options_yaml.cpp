#include "sinkron/connectors/http_options_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <functional>
#include <string>

namespace sinkron::connectors::http {
namespace {

struct OptionEntry {
  OptionDoc doc;
  // Reads the scalar into the options; throws YAML::Exception on a wrong type.
  std::function<void(const YAML::Node&, ClientOptions&)> apply;
};

template <typename T>
T positive(const YAML::Node& n) {
  T v = n.as<T>();
  if (v < 0) throw std::invalid_argument("must not be negative");
  return v;
}

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::array<OptionEntry, 21>& table() {
  static const std::array<OptionEntry, 21> kTable = {{
      {{"max_concurrency", "int", "8", "requests in flight at once"},
       [](const YAML::Node& n, ClientOptions& o) { o.maxConcurrency = positive<int>(n); }},
      {{"connect_timeout_ms", "int", "10000", "TCP + TLS connect timeout"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.connectTimeout = milliseconds(positive<long>(n));
       }},
      {{"timeout_ms", "int", "60000", "total time of one attempt"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.totalTimeout = milliseconds(positive<long>(n));
       }},
      {{"low_speed_bytes_per_second", "int", "1", "abort an attempt below this rate ..."},
       [](const YAML::Node& n, ClientOptions& o) { o.lowSpeedBytesPerSecond = positive<long>(n); }},
      {{"low_speed_time_s", "int", "30", "... sustained this long"},
       [](const YAML::Node& n, ClientOptions& o) { o.lowSpeedTime = seconds(positive<long>(n)); }},
      {{"max_response_bytes", "int", "67108864", "larger answers fail"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.maxResponseBytes = static_cast<std::size_t>(positive<long long>(n));
       }},
      {{"proxy", "string", "\"\"", "http://host:port; empty = none (environment ignored)"},
       [](const YAML::Node& n, ClientOptions& o) { o.proxy = n.as<std::string>(); }},
      {{"http2", "bool", "true", "offer HTTP/2 over TLS"},
       [](const YAML::Node& n, ClientOptions& o) { o.http2 = n.as<bool>(); }},
      {{"gzip", "bool", "true", "ask for gzip-compressed answers"},
       [](const YAML::Node& n, ClientOptions& o) { o.gzip = n.as<bool>(); }},
      {{"user_agent", "string", "sinkron/0.1", "User-Agent header"},
       [](const YAML::Node& n, ClientOptions& o) { o.userAgent = n.as<std::string>(); }},
      {{"tls.ca_file", "path", "\"\"", "PEM bundle to trust; empty = the system's"},
       [](const YAML::Node& n, ClientOptions& o) { o.tls.caFile = n.as<std::string>(); }},
      {{"tls.client_cert_file", "path", "\"\"", "PEM client certificate (mutual TLS)"},
       [](const YAML::Node& n, ClientOptions& o) { o.tls.clientCertFile = n.as<std::string>(); }},
      {{"tls.client_key_file", "path", "\"\"", "PEM key of the client certificate"},
       [](const YAML::Node& n, ClientOptions& o) { o.tls.clientKeyFile = n.as<std::string>(); }},
      {{"retry.max_attempts", "int", "5", "attempts including the first"},
       [](const YAML::Node& n, ClientOptions& o) { o.retry.maxAttempts = positive<int>(n); }},
      {{"retry.base_delay_ms", "int", "200", "backoff base (full jitter, doubling)"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.retry.baseDelay = milliseconds(positive<long>(n));
       }},
      {{"retry.max_delay_ms", "int", "30000", "backoff cap"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.retry.maxDelay = milliseconds(positive<long>(n));
       }},
      {{"retry.budget_ms", "int", "120000", "give up when waiting would exceed this"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.retry.budget = milliseconds(positive<long>(n));
       }},
      {{"rate.requests_per_second", "number", "0", "token bucket rate; 0 = unlimited"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.rate.requestsPerSecond = positive<double>(n);
       }},
      {{"rate.burst", "number", "10", "token bucket size"},
       [](const YAML::Node& n, ClientOptions& o) { o.rate.burst = positive<double>(n); }},
      {{"circuit.failures_to_open", "int", "10", "consecutive retryable failures per host"},
       [](const YAML::Node& n, ClientOptions& o) { o.circuit.failuresToOpen = positive<int>(n); }},
      {{"circuit.open_for_ms", "int", "10000", "then one probe request (half-open)"},
       [](const YAML::Node& n, ClientOptions& o) {
         o.circuit.openFor = milliseconds(positive<long>(n));
       }},
  }};
  return kTable;
}

std::string at(std::string_view file, const YAML::Mark& mark) {
  return std::string(file) + ":" + std::to_string(mark.line + 1);
}

Status walk(const YAML::Node& map, const std::string& prefix, std::string_view file,
            ClientOptions& options) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = prefix + it->first.as<std::string>();
    const YAML::Node& value = it->second;
    if (value.IsMap()) {
      if (auto s = walk(value, key + ".", file, options); !s) return s;
      continue;
    }
    const OptionEntry* entry = nullptr;
    for (const auto& e : table())
      if (e.doc.key == key) entry = &e;
    if (entry == nullptr) {
      std::string known;
      for (const auto& e : table()) known += (known.empty() ? "" : ", ") + std::string(e.doc.key);
      return Error::invalid(at(file, it->first.Mark()) + ": http." + key +
                            ": unknown key (known: " + known + ")");
    }
    try {
      entry->apply(value, options);
    } catch (const std::exception&) {
      return Error::invalid(
          at(file, value.Mark()) + ": http." + key + ": expected " + std::string(entry->doc.type) +
          (entry->doc.type == "int" || entry->doc.type == "number" ? " (not negative)" : ""));
    }
  }
  return {};
}

}  // namespace

std::span<const OptionDoc> clientOptionDocs() {
  static const auto kDocs = [] {
    std::array<OptionDoc, 20> docs{};
    for (std::size_t i = 0; i < docs.size(); ++i) docs[i] = table()[i].doc;
    return docs;
  }();
  return kDocs;
}

Status parseClientOptions(const YAML::Node& node, std::string_view file, ClientOptions& options) {
  if (!node.IsDefined() || node.IsNull()) return {};
  if (!node.IsMap()) return Error::invalid(at(file, node.Mark()) + ": http: expected a map");
  try {
    return walk(node, "", file, options);
  } catch (const YAML::Exception& e) {
    return Error::invalid(at(file, e.mark) + ": http: " + e.msg);
  }
}

}  // namespace sinkron::connectors::http
