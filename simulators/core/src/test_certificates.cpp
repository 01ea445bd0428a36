#include "sinkron/sim/test_certificates.hpp"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

namespace sinkron::sim {
namespace {

constexpr long kValiditySeconds = 2L * 24 * 3600;
constexpr long kBackdateSeconds = 60;  // tolerate a little clock difference

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

// Thrown inside this file only; writeTestCertificates turns it into an Error.
struct CertificateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void failOpenSsl(const std::string& step) {
  unsigned long code = ERR_get_error();
  char text[256] = "unknown OpenSSL error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  throw CertificateError(step + ": " + text);
}

void check(int rc, const std::string& step) {
  if (rc <= 0) failOpenSsl(step);
}

KeyPtr newKey() {
  KeyPtr key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  if (!key) failOpenSsl("generate EC P-256 key");
  return key;
}

void addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (ext == nullptr) failOpenSsl(std::string("extension ") + OBJ_nid2sn(nid) + "=" + value);
  int rc = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(rc, std::string("add extension ") + OBJ_nid2sn(nid));
}

void setRandomSerial(X509* cert) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
  if (!serial) failOpenSsl("serial number");
  check(BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "serial number");
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr)
    failOpenSsl("serial number");
}

struct Extension {
  int nid;
  const char* value;
};

// A certificate for `key` named `commonName`, signed by `issuer`/`issuerKey` (self-signed when
// issuer is null).
CertPtr makeCertificate(EVP_PKEY* key, const char* commonName, X509* issuer, EVP_PKEY* issuerKey,
                        std::initializer_list<Extension> extensions) {
  CertPtr cert(X509_new(), &X509_free);
  if (!cert) failOpenSsl("new certificate");
  X509* x = cert.get();
  check(X509_set_version(x, X509_VERSION_3), "set version");
  setRandomSerial(x);
  if (X509_gmtime_adj(X509_getm_notBefore(x), -kBackdateSeconds) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(x), kValiditySeconds) == nullptr)
    failOpenSsl("validity period");
  check(X509_set_pubkey(x, key), "set public key");
  X509_NAME* name = X509_get_subject_name(x);
  auto text = [](const char* s) { return reinterpret_cast<const unsigned char*>(s); };
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, text("sinkron simulators"), -1, -1, 0),
        "subject O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text(commonName), -1, -1, 0),
        "subject CN");
  check(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name), "issuer name");
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : x, x, nullptr, nullptr, 0);
  for (const Extension& e : extensions) addExtension(x, &ctx, e.nid, e.value);
  check(X509_sign(x, issuerKey ? issuerKey : key, EVP_sha256()), "sign certificate");
  return cert;
}

std::string errnoText(const std::filesystem::path& path, const char* what) {
  return path.string() + ": " + what + ": " + std::strerror(errno);
}

// Opens `path` for writing with `mode` (also when it exists with another mode).
std::unique_ptr<FILE, decltype(&std::fclose)> openForWriting(const std::filesystem::path& path,
                                                             mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw CertificateError(errnoText(path, "cannot open for writing"));
  if (::fchmod(fd, mode) != 0) {
    std::string message = errnoText(path, "cannot set permissions");
    ::close(fd);
    throw CertificateError(message);
  }
  FILE* file = ::fdopen(fd, "w");
  if (file == nullptr) {
    std::string message = errnoText(path, "cannot open for writing");
    ::close(fd);
    throw CertificateError(message);
  }
  return {file, &std::fclose};
}

void finish(std::unique_ptr<FILE, decltype(&std::fclose)> file, const std::filesystem::path& path) {
  if (std::fflush(file.get()) != 0 || std::ferror(file.get()))
    throw CertificateError(errnoText(path, "write failed"));
  if (std::fclose(file.release()) != 0) throw CertificateError(errnoText(path, "close failed"));
}

void writeCertificates(const std::filesystem::path& path, std::initializer_list<X509*> certs) {
  auto file = openForWriting(path, 0644);
  for (X509* cert : certs)
    if (PEM_write_X509(file.get(), cert) != 1) failOpenSsl(path.string() + ": write certificate");
  finish(std::move(file), path);
}

void writePrivateKey(const std::filesystem::path& path, EVP_PKEY* key) {
  auto file = openForWriting(path, 0600);
  if (PEM_write_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    failOpenSsl(path.string() + ": write private key");
  finish(std::move(file), path);
}

}  // namespace

Result<CertificateFiles> writeTestCertificates(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::io(dir.string() + ": cannot create the folder: " + ec.message());
  CertificateFiles files{dir / "ca.pem", dir / "server.pem", dir / "server.key",
                         dir / "client.pem", dir / "client.key"};
  try {
    KeyPtr caKey = newKey();
    CertPtr ca = makeCertificate(caKey.get(), "sinkron-sim test CA", nullptr, nullptr,
                                 {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                  {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                  {NID_subject_key_identifier, "hash"}});
    KeyPtr serverKey = newKey();
    CertPtr server = makeCertificate(serverKey.get(), "localhost", ca.get(), caKey.get(),
                                     {{NID_basic_constraints, "critical,CA:FALSE"},
                                      {NID_key_usage, "critical,digitalSignature"},
                                      {NID_ext_key_usage, "serverAuth"},
                                      {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
                                      {NID_subject_key_identifier, "hash"},
                                      {NID_authority_key_identifier, "keyid:always"}});
    KeyPtr clientKey = newKey();
    CertPtr client = makeCertificate(clientKey.get(), "sinkron test client", ca.get(), caKey.get(),
                                     {{NID_basic_constraints, "critical,CA:FALSE"},
                                      {NID_key_usage, "critical,digitalSignature"},
                                      {NID_ext_key_usage, "clientAuth"},
                                      {NID_subject_key_identifier, "hash"},
                                      {NID_authority_key_identifier, "keyid:always"}});
    writeCertificates(files.clientCertificate, {client.get()});
    writePrivateKey(files.clientKey, clientKey.get());
    writeCertificates(files.caCertificate, {ca.get()});
    writeCertificates(files.certificateChain, {server.get(), ca.get()});
    writePrivateKey(files.privateKey, serverKey.get());
  } catch (const CertificateError& e) {
    return Error::io(std::string("test certificates in ") + dir.string() + ": " + e.what());
  }
  return files;
}

}  // namespace sinkron::sim
