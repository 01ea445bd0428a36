#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sinkron/connectors/record_reader.hpp"

using namespace sinkron;
namespace fs = std::filesystem;

namespace {
fs::path writeTemp(const std::string& name, const std::string& text) {
  auto p = fs::temp_directory_path() / ("sinkron_rr_" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p;
}
mappings::Mapping mappingFrom(const std::string& yaml) {
  auto m = mappings::Mapping::parse(yaml, "test.yaml");
  INFO((m.ok() ? std::string() : m.error().message));
  REQUIRE(m.ok());
  return std::move(*m);
}
struct Row {
  std::uint64_t line;
  std::vector<std::string> slots;
};
std::vector<Row> readAll(connectors::RecordReader& r, std::vector<connectors::RowError>& errors) {
  std::vector<Row> rows;
  connectors::RawRecord raw;
  for (int guard = 0; guard < 1000; ++guard) {
    auto more = r.next(raw, errors);
    REQUIRE(more.ok());
    if (!*more) break;
    rows.push_back({raw.line, {raw.slots.begin(), raw.slots.end()}});
  }
  return rows;
}
const char* kJsonMapping = R"(source: siasn
format: json
key: nipBaru
fields:
  nip: nipBaru
  nama: nama
  unit: unor.nama
)";
}  // namespace

TEST_CASE("JSON Lines: wrapped and bare objects, nested paths, bad lines skipped",
          "[connectors][json]") {
  auto m = mappingFrom(kJsonMapping);
  REQUIRE(m.inputFields() == std::vector<std::string>{"nipBaru", "nama", "unor.nama"});
  auto path = writeTemp(
      "a.jsonl",
      "{\"data\":{\"nipBaru\":\"1\",\"nama\":\"Siti\",\"unor\":{\"nama\":\"Dinkes\"}},\"code\":1}\n"
      "{\"nipBaru\":\"2\",\"nama\":null,\"extra\":[1,2,{\"nama\":\"x\"}]}\n"
      "{\"nipBaru\":\"3\",\"nama\":\"tr\n"
      "\n"
      "{\"nipBaru\":4,\"nama\":\"Budi \\\"B\\\"\"}\n");
  auto reader = connectors::openRecordReader(path, m);
  REQUIRE(reader.ok());
  std::vector<connectors::RowError> errors;
  auto rows = readAll(**reader, errors);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].slots == std::vector<std::string>{"1", "Siti", "Dinkes"});
  CHECK(rows[0].line == 1);
  CHECK(rows[1].slots == std::vector<std::string>{"2", "", ""});
  CHECK(rows[2].slots == std::vector<std::string>{"4", "Budi \"B\"", ""});
  CHECK(rows[2].line == 5);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].message.find("sinkron_rr_a.jsonl:3: malformed JSON") != std::string::npos);
}

TEST_CASE("JSON array files, pretty-printed, and a truncated array", "[connectors][json]") {
  auto m = mappingFrom(kJsonMapping);
  auto path = writeTemp("b.json",
                        "[\n  {\"data\": {\"nipBaru\": \"1\", \"nama\": \"A\"}},\n  {\n    "
                        "\"nipBaru\": \"2\",\n    \"nama\": \"B\"\n  }\n]\n");
  auto reader = connectors::openRecordReader(path, m);
  REQUIRE(reader.ok());
  std::vector<connectors::RowError> errors;
  auto rows = readAll(**reader, errors);
  CHECK(errors.empty());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 2);
  CHECK(rows[1].line == 3);
  CHECK(rows[1].slots[1] == "B");

  auto truncated =
      writeTemp("c.json", "[{\"nipBaru\":\"1\",\"nama\":\"A\"},{\"nipBaru\":\"2\",\"na");
  auto r2 = connectors::openRecordReader(truncated, m);
  REQUIRE(r2.ok());
  errors.clear();
  rows = readAll(**r2, errors);
  CHECK(rows.size() == 1);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("truncated JSON") != std::string::npos);
}

TEST_CASE("CSV records: columns bound by header name, wrong column counts reported",
          "[connectors][csv]") {
  auto m =
      mappingFrom("source: simpeg\nformat: csv\nkey: id\nfields:\n  nip: nip_baru\n  nama: nama\n");
  auto path = writeTemp("d.csv", "ID;NAMA;nip_baru\n7;Budi;199001312015031002\n8;Siti\n9;Ani;1\n");
  auto reader = connectors::openRecordReader(path, m);
  REQUIRE(reader.ok());
  std::vector<connectors::RowError> errors;
  auto rows = readAll(**reader, errors);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].slots == std::vector<std::string>{"7", "199001312015031002", "Budi"});
  CHECK(rows[1].line == 4);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("sinkron_rr_d.csv:3: expected 3 columns, found 2") !=
        std::string::npos);
}

TEST_CASE("CSV reader names a column missing from the header", "[connectors][csv]") {
  auto m = mappingFrom("source: simpeg\nformat: csv\nfields:\n  nip: nip_baru\n");
  auto path = writeTemp("e.csv", "id,nip\n1,2\n");
  auto reader = connectors::openRecordReader(path, m);
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.error().message.find(
            "column 'nip_baru' named by mapping test.yaml is not in the header (found: id, nip") !=
        std::string::npos);
  auto missing = connectors::openRecordReader("/nonexistent.csv", m);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "input file /nonexistent.csv does not exist or is not a file");
}
