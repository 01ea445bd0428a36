#pragma once
// The configuration of one SIMPEG REST connector instance: where the API is, its key, the mapping
// file of its pegawai rows, paging and concurrency. Strict: parseSimpegRestConfig rejects unknown
// keys with their line; validate() holds every cross-field rule.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace YAML {
class Node;
}

namespace sinkron::connectors::simpeg {

struct SimpegRestConfig {
  std::string name = "simpeg";    // instance name, in logs and errors
  std::string baseUrl;            // "https://simpeg.example.go.id" (no trailing /api/v1)
  security::Secret apiKey;        // sent as header `X-API-Key`
  std::string caFile;             // PEM bundle to trust instead of the system's (optional)
  std::filesystem::path mapping;  // pegawai -> canonical model (deploy/mappings/simpeg-rest.yaml)
  int pageSize = 100;             // rows per page: 1..1000 (the API's limit)
  int concurrency = 4;            // parallel requests for per-key streams: 1..64
  int maxAttempts = 5;            // HTTP attempts per request, including the first
  std::chrono::milliseconds retryBaseDelay{200};

  Status validate() const;
};

// Reads a config from a YAML mapping node:
//   name, base_url, api_key, ca_file, mapping, page_size, concurrency, max_attempts,
//   retry_base_delay_ms. Unknown keys and wrong types are errors naming `origin` and the line.
Result<SimpegRestConfig> parseSimpegRestConfig(const YAML::Node& node, std::string_view origin);

}  // namespace sinkron::connectors::simpeg
