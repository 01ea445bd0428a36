// The bash completion (deploy/bash-completion/sinkron) knows every subcommand `sinkron --help`
// lists, so a new command cannot be forgotten there.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

TEST_CASE("bash completion lists every subcommand", "[cli]") {
  std::string help;
  FILE* p = ::popen((std::string(SINKRON_BINARY) + " --help").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) help.append(buf, n);
  ::pclose(p);
  std::ifstream in(std::string(SINKRON_SOURCE_DIR) + "/deploy/bash-completion/sinkron");
  std::stringstream text;
  text << in.rdbuf();
  const std::string completion = text.str();
  std::smatch m;
  REQUIRE(std::regex_search(completion, m, std::regex("local commands=\"([^\"]*)\"")));
  const std::string commands = " " + m[1].str() + " ";
  auto at = help.find("Subcommands:");
  REQUIRE(at != std::string::npos);
  std::istringstream lines(help.substr(at));
  int seen = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch c;
    if (!std::regex_search(line, c, std::regex("^  ([a-z]+)\\s"))) continue;
    INFO(c[1].str());
    CHECK(commands.find(" " + c[1].str() + " ") != std::string::npos);
    ++seen;
  }
  CHECK(seen >= 10);
}
