#include <catch2/catch.hpp>

#include "../src/request_target.hpp"
#include "sinkron/admin/admin_router.hpp"

using namespace sinkron::admin;

namespace {

AdminHandler answering(std::string body) {
  return [body](const AdminRequest&, const Principal&) { return AdminResponse::json(200, body); };
}

}  // namespace

TEST_CASE("router matches literal and {param} segments, literal first", "[admin][router]") {
  AdminRouter router;
  REQUIRE(
      router.add("GET", "/runs/{id}", RouteAccess::forRoles({Role::kAuditor}), answering("one")));
  REQUIRE(router.add("GET", "/runs/latest", RouteAccess::forRoles({Role::kAuditor}),
                     answering("latest")));
  REQUIRE(router.add("POST", "/runs/{id}/steps/{step}", RouteAccess::forRoles({Role::kOperator}),
                     answering("step")));

  auto one = router.match("GET", "/runs/42");
  REQUIRE(one.kind == AdminRouter::Match::Kind::kFound);
  CHECK(one.params.at("id") == "42");
  CHECK(one.route->handler({}, {}).body == "one");

  auto latest = router.match("GET", "/runs/latest");
  REQUIRE(latest.kind == AdminRouter::Match::Kind::kFound);
  CHECK(latest.route->pattern == "/runs/latest");
  CHECK(latest.params.empty());

  auto step = router.match("POST", "/runs/7/steps/pull");
  REQUIRE(step.kind == AdminRouter::Match::Kind::kFound);
  CHECK(step.params.at("id") == "7");
  CHECK(step.params.at("step") == "pull");

  SECTION("a known path with another method names the allowed ones") {
    auto wrong = router.match("DELETE", "/runs/7/steps/pull");
    CHECK(wrong.kind == AdminRouter::Match::Kind::kWrongMethod);
    CHECK(wrong.allow == "POST");
  }
  SECTION("unknown paths, empty params and longer paths are not found") {
    CHECK(router.match("GET", "/nothing").kind == AdminRouter::Match::Kind::kNotFound);
    CHECK(router.match("GET", "/runs/").kind == AdminRouter::Match::Kind::kNotFound);
    CHECK(router.match("GET", "/runs/1/2").kind == AdminRouter::Match::Kind::kNotFound);
    CHECK(router.match("GET", "runs/1").kind == AdminRouter::Match::Kind::kNotFound);
  }
}

TEST_CASE("router refuses bad route declarations", "[admin][router]") {
  AdminRouter router;
  auto ok = RouteAccess::forRoles({Role::kOperator});
  CHECK_FALSE(router.add("GET", "runs", ok, answering("x")));
  CHECK_FALSE(router.add("GET", "/runs/{}", ok, answering("x")));
  CHECK_FALSE(router.add("GET", "/a/{id}/b/{id}", ok, answering("x")));
  CHECK_FALSE(router.add("GET", "/runs", RouteAccess{}, answering("x")));  // no role, not public
  CHECK_FALSE(router.add("GET", "/runs", ok, nullptr));
  REQUIRE(router.add("GET", "/runs/{id}", ok, answering("x")));
  auto twice = router.add("GET", "/runs/{id}", ok, answering("y"));
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message.find("twice") != std::string::npos);
  CHECK(router.routes().size() == 1);
}

TEST_CASE("route access lists roles; public allows everyone", "[admin][router]") {
  auto two = RouteAccess::forRoles({Role::kOperator, Role::kHelpdesk});
  CHECK(two.allows(Role::kOperator));
  CHECK(two.allows(Role::kHelpdesk));
  CHECK_FALSE(two.allows(Role::kAuditor));
  CHECK(RouteAccess::publicRoute().allows(Role::kAuditor));
  CHECK(parseRole("helpdesk").value() == Role::kHelpdesk);
  CHECK_FALSE(parseRole("root"));
}

TEST_CASE("request targets are split and percent-decoded", "[admin][router]") {
  RequestTarget t;
  REQUIRE(parseRequestTarget("/lookup/Siti%20Aminah?limit=10&q=a+b&flag&x=%2F", t));
  CHECK(t.path == "/lookup/Siti Aminah");
  CHECK(t.query.at("limit") == "10");
  CHECK(t.query.at("q") == "a b");
  CHECK(t.query.at("flag").empty());
  CHECK(t.query.at("x") == "/");
  CHECK_FALSE(parseRequestTarget("http://example.org/x", t));
  CHECK_FALSE(parseRequestTarget("/bad%2", t));
  CHECK_FALSE(parseRequestTarget("/bad%zz", t));
  CHECK_FALSE(parseRequestTarget("", t));
}

TEST_CASE("principals without agencies see every agency", "[admin][router]") {
  Principal all{"ops", Role::kOperator, {}};
  Principal scoped{"bkd", Role::kHelpdesk, {"A01", "B02"}};
  CHECK(all.mayAccessAgency("Z99"));
  CHECK(scoped.mayAccessAgency("B02"));
  CHECK_FALSE(scoped.mayAccessAgency("Z99"));
  CHECK(jsonQuote("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(AdminResponse::error(404, "not_found", "no").body ==
        R"({"error":{"code":"not_found","message":"no"}})");
}
