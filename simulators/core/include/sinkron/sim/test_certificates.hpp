#pragma once
// Throw-away certificates for serving the simulators over HTTPS: a self-signed CA and a server
// certificate it signs for localhost, 127.0.0.1 and ::1, valid for two days. Clients trust
// ca.pem; servers load server.pem (server certificate + CA) and server.key. client.pem and
// client.key, signed by the same CA for clientAuth, are what a client presents for mutual TLS.
#include <filesystem>

#include "sinkron/result.hpp"
#include "sinkron/sim/sim_server.hpp"

namespace sinkron::sim {

struct CertificateFiles {
  std::filesystem::path caCertificate;     // ca.pem: what clients trust
  std::filesystem::path certificateChain;  // server.pem: server certificate, then the CA
  std::filesystem::path privateKey;        // server.key: PKCS#8 PEM, mode 0600
  std::filesystem::path clientCertificate;  // client.pem: a client certificate (mTLS tests)
  std::filesystem::path clientKey;          // client.key

  TlsFiles tlsFiles() const { return {certificateChain, privateKey, {}}; }
};

// Creates `dir` if needed and writes ca.pem, server.pem and server.key into it (replacing
// existing files). Errors name the file or the OpenSSL step that failed.
Result<CertificateFiles> writeTestCertificates(const std::filesystem::path& dir);

}  // namespace sinkron::sim
