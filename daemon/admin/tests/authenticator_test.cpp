#include <catch2/catch.hpp>
#include <chrono>

#include "admin_test_support.hpp"
#include "sinkron/admin/authenticator.hpp"
#include "sinkron/admin/token_store.hpp"

using namespace sinkron::admin;
using Clock = std::chrono::steady_clock;

namespace {

AdminRequest requestFrom(const std::string& address, const std::string& authorization) {
  AdminRequest r;
  r.method = "GET";
  r.path = "/runs";
  r.clientAddress = address;
  if (!authorization.empty()) r.headers["authorization"] = authorization;
  return r;
}

}  // namespace

TEST_CASE("authenticator counts failures per address within the window", "[admin][auth]") {
  apitest::TempDir dir;
  auto store = apitest::openSqliteStore(dir);
  REQUIRE(store);
  auto tokens = TokenStore::open(*store);
  REQUIRE(tokens);
  std::string token = (*tokens)->create("ops", Role::kOperator, {"A01"}).value();

  Clock::time_point now = Clock::now();
  AuthenticatorOptions options;
  options.now = [&now] { return now; };
  Authenticator auth(**tokens, options);

  auto good = auth.authenticate(requestFrom("127.0.0.2", "bearer  " + token + " "));
  REQUIRE(good.principal);
  CHECK(good.principal->name == "ops");
  CHECK(good.principal->agencies == std::vector<std::string>{"A01"});

  // A missing header is not a guess and is never counted.
  for (int i = 0; i < 10; ++i) {
    auto missing = auth.authenticate(requestFrom("127.0.0.2", ""));
    CHECK(missing.denial.status == 401);
  }
  for (int i = 0; i < 5; ++i) {
    auto wrong = auth.authenticate(requestFrom("127.0.0.2", "Bearer nope"));
    REQUIRE_FALSE(wrong.principal);
    CHECK(wrong.denial.status == 401);
    now += std::chrono::seconds(1);
  }
  // The window began at the first failure, 5 s ago: 55 s are left.
  auto blocked = auth.authenticate(requestFrom("127.0.0.2", "Bearer " + token));
  REQUIRE_FALSE(blocked.principal);
  CHECK(blocked.denial.status == 429);
  REQUIRE(blocked.denial.headers.size() == 1);
  CHECK(blocked.denial.headers[0] == std::pair<std::string, std::string>("Retry-After", "55"));

  // Another address is not affected.
  CHECK(auth.authenticate(requestFrom("127.0.0.3", "Bearer " + token)).principal);

  now += std::chrono::seconds(54);
  CHECK(auth.authenticate(requestFrom("127.0.0.2", "Bearer " + token)).denial.headers[0].second ==
        "1");
  now += std::chrono::seconds(1);
  CHECK(auth.authenticate(requestFrom("127.0.0.2", "Bearer " + token)).principal);
}

TEST_CASE("failures spread beyond the window never block", "[admin][auth]") {
  apitest::TempDir dir;
  auto store = apitest::openSqliteStore(dir);
  REQUIRE(store);
  auto tokens = TokenStore::open(*store);
  REQUIRE(tokens);
  std::string token = (*tokens)->create("ops", Role::kOperator, {}).value();
  Clock::time_point now = Clock::now();
  AuthenticatorOptions options;
  options.now = [&now] { return now; };
  Authenticator auth(**tokens, options);

  for (int i = 0; i < 20; ++i) {
    CHECK(auth.authenticate(requestFrom("127.0.0.2", "Bearer nope")).denial.status == 401);
    now += std::chrono::seconds(13);  // at most 5 failures fall into any 60 s window
  }
  CHECK(auth.authenticate(requestFrom("127.0.0.2", "Bearer " + token)).principal);
}
