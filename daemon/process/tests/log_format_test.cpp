#include <rapidjson/document.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "sinkron/process/log_format.hpp"
#include "test_support.hpp"

using namespace sinkron::process;
using namespace std::chrono;

namespace {

// TZ for one test, restored afterwards. POSIX rules ("WIB-7" is UTC+7) need no tzdata.
class TimeZone {
 public:
  explicit TimeZone(const std::string& tz) {
    env_->set(tz);
    ::tzset();
  }
  ~TimeZone() {
    env_.reset();
    ::tzset();
  }

 private:
  std::optional<testing::EnvVar> env_{std::in_place, "TZ"};
};

// 2026-11-23T03:00:00.123Z
system_clock::time_point sampleTime() {
  return sys_days{year{2026} / November / 23} + hours{3} + milliseconds{123};
}

LogLine sample(std::string_view message, std::string_view logger = "siasn",
               spdlog::level::level_enum level = spdlog::level::info) {
  return LogLine{sampleTime(), level, logger, message};
}

std::string jsonField(const std::string& line, const char* field) {
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember(field));
  return doc[field].GetString();
}

}  // namespace

TEST_CASE("timestamps are local time with milliseconds and offset", "[process][logging]") {
  SECTION("UTC+7 (WIB)") {
    TimeZone tz("WIB-7");
    CHECK(formatTimestamp(sampleTime()) == "2026-11-23T10:00:00.123+07:00");
  }
  SECTION("UTC-03:30") {
    TimeZone tz("NST+3:30");
    CHECK(formatTimestamp(sampleTime()) == "2026-11-22T23:30:00.123-03:30");
  }
  SECTION("UTC") {
    TimeZone tz("UTC0");
    CHECK(formatTimestamp(sampleTime()) == "2026-11-23T03:00:00.123+00:00");
  }
}

TEST_CASE("text lines: time, level, [component], message", "[process][logging]") {
  TimeZone tz("WIB-7");
  CHECK(formatTextLine(sample("pulled 3 records")) ==
        "2026-11-23T10:00:00.123+07:00 INFO [siasn] pulled 3 records\n");
  CHECK(formatTextLine(sample("slow", "http", spdlog::level::warn)) ==
        "2026-11-23T10:00:00.123+07:00 WARN [http] slow\n");
  CHECK(formatTextLine(sample("down", "db", spdlog::level::err)) ==
        "2026-11-23T10:00:00.123+07:00 ERROR [db] down\n");

  SECTION("control characters are escaped: one record is one line") {
    CHECK(formatTextLine(sample("a\nINFO [x] forged\r\x01\tb")) ==
          "2026-11-23T10:00:00.123+07:00 INFO [siasn] a\\nINFO [x] forged\\r\\x01\tb\n");
  }
}

TEST_CASE("JSON lines: ts, level, logger, msg", "[process][logging]") {
  TimeZone tz("WIB-7");
  CHECK(formatJsonLine(sample("pulled 3 records")) ==
        "{\"ts\":\"2026-11-23T10:00:00.123+07:00\",\"level\":\"info\",\"logger\":\"siasn\","
        "\"msg\":\"pulled 3 records\"}\n");
  CHECK(jsonField(formatJsonLine(sample("x", "db", spdlog::level::critical)), "level") ==
        "critical");
  CHECK(jsonField(formatJsonLine(sample("x", "db", spdlog::level::debug)), "level") == "debug");
}

TEST_CASE("every NIP and NIK is masked in both formats", "[process][logging]") {
  auto line =
      sample("nip 199001312015031002 nik=3404017101900001 row 12", "ops-199001312015031002");
  std::string text = formatTextLine(line);
  std::string json = formatJsonLine(line);
  for (const std::string& out : {text, json}) {
    CHECK(out.find("199001312015031002") == std::string::npos);
    CHECK(out.find("3404017101900001") == std::string::npos);
    CHECK_THAT(out, Catch::Contains("nip 19900131******1002 nik=340401******0001 row 12"));
    CHECK_THAT(out, Catch::Contains("ops-19900131******1002"));
  }
}

TEST_CASE("JSON escaping keeps every line valid JSON", "[process][logging]") {
  CHECK(jsonEscape("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(jsonEscape("C:\\temp") == "C:\\\\temp");
  CHECK(jsonEscape("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(jsonEscape(std::string("\x01\x1f\x7f\b\f", 5)) == "\\u0001\\u001f\\u007f\\b\\f");
  CHECK(jsonEscape(std::string("nul\0end", 7)) == "nul\\u0000end");
  CHECK(jsonEscape("Bekasi – Jawa Barat, Müller") == "Bekasi – Jawa Barat, Müller");
  CHECK(jsonEscape("bad \xff\xfe byte") == "bad \\ufffd\\ufffd byte");
  CHECK(jsonEscape("cut \xe2\x80") == "cut \\ufffd\\ufffd");
  CHECK(jsonEscape("overlong \xc0\xaf") == "overlong \\ufffd\\ufffd");
  CHECK(jsonEscape("surrogate \xed\xa0\x80") == "surrogate \\ufffd\\ufffd\\ufffd");

  std::string nasty = "quote \" backslash \\ newline \n tab \t bell \x07 end";
  std::string line = formatJsonLine(sample(nasty, "log\"ger"));
  CHECK(line.find('\n') == line.size() - 1);
  CHECK(jsonField(line, "msg") == nasty);
  CHECK(jsonField(line, "logger") == "log\"ger");
}
