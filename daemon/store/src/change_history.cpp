#include "sinkron/store/change_history.hpp"

#include <openssl/evp.h>
#include <soci/soci.h>

#include <array>

namespace sinkron::store {
namespace {

// Fields joined with a separator that cannot occur in them unescaped (lengths prefix each part).
std::string rowHash(const std::string& prev, std::int64_t at, const ChangeEntry& e) {
  std::string text = prev;
  auto add = [&](const std::string& part) {
    text += '|' + std::to_string(part.size()) + ':' + part;
  };
  add(std::to_string(at));
  for (const std::string* p :
       {&e.actor, &e.entity, &e.entityKey, &e.field, &e.oldValue, &e.newValue, &e.reason})
    add(*p);
  add(std::to_string(e.runId));
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md.data(), &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(hex[md[i] >> 4]);
    out.push_back(hex[md[i] & 15]);
  }
  return out;
}

}  // namespace

Status ChangeHistory::append(soci::session& sql, const ChangeEntry& e) {
  std::string prev;
  soci::indicator ind = soci::i_null;
  sql << "SELECT hash FROM change_history ORDER BY id DESC LIMIT 1", soci::into(prev, ind);
  if (!sql.got_data() || ind != soci::i_ok) prev.clear();
  std::int64_t at = nowMillis();
  std::string hash = rowHash(prev, at, e);
  sql << "INSERT INTO change_history (at, actor, entity, entity_key, field, old_value, "
         "new_value, reason, run_id, prev_hash, hash) VALUES (:at, :actor, :entity, :key, "
         ":field, :old, :new, :reason, :run, :prev, :hash)",
      soci::use(at), soci::use(e.actor), soci::use(e.entity), soci::use(e.entityKey),
      soci::use(e.field), soci::use(e.oldValue), soci::use(e.newValue), soci::use(e.reason),
      soci::use(e.runId), soci::use(prev), soci::use(hash);
  return {};
}

Result<HistoryCheck> ChangeHistory::verify(soci::session& sql) {
  HistoryCheck check;
  try {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, at, actor, entity, entity_key, field, old_value, new_value, "
                        "reason, run_id, prev_hash, hash FROM change_history ORDER BY id");
    std::string prev;
    for (const soci::row& r : rows) {
      auto text = [&](std::size_t i) {
        return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
      };
      auto number = [&](std::size_t i) -> std::int64_t {
        if (r.get_indicator(i) == soci::i_null) return 0;
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_long_long:
            return r.get<long long>(i);
          case soci::dt_integer:
            return r.get<int>(i);
          case soci::dt_unsigned_long_long:
            return static_cast<std::int64_t>(r.get<unsigned long long>(i));
          default:
            return std::stoll(r.get<std::string>(i));
        }
      };
      ++check.rows;
      ChangeEntry e{text(2), text(3), text(4), text(5), text(6), text(7), text(8), number(9)};
      std::int64_t id = number(0);
      if (text(10) != prev) {
        check.firstBadId = id;
        check.problem = "row " + std::to_string(id) + " does not continue the chain";
        return check;
      }
      if (rowHash(prev, number(1), e) != text(11)) {
        check.firstBadId = id;
        check.problem = "row " + std::to_string(id) + " was changed after it was written";
        return check;
      }
      prev = text(11);
    }
  } catch (const std::exception& e) {
    return Error::io(std::string("store: verifying the change history: ") + e.what());
  }
  return check;
}

}  // namespace sinkron::store
