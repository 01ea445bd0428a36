#include <catch2/catch.hpp>
#include <sstream>
#include <type_traits>

#include "sinkron/security/masking.hpp"
#include "sinkron/security/secret.hpp"

using namespace sinkron::security;

TEST_CASE("maskId hides the personal part of NIP and NIK", "[security]") {
  CHECK(maskId("199001312015031002") == "19900131******1002");
  CHECK(maskId("3404017101900001") == "340401******0001");
  CHECK(maskId("123456789") == "*******89");
  CHECK(maskId("") == "");
}

TEST_CASE("maskIdsInText masks every NIP and NIK in a log line", "[security]") {
  CHECK(maskIdsInText("nip 199001312015031002 nik=3404017101900001 row 12") ==
        "nip 19900131******1002 nik=340401******0001 row 12");
  CHECK(maskIdsInText("12345678901234567") == "12345678901234567");  // 17 digits: neither
}

template <typename T, typename = void>
struct Streamable : std::false_type {};
template <typename T>
struct Streamable<T, std::void_t<decltype(std::declval<std::ostream&>() << std::declval<T>())>>
    : std::true_type {};

TEST_CASE("Secret cannot be streamed and reveals only on request", "[security]") {
  STATIC_REQUIRE_FALSE(Streamable<Secret>::value);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<Secret, std::string>);
  Secret s("hunter2");
  CHECK(s.reveal() == "hunter2");
  CHECK_FALSE(s.empty());
}
