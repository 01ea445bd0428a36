#pragma once
// The configuration of one e-Kinerja (BKN) connector instance: the API, its OAuth2 client
// credentials, TLS, concurrency and paging, and every endpoint path (no official server API is
// public: DOMAIN.md). Strict: parseEkinerjaConfig rejects unknown keys with their line;
// validate() holds every cross-field rule.
#include <chrono>
#include <string>
#include <string_view>

#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace YAML {
class Node;
}

namespace sinkron::connectors::ekinerja {

struct EkinerjaPaths {
  std::string token = "/oauth/token";
  std::string skp = "/api/v1/skp";                          // ?nip=&tahun=
  std::string skpPenilaian = "/api/v1/skp/{id}/penilaian";  // {id}: the SKP id
  std::string penilaian = "/api/v1/penilaian";              // ?unor_id=&tahun=&periode=&page=
  std::string pegawai = "/api/v1/pegawai";                  // ?unor_id=&page=
};

struct EkinerjaConfig {
  std::string name = "ekinerja";  // instance name, in logs and errors
  std::string baseUrl;            // "https://kinerja.bkn.go.id" (no trailing '/')
  std::string clientId;           // OAuth2 client credentials (form body)
  security::Secret clientSecret;
  std::string caFile;            // PEM bundle to trust instead of the system's (optional)
  int concurrency = 8;           // parallel requests for the per-NIP stream: 1..128
  double requestsPerSecond = 0;  // token bucket; 0 = unlimited
  int perPage = 100;             // rows per page of listings: 1..500 (the API's limit)
  int batchSize = 500;           // keys per sink batch of the per-NIP stream: 1..10000
  int maxAttempts = 5;           // HTTP attempts per request, including the first
  std::chrono::milliseconds retryBaseDelay{200};
  EkinerjaPaths paths;

  Status validate() const;
};

// Reads a config from a YAML mapping node: name, base_url, client_id, client_secret, ca_file,
// concurrency, requests_per_second, per_page, batch_size, max_attempts, retry_base_delay_ms,
// paths: {token, skp, skp_penilaian, penilaian, pegawai}. Unknown keys and wrong types are
// errors naming `origin` and the line.
Result<EkinerjaConfig> parseEkinerjaConfig(const YAML::Node& node, std::string_view origin);

}  // namespace sinkron::connectors::ekinerja
