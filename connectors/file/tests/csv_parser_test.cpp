#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sinkron/connectors/csv_parser.hpp"

using sinkron::connectors::CsvParser;
namespace fs = std::filesystem;

namespace {
fs::path writeTemp(const std::string& name, const std::string& text) {
  auto p = fs::temp_directory_path() / ("sinkron_csv_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
std::vector<std::vector<std::string>> readAll(CsvParser& p,
                                              std::vector<std::string>* errors = nullptr) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> fields;
  for (int guard = 0; guard < 1000; ++guard) {
    auto r = p.nextRow(fields);
    if (!r) {
      if (errors) errors->push_back(r.error().message);
      continue;
    }
    if (!*r) break;
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}
}  // namespace

TEST_CASE("CsvParser reads quotes, escapes, CRLF, BOM and detects the delimiter",
          "[connectors][csv]") {
  auto path = writeTemp("basic.csv",
                        "\xEF\xBB\xBF"
                        "a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n2;;\"multi\nline\"\r\n3;z;last");
  auto p = CsvParser::open(path);
  REQUIRE(p.ok());
  CHECK(p->delimiter() == ';');
  auto rows = readAll(*p);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == std::vector<std::string>{"a", "b", "c"});
  CHECK(rows[1] == std::vector<std::string>{"1", "x;y", "say \"hi\""});
  CHECK(rows[2] == std::vector<std::string>{"2", "", "multi\nline"});
  CHECK(rows[3] == std::vector<std::string>{"3", "z", "last"});
}

TEST_CASE("CsvParser tracks the line each row starts on", "[connectors][csv]") {
  auto path = writeTemp("lines.csv", "h1,h2\n\"a\nb\",c\nd,e\n");
  auto p = CsvParser::open(path, ',');
  REQUIRE(p.ok());
  std::vector<std::string_view> f;
  REQUIRE(*p->nextRow(f));
  CHECK(p->rowLine() == 1);
  REQUIRE(*p->nextRow(f));
  CHECK(p->rowLine() == 2);
  REQUIRE(*p->nextRow(f));
  CHECK(p->rowLine() == 4);
  CHECK(f[0] == "d");
}

TEST_CASE("CsvParser reports malformed rows with file and line and goes on", "[connectors][csv]") {
  auto path = writeTemp("bad.csv", "a,b\n\"x\"y,2\nok,3\n");
  auto p = CsvParser::open(path, ',');
  REQUIRE(p.ok());
  std::vector<std::string> errors;
  auto rows = readAll(*p, &errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("sinkron_csv_bad.csv:2: text after the closing quote") != std::string::npos);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][0] == "ok");

  auto unterminated = writeTemp("unterminated.csv", "a,b\n1,\"never closed\n");
  auto q = CsvParser::open(unterminated, ',');
  REQUIRE(q.ok());
  errors.clear();
  readAll(*q, &errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find(":2: unterminated quoted field") != std::string::npos);
}

TEST_CASE("CsvParser handles rows longer than its read block", "[connectors][csv]") {
  std::string big(3 << 20, 'x');
  auto path = writeTemp("big.csv", "a,b\n" + big + ",1\n2,3\n");
  auto p = CsvParser::open(path, ',');
  REQUIRE(p.ok());
  auto rows = readAll(*p);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][0].size() == big.size());
  CHECK(rows[2][1] == "3");
}

TEST_CASE("CsvParser names a missing file", "[connectors][csv]") {
  auto p = CsvParser::open("/nonexistent/x.csv");
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().message == "cannot open /nonexistent/x.csv: No such file or directory");
}

TEST_CASE("A stray quote inside an unquoted field is text and swallows no rows",
          "[connectors][csv]") {
  auto path = writeTemp("stray.csv", "id;nama\n1;Siti \"Anis\" Aminah\n2;Budi\n3;\"x;y\"\n");
  auto p = CsvParser::open(path, ';');
  REQUIRE(p.ok());
  std::vector<std::string> errors;
  auto rows = readAll(*p, &errors);
  CHECK(errors.empty());
  REQUIRE(rows.size() == 4);
  CHECK(rows[1] == std::vector<std::string>{"1", "Siti \"Anis\" Aminah"});
  CHECK(rows[2] == std::vector<std::string>{"2", "Budi"});
  CHECK(rows[3] == std::vector<std::string>{"3", "x;y"});
}
