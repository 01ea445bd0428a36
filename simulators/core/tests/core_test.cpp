#include <catch2/catch.hpp>

#include "sinkron/sim/fault_book.hpp"
#include "sinkron/sim/router.hpp"
#include "sinkron/sim/token_issuer.hpp"
#include "sinkron/sim/write_log.hpp"

using namespace sinkron::sim;

TEST_CASE("Router captures segments, answers 404 and 405", "[sim][router]") {
  Router router;
  router.add("GET", "/pns/data-utama/{nip}", [](const HttpRequest& r) {
    return HttpResponse::json(200, std::string(r.param("nip")));
  });
  HttpRequest req;
  req.method = "GET";
  req.target = "/pns/data-utama/1985%2001?x=a+b&y";
  REQUIRE(req.parseTarget());
  std::string route;
  HttpResponse res = router.dispatch(req, &route);
  CHECK(res.status == 200);
  CHECK(res.body == "1985 01");
  CHECK(route == "/pns/data-utama/{nip}");
  CHECK(req.queryParam("x") == "a b");
  CHECK(req.queryParam("y") == "");
  req.method = "POST";
  CHECK(router.dispatch(req).status == 405);
  req.method = "GET";
  req.path = "/nope";
  CHECK(router.dispatch(req).status == 404);
}

TEST_CASE("TokenIssuer detects unknown, expired and revoked tokens", "[sim][token]") {
  TokenIssuer issuer("t", std::chrono::seconds(3600), 7);
  auto a = issuer.issue("client");
  CHECK(issuer.check(a.token) == TokenCheck::kValid);
  CHECK(issuer.subjectOf(a.token) == "client");
  CHECK(issuer.check("nope") == TokenCheck::kUnknown);
  CHECK(issuer.check("") == TokenCheck::kMissing);
  issuer.revokeAll();
  CHECK(issuer.check(a.token) == TokenCheck::kRevoked);
  issuer.setLifetime(std::chrono::seconds(0));
  CHECK(issuer.check(issuer.issue().token) == TokenCheck::kExpired);
  CHECK(bearerToken("Bearer abc") == "abc");
  CHECK(bearerToken("bearer  abc ") == "abc");
  CHECK(bearerToken("Basic abc").empty());
}

TEST_CASE("WriteLog counts duplicates by natural key", "[sim][writes]") {
  WriteLog log;
  CHECK(log.record({0, "siasn", "/kursus/save", "k1", "{}", "id1"}) == 0);
  CHECK(log.record({0, "siasn", "/kursus/save", "k2", "{}", "id2"}) == 0);
  CHECK(log.record({0, "siasn", "/kursus/save", "k1", "{}", "id3"}) == 1);
  CHECK(log.total() == 3);
  CHECK(log.distinctKeys() == 2);
  CHECK(log.duplicates() == 1);
  CHECK(log.duplicated().size() == 2);
  WriteEntry first;
  REQUIRE(log.find("k1", &first));
  CHECK(first.assignedId == "id1");
  CHECK(log.toJson("", 0, 10).find("\"duplicates\":1") != std::string::npos);
}

TEST_CASE("FaultBook decisions are reproducible and bounded", "[sim][faults]") {
  FaultBook a(42), b(42);
  for (FaultBook* book : {&a, &b})
    REQUIRE(book->addFromJson(R"({"faults":[{"system":"siasn","route":"/apisiasn/*",
        "kind":"status","status":503,"rate":0.3},{"system":"siasn","kind":"rate_limit",
        "retry_after":2,"count":1,"route":"/x"}]})"));
  int hits = 0;
  for (std::uint64_t s = 0; s < 1000; ++s) {
    FaultDecision da = a.decide("siasn", "/apisiasn/1.0/pns/data-utama/{nip}", s);
    FaultDecision db = b.decide("siasn", "/apisiasn/1.0/pns/data-utama/{nip}", s);
    CHECK(da.status == db.status);
    hits += da.status == 503;
  }
  CHECK(hits > 200);
  CHECK(hits < 400);
  CHECK(a.decide("simpeg", "/apisiasn/1.0/x", 1).status == 0);
  CHECK(a.decide("siasn", "/x", 1).status == 429);
  CHECK(a.decide("siasn", "/x", 2).status == 0);  // count 1 used up

  FaultBook c;
  auto bad = c.addFromJson(R"({"faults":[{"kind":"explode"}]})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("faults[0].kind") != std::string::npos);
  CHECK_FALSE(c.addFromJson(R"({"kind":"status","sttus":500})"));
  CHECK_FALSE(c.addFromJson("{nope"));
}
