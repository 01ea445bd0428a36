// `sinkron config check` refuses a config with an unknown key (naming file:line) and one that
// references an environment variable that is not set (naming the variable).
#include <catch2/catch.hpp>
#include <fstream>

#include "require_ok.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;

namespace {

const std::map<std::string, std::string> kUnreachableUrls = {{"simpeg", "http://127.0.0.1:9"},
                                                             {"siasn", "http://127.0.0.1:9"},
                                                             {"sso", "http://127.0.0.1:9"},
                                                             {"training", "http://127.0.0.1:9"},
                                                             {"ekinerja", "http://127.0.0.1:9"}};

Finished configCheck(const std::filesystem::path& dir, const std::filesystem::path& config,
                     const std::string& tag, std::vector<std::string> unsetEnv = {}) {
  ChildSpec spec = sinkronCommand({"config", "check", "--config", config.string()}, dir, tag);
  spec.unsetEnv = std::move(unsetEnv);
  auto done = runToEnd(spec, std::chrono::seconds(60));
  REQUIRE_OK(done);
  return *done;
}

}  // namespace

TEST_CASE("config check accepts the demo config and names what is wrong in a bad one",
          "[e2e][sync][config]") {
  TempDir dir("sinkron_sync_config");
  auto site = SyncSite::create(dir.path, kUnreachableUrls, {});
  REQUIRE_OK(site);
  const std::string good = readFile(site->configFile());

  SECTION("the config as made is valid") {
    Finished f = configCheck(dir.path, site->configFile(), "good");
    INFO(f.out << f.err);
    CHECK(f.exitCode == 0);
    CHECK(f.out.find("config ok") != std::string::npos);
  }

  SECTION("an unknown key is refused with file and line") {
    // Line 2 of the file; the key sits in the top-level map.
    const std::filesystem::path bad = dir.path / "unknown-key.yaml";
    std::ofstream(bad) << "# bad\nsurprise_key: 1\n" << good;
    Finished f = configCheck(dir.path, bad, "unknown-key");
    INFO(f.out << f.err);
    CHECK(f.exitCode == 1);
    CHECK(f.err.find("surprise_key") != std::string::npos);
    CHECK(f.err.find(bad.string() + ":2") != std::string::npos);
  }

  SECTION("an unset ${env:X} is refused naming X") {
    Finished f =
        configCheck(dir.path, site->configFile(), "unset-env", {"SINKRON_SIASN_SSO_PASSWORD"});
    INFO(f.out << f.err);
    CHECK(f.exitCode == 1);
    CHECK(f.err.find("SINKRON_SIASN_SSO_PASSWORD") != std::string::npos);
    CHECK(f.err.find("not set") != std::string::npos);
  }
}
