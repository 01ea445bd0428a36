#include "sinkron/admin/token_store.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <soci/soci.h>

#include <array>
#include <cctype>

#include "sinkron/store/state_store.hpp"

namespace sinkron::admin {
namespace {

constexpr std::size_t kTokenBytes = 32;
// last_used_at is written at most this often per token, so reads do not become writes.
constexpr std::int64_t kLastUsedResolutionMs = 60'000;

std::string base64url(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < size; i += 3) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (size - i == 1) {
    unsigned v = data[i] << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (size - i == 2) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    for (int s = 18; s >= 6; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  return out;
}

bool validName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

std::string joinAgencies(const std::vector<std::string>& agencies) {
  std::string out;
  for (const std::string& a : agencies) out += (out.empty() ? "" : ",") + a;
  return out;
}

std::vector<std::string> splitAgencies(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t comma = text.find(',', i);
    if (comma == std::string::npos) comma = text.size();
    if (comma > i) out.push_back(text.substr(i, comma - i));
    i = comma + 1;
  }
  return out;
}

std::int64_t integer(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(i));
    default:
      return std::stoll(r.get<std::string>(i));
  }
}

std::optional<std::int64_t> optionalInteger(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return integer(r, i);
}

// A stored row (an unknown stored role reads as the least privileged, auditor).
TokenInfo infoOf(const soci::row& r, std::string* hash) {
  TokenInfo t;
  t.name = r.get<std::string>(0);
  t.role = parseRole(r.get<std::string>(1)).valueOr(Role::kAuditor);
  t.agencies = splitAgencies(r.get_indicator(2) == soci::i_null ? "" : r.get<std::string>(2));
  if (hash) *hash = r.get<std::string>(3);
  t.createdAt = integer(r, 4);
  t.revokedAt = optionalInteger(r, 5);
  t.lastUsedAt = optionalInteger(r, 6);
  return t;
}

constexpr const char* kSelectColumns =
    "SELECT name, role, agencies, token_hash, created_at, revoked_at, last_used_at "
    "FROM admin_tokens";

}  // namespace

std::string tokenHash(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1)
    return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

Result<std::unique_ptr<TokenStore>> TokenStore::open(store::StateStore& store) {
  Status created = store.transaction("creating admin_tokens", [](soci::session& sql) -> Status {
    sql << "CREATE TABLE IF NOT EXISTS admin_tokens ("
           "id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, agencies TEXT NOT NULL, "
           "token_hash TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT, "
           "last_used_at BIGINT)";
    return {};
  });
  if (!created) return created.error();
  return std::unique_ptr<TokenStore>(new TokenStore(store));
}

Result<std::string> TokenStore::create(std::string_view name, Role role,
                                       const std::vector<std::string>& agencies) {
  std::string id(name);
  if (!validName(id))
    return Error::invalid("token name '" + id + "': use 1 to 64 letters, digits, '.', '_' or '-'");
  for (const std::string& a : agencies)
    if (a.empty() || a.find(',') != std::string::npos)
      return Error::invalid("token '" + id + "': agency id '" + a + "' is empty or has a comma");
  std::array<unsigned char, kTokenBytes> raw{};
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
    return Error::internal("token '" + id + "': the random generator failed");
  std::string token = base64url(raw.data(), raw.size());
  std::string hash = tokenHash(token);
  if (hash.empty()) return Error::internal("token '" + id + "': SHA-256 failed");

  std::lock_guard lock(mutex_);
  Status s = store_.transaction("creating token '" + id + "'", [&](soci::session& sql) -> Status {
    long long revoked = 0;
    soci::indicator revokedInd = soci::i_null;
    std::string existing;
    sql << "SELECT id, revoked_at FROM admin_tokens WHERE id = :id", soci::use(id),
        soci::into(existing), soci::into(revoked, revokedInd);
    if (sql.got_data()) {
      if (revokedInd == soci::i_null)
        return Error::rejected("token '" + id + "' exists; revoke it first");
      sql << "DELETE FROM admin_tokens WHERE id = :id", soci::use(id);
    }
    std::string roleText(roleName(role));
    std::string scope = joinAgencies(agencies);
    long long now = store::nowMillis();
    sql << "INSERT INTO admin_tokens (id, name, role, agencies, token_hash, created_at) "
           "VALUES (:id, :name, :role, :agencies, :hash, :created)",
        soci::use(id), soci::use(id), soci::use(roleText), soci::use(scope), soci::use(hash),
        soci::use(now);
    return {};
  });
  if (!s) return s.error();
  return token;
}

Status TokenStore::revoke(std::string_view name) {
  std::string id(name);
  std::lock_guard lock(mutex_);
  return store_.transaction("revoking token '" + id + "'", [&](soci::session& sql) -> Status {
    long long now = store::nowMillis();
    soci::statement st = (sql.prepare << "UPDATE admin_tokens SET revoked_at = :now "
                                         "WHERE id = :id AND revoked_at IS NULL",
                          soci::use(now), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Error::notFound("no active token named '" + id + "'");
    return {};
  });
}

Result<std::vector<TokenInfo>> TokenStore::list() {
  std::vector<TokenInfo> out;
  std::lock_guard lock(mutex_);
  Status s = store_.transaction("listing tokens", [&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows = sql.prepare << std::string(kSelectColumns) + " ORDER BY id";
    for (const soci::row& r : rows) out.push_back(infoOf(r, nullptr));
    return {};
  });
  if (!s) return s.error();
  return out;
}

Result<Principal> TokenStore::authenticate(std::string_view token) {
  std::string presented = tokenHash(token);
  if (presented.empty() || token.empty()) return Error::rejected("invalid token");
  std::optional<TokenInfo> found;
  std::lock_guard lock(mutex_);
  Status s = store_.transaction("checking a token", [&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows = sql.prepare
                                   << std::string(kSelectColumns) + " WHERE revoked_at IS NULL";
    // Every active hash is compared, in constant time, whatever matched before.
    for (const soci::row& r : rows) {
      std::string stored;
      TokenInfo info = infoOf(r, &stored);
      bool same = stored.size() == presented.size() &&
                  CRYPTO_memcmp(stored.data(), presented.data(), stored.size()) == 0;
      if (same) found = std::move(info);
    }
    if (!found) return {};
    long long now = store::nowMillis();
    if (!found->lastUsedAt || now - *found->lastUsedAt >= kLastUsedResolutionMs)
      sql << "UPDATE admin_tokens SET last_used_at = :now WHERE id = :id", soci::use(now),
          soci::use(found->name);
    return {};
  });
  if (!s) return s.error();
  if (!found) return Error::rejected("invalid token");
  return Principal{found->name, found->role, found->agencies};
}

}  // namespace sinkron::admin
