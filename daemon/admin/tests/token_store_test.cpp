#include <soci/soci.h>
#include <catch2/catch.hpp>

#include "admin_test_support.hpp"
#include "sinkron/admin/token_store.hpp"
#include "sinkron/store/state_store.hpp"
#include "sinkron/test/database_server.hpp"

using namespace sinkron;
using namespace sinkron::admin;

namespace {

// Every column of every row of admin_tokens, as text.
std::string wholeTable(store::StateStore& store) {
  std::string all;
  soci::rowset<soci::row> rows = store.session().prepare
                                 << "SELECT id, name, role, agencies, token_hash, "
                                    "CAST(created_at AS TEXT) FROM admin_tokens";
  for (const soci::row& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i)
      if (r.get_indicator(i) != soci::i_null) all += r.get<std::string>(i) + "|";
  return all;
}

void exerciseTokens(store::StateStore& store) {
  auto tokens = TokenStore::open(store);
  REQUIRE(tokens);
  TokenStore& ts = **tokens;

  auto ops = ts.create("ops-team", Role::kOperator, {});
  REQUIRE(ops);
  CHECK(ops->size() == 43);  // 32 bytes, base64url without padding
  CHECK(
      ops->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
      std::string::npos);
  auto desk = ts.create("helpdesk.bkd", Role::kHelpdesk, {"A01", "B02"});
  REQUIRE(desk);
  CHECK(*desk != *ops);

  SECTION("a token authenticates as its principal") {
    auto p = ts.authenticate(*desk);
    REQUIRE(p);
    CHECK(p->name == "helpdesk.bkd");
    CHECK(p->role == Role::kHelpdesk);
    CHECK(p->agencies == std::vector<std::string>{"A01", "B02"});
    auto o = ts.authenticate(*ops);
    REQUIRE(o);
    CHECK(o->agencies.empty());
    auto listed = ts.list();
    REQUIRE(listed);
    REQUIRE(listed->size() == 2);
    CHECK((*listed)[0].name == "helpdesk.bkd");
    CHECK((*listed)[0].lastUsedAt.has_value());
    CHECK_FALSE((*listed)[0].revokedAt.has_value());
    CHECK((*listed)[0].createdAt > 0);
  }
  SECTION("the table holds only hashes, never the plaintext") {
    std::string all = wholeTable(store);
    CHECK(all.find(*ops) == std::string::npos);
    CHECK(all.find(*desk) == std::string::npos);
    CHECK(all.find(tokenHash(*ops)) != std::string::npos);
  }
  SECTION("wrong, empty and revoked tokens are rejected") {
    auto wrong = ts.authenticate("not-a-token");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == ErrorCode::kRejected);
    CHECK_FALSE(ts.authenticate(""));
    REQUIRE(ts.revoke("ops-team"));
    CHECK_FALSE(ts.authenticate(*ops));
    auto again = ts.revoke("ops-team");
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::kNotFound);
    CHECK(ts.authenticate(*desk));
    // A revoked name can be issued again; the old token stays dead.
    auto renewed = ts.create("ops-team", Role::kAuditor, {});
    REQUIRE(renewed);
    CHECK_FALSE(ts.authenticate(*ops));
    CHECK(ts.authenticate(*renewed)->role == Role::kAuditor);
  }
  SECTION("bad names, duplicate active names and bad agencies are refused") {
    auto dup = ts.create("ops-team", Role::kOperator, {});
    REQUIRE_FALSE(dup);
    CHECK(dup.error().message.find("revoke") != std::string::npos);
    CHECK_FALSE(ts.create("", Role::kOperator, {}));
    CHECK_FALSE(ts.create("has space", Role::kOperator, {}));
    CHECK_FALSE(ts.create(std::string(65, 'a'), Role::kOperator, {}));
    CHECK_FALSE(ts.create("scoped", Role::kHelpdesk, {"A,B"}));
    CHECK_FALSE(ts.create("scoped", Role::kHelpdesk, {""}));
  }
  SECTION("tokens survive reopening the table") {
    auto reopened = TokenStore::open(store);
    REQUIRE(reopened);
    CHECK((*reopened)->authenticate(*ops)->name == "ops-team");
  }
}

}  // namespace

TEST_CASE("token store on SQLite keeps hashed tokens", "[admin][tokens]") {
  apitest::TempDir dir;
  auto store = apitest::openSqliteStore(dir);
  REQUIRE(store);
  exerciseTokens(*store);
}

TEST_CASE("token hash is the hex SHA-256", "[admin][tokens]") {
  CHECK(tokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("token store on PostgreSQL behaves like SQLite", "[admin][tokens][db]") {
  // One server for every run of the sections.
  static auto server = sinkron::test::TestDatabaseServer::start(
      sinkron::test::TestDatabaseServer::Kind::kPostgreSql);
  REQUIRE(server);
  store::StoreOptions o;
  o.backend = store::Backend::kPostgreSql;
  o.connect = (*server)->sociConnectString();
  auto store = store::StateStore::open(o);
  REQUIRE(store);
  // Sections each need a fresh table: drop it between runs of the body.
  (*store)->session() << "DROP TABLE IF EXISTS admin_tokens";
  exerciseTokens(**store);
}
