// CsvWriter: RFC 4180 quoting, rows of any size, splicing and write errors.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sinkron/daemon/csv_writer.hpp"

namespace fs = std::filesystem;
using sinkron::daemon::CsvWriter;

namespace {

// One folder per test run, removed when the tests end.
fs::path tempFile(const std::string& name) {
  struct Folder {
    fs::path path = fs::temp_directory_path() / ("sinkron-csvw-" + std::to_string(getpid()));
    Folder() { fs::create_directories(path); }
    ~Folder() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  };
  static const Folder folder;
  return folder.path / name;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("CsvWriter quotes only what needs quoting", "[daemon][csv]") {
  const fs::path path = tempFile("quoting.csv");
  {
    auto w = CsvWriter::create(path);
    REQUIRE(w.ok());
    w->row({"a", "", "b c"});
    w->field("x,y").field("say \"hi\"").field("two\nlines").field("cr\r").endRow();
    w->field(1.0 / 3.0).field(std::uint64_t{42}).field(-0.125, 1).endRow();
    REQUIRE(w->close().ok());
  }
  CHECK(readFile(path) ==
        "a,,b c\n"
        "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\n"
        "0.33,42,-0.1\n");
}

TEST_CASE("CsvWriter writes values larger than its buffer and many rows", "[daemon][csv]") {
  const fs::path path = tempFile("large.csv");
  const std::string huge(3 << 20, 'q');                  // larger than the 1 MiB flush size
  const std::string quoted = std::string(1 << 20, '"');  // doubles when escaped
  std::string expected;
  {
    auto w = CsvWriter::create(path);
    REQUIRE(w.ok());
    for (int i = 0; i < 50000; ++i) {
      w->field(std::uint64_t(i)).field("row").endRow();
      expected += std::to_string(i) + ",row\n";
    }
    w->field(huge).field(quoted).endRow();
    expected += huge + ",\"" + std::string(2 << 20, '"') + "\"\n";
    w->raw("spliced,rows\n");
    expected += "spliced,rows\n";
    REQUIRE(w->close().ok());
  }
  CHECK(readFile(path) == expected);
}

TEST_CASE("CsvWriter names the file it cannot create or write", "[daemon][csv]") {
  auto missing = CsvWriter::create("/nonexistent-dir/x.csv");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Matchers::Contains("/nonexistent-dir/x.csv"));
  if (fs::exists("/dev/full")) {
    auto full = CsvWriter::create("/dev/full");
    REQUIRE(full.ok());
    for (int i = 0; i < 100000; ++i) full->field("0123456789abcdef").endRow();
    auto closed = full->close();
    REQUIRE_FALSE(closed.ok());
    CHECK_THAT(closed.error().message, Catch::Matchers::Contains("/dev/full"));
  }
}

TEST_CASE("CsvWriter finds a character to quote at any position of a value", "[daemon][csv]") {
  // Values are checked sixteen bytes at a time: try every length and position around that.
  auto reference = [](const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  const fs::path path = tempFile("positions.csv");
  std::string expected;
  {
    auto w = CsvWriter::create(path);
    REQUIRE(w.ok());
    for (std::size_t length = 0; length <= 40; ++length) {
      const std::string plain(length, 'a');
      w->field(plain).endRow();
      expected += reference(plain) + "\n";
      for (std::size_t at = 0; at < length; ++at) {
        for (char special : {',', '"', '\r', '\n'}) {
          std::string v = plain;
          v[at] = special;
          w->field("k").field(v).endRow();
          expected += "k," + reference(v) + "\n";
        }
      }
    }
    REQUIRE(w->close().ok());
  }
  CHECK(readFile(path) == expected);
}

TEST_CASE("CsvWriter appends another file between its own rows", "[daemon][csv]") {
  const auto part = tempFile("part.csv");
  {
    auto w = CsvWriter::create(part);
    REQUIRE(w);
    for (int i = 0; i < 50000; ++i) w->field(std::uint64_t(i)).field("part").endRow();
    REQUIRE(w->close());
  }
  const auto out = tempFile("joined.csv");
  auto w = CsvWriter::create(out);
  REQUIRE(w);
  w->row({"head", "x"});
  REQUIRE(w->appendFile(part));
  w->row({"tail", "y"});  // after the kernel's copy, the stream writes at the end
  REQUIRE(w->appendFile(part));
  REQUIRE(w->close());
  const std::string partText = readFile(part);
  CHECK(readFile(out) == "head,x\n" + partText + "tail,y\n" + partText);

  auto again = CsvWriter::create(tempFile("missing-part.csv"));
  REQUIRE(again);
  auto missing = again->appendFile(tempFile("no-such-part.csv"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("no-such-part.csv") != std::string::npos);
}
