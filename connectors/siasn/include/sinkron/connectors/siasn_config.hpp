#pragma once
// The configuration of one SIASN connector instance: the gateway and SSO, both credentials, TLS,
// concurrency and rate, the mapping of data-utama, and every endpoint path and drifting field
// name (DOMAIN.md: no official API documentation is public, so a site must be able to adjust
// them without a rebuild). Strict: parseSiasnConfig rejects unknown keys with their line;
// validate() holds every cross-field rule.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sinkron/result.hpp"
#include "sinkron/security/secret.hpp"

namespace YAML {
class Node;
}

namespace sinkron::connectors::siasn {

// Paths relative to the gateway (or SSO) base URL. "{nip}" and "{kind}" are placeholders.
struct SiasnPaths {
  std::string gatewayToken = "/oauth2/token";
  std::string ssoToken = "/auth/realms/public-siasn/protocol/openid-connect/token";
  std::string dataUtama = "/apisiasn/1.0/pns/data-utama/{nip}";
  std::string history = "/apisiasn/1.0/pns/rw-{kind}/{nip}";
  std::string save = "/apisiasn/1.0/{kind}/save";
  std::string dataUtamaUpdate = "/apisiasn/1.0/pns/data-utama-update";
  std::string referensi = "/referensi_siasn/1/{name}";
  std::string testReferensi = "golongan";  // the table testConnection() reads (limit 1)
};

struct SiasnConfig {
  std::string name = "siasn";  // instance name, in logs and errors
  std::string gatewayUrl;      // "https://apimws.bkn.go.id:8243" (no trailing '/')
  std::string ssoUrl;          // "https://sso-siasn.bkn.go.id" (unused with a pre-issued token)
  std::string consumerKey;     // gateway client id (HTTP Basic user)
  security::Secret consumerSecret;
  std::string ssoClientId;  // password grant, or ...
  std::string ssoUsername;
  security::Secret ssoPassword;
  security::Secret ssoToken;      // ... a pre-issued SSO token from the secrets store
  std::string caFile;             // PEM bundle to trust instead of the system's (optional)
  std::filesystem::path mapping;  // data-utama -> canonical (deploy/mappings/siasn-data-utama.yaml)
  int concurrency = 8;            // parallel requests for per-NIP streams: 1..256
  double requestsPerSecond = 0;   // token bucket; 0 = unlimited
  int batchSize = 500;            // items per sink batch: 1..10000
  int pageSize = 100;             // reference tables: rows per page (limit): 1..1000
  int maxAttempts = 5;            // HTTP attempts per request, including the first
  std::chrono::milliseconds retryBaseDelay{200};
  SiasnPaths paths;
  // Field-name drift: when a mapped field is absent from an answer, the first alias present is
  // used ("tglLahir" arrives as "tanggalLahir" from some endpoints).
  std::map<std::string, std::vector<std::string>> fieldAliases = {
      {"tglLahir", {"tanggalLahir", "tgl_lahir"}},
      {"noHp", {"nomorHp", "nomor_hp"}},
      {"golRuangAkhirId", {"golonganId", "golRuangId"}},
      {"jenisKelamin", {"jenis_kelamin"}},
      {"nipBaru", {"nip_baru", "nip"}},
  };

  bool usesPreIssuedSsoToken() const { return !ssoToken.empty(); }
  Status validate() const;
};

// Reads a config from a YAML mapping node:
//   name, gateway_url, sso_url, consumer_key, consumer_secret, sso_client_id, sso_username,
//   sso_password, sso_token, ca_file, mapping, concurrency, requests_per_second, batch_size,
//   page_size, max_attempts, retry_base_delay_ms,
//   paths: {gateway_token, sso_token, data_utama, history, save, data_utama_update, referensi,
//           test_referensi},
//   field_aliases: {<field>: [<alias>, ...]}.
// Unknown keys and wrong types are errors naming `origin` and the line.
Result<SiasnConfig> parseSiasnConfig(const YAML::Node& node, std::string_view origin);

}  // namespace sinkron::connectors::siasn
