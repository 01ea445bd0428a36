// The flat-object fast path must agree with RapidJSON wherever it accepts a record, and decline
// whatever it does not handle (the SAX path then parses it or names the error).
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "../src/flat_json_scanner.hpp"

using sinkron::connectors::JsonFieldIndex;
using sinkron::connectors::scanFlatJsonObject;

namespace {

const std::vector<std::string> kPaths = {"nipBaru", "nama", "code", "aktif", "nilai", "kosong"};

struct Scan {
  bool accepted = false;
  std::vector<std::string_view> slots;
};

Scan scan(std::string_view text, std::string_view root = "data") {
  static JsonFieldIndex index(kPaths);
  Scan s;
  s.slots.resize(kPaths.size());
  s.accepted = scanFlatJsonObject(text, root, index, s.slots);
  return s;
}

// What the SAX path keeps for a flat (or once-wrapped) object, computed with a DOM parse.
bool expectedSlots(const std::string& text, std::vector<std::string>& out, bool& present) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag>(text.c_str(),
                                                                                     text.size());
  if (d.HasParseError() || !d.IsObject()) return false;
  out.assign(kPaths.size(), "");
  auto take = [&](const rapidjson::Value& obj) {
    for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
      std::string key(m->name.GetString(), m->name.GetStringLength());
      for (std::size_t i = 0; i < kPaths.size(); ++i) {
        if (kPaths[i] != key) continue;
        const auto& v = m->value;
        if (v.IsString())
          out[i].assign(v.GetString(), v.GetStringLength());
        else if (v.IsBool())
          out[i] = v.GetBool() ? "true" : "false";
        else if (v.IsNull())
          out[i].clear();
      }
    }
  };
  take(d);
  if (d.HasMember("data") && d["data"].IsObject()) take(d["data"]);
  present = true;
  return true;
}

}  // namespace

TEST_CASE("flat JSON scanner reads flat and wrapped records like the SAX path",
          "[connectors][json]") {
  auto s = scan(
      R"({"data":{"nipBaru":"198001012005011001","nama":"Ani","aktif":true,"nilai":-1.5e3,"kosong":null},"code":1})");
  REQUIRE(s.accepted);
  CHECK(s.slots[0] == "198001012005011001");
  CHECK(s.slots[1] == "Ani");
  CHECK(s.slots[2] == "1");
  CHECK(s.slots[3] == "true");
  CHECK(s.slots[4] == "-1.5e3");
  CHECK(s.slots[5].empty());

  s = scan(" { \"nama\" : \"Budi\" ,\t\"nipBaru\":\"1\" } trailing");
  REQUIRE(s.accepted);
  CHECK(s.slots[1] == "Budi");
  CHECK(s.slots[0] == "1");

  // The key order just seen is remembered and compared first: near misses must still be read
  // as what they are (a longer key, blanks around the colon, another order).
  s = scan(R"({"nipBaruX":"9","nama" :"Cici","nipBaru":"2"})");
  REQUIRE(s.accepted);
  CHECK(s.slots[0] == "2");
  CHECK(s.slots[1] == "Cici");
  s = scan(R"({"nama":"Dedi","nipBaru":"3"})");
  REQUIRE(s.accepted);
  CHECK(s.slots[0] == "3");
  CHECK(s.slots[1] == "Dedi");
  s = scan(R"({"nama":"Dedi","nipBaru":"3"})");  // now every key is at its remembered place
  REQUIRE(s.accepted);
  CHECK(s.slots[0] == "3");
  CHECK(s.slots[1] == "Dedi");

  CHECK(scan("{}").accepted);
  CHECK(scan(R"({"data":{}})").accepted);
  // Keys the mapping does not ask for are skipped; unicode passes through untouched.
  s = scan(R"({"lain":"x","nama":"Dewi Sартика"})");
  REQUIRE(s.accepted);
  CHECK(s.slots[1] == "Dewi Sартика");
}

TEST_CASE("flat JSON scanner declines what the SAX path must handle", "[connectors][json]") {
  for (const char* text : {
           R"({"nama":"A\"B"})",         // escape
           R"({"nama":"A\u00e9"})",      // unicode escape
           "{\"nama\":\"A\tB\"}",        // control character
           R"({"unor":{"nama":"X"}})",   // nested object, not the root
           R"({"data":{"x":{"y":1}}})",  // nested inside the wrapper
           R"({"data":{},"data":{}})",   // a second wrapper
           R"({"list":[1,2]})",          // array
           R"({"nama":"A",})",           // trailing comma
           R"({"nama":"A")",             // truncated
           R"({"nama":01})",             // leading zero
           R"({"nama":1.})",             // missing fraction
           R"({"nama":+1})",             // plus sign
           R"({"nama":nul})",            // bad literal
           R"({"nama" "A"})",            // missing colon
           R"(["nama"])",                // not an object
           R"({nama:"A"})",              // unquoted key
       }) {
    INFO(text);
    CHECK_FALSE(scan(text).accepted);
  }
}

TEST_CASE("flat JSON scanner: whatever it accepts, RapidJSON reads the same",
          "[connectors][json]") {
  const std::string base =
      R"({"data":{"nipBaru":"198001012005011001","nama":"Siti Aminah","aktif":false,)"
      R"("nilai":12.25,"kosong":null,"lain":"x y"},"code":1})";
  const std::string alphabet = "{}[]\":,\\ \t0123456789.eE+-truefalsnl\x01";
  std::mt19937 rng(20261123);
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          text.erase(at, 1);
          break;
      }
    }
    const Scan s = scan(text);
    if (!s.accepted) continue;
    ++accepted;
    std::vector<std::string> want;
    bool present = false;
    INFO(text);
    REQUIRE(expectedSlots(text, want, present));
    for (std::size_t i = 0; i < kPaths.size(); ++i) CHECK(s.slots[i] == want[i]);
  }
  CHECK(accepted > 1000);  // the property was exercised, not vacuous
}
