// `sinkron sync --dry-run` plans everything and writes preview.csv, and sends nothing.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "require_ok.hpp"
#include "sim_server.hpp"
#include "sync_site.hpp"
#include "temp_dir.hpp"

using namespace sinkron::test::sync;

TEST_CASE("a dry run on a fresh store writes the preview and sends nothing", "[e2e][sync]") {
  TempDir dir("sinkron_sync_dry");
  SimOptions simOptions;
  simOptions.people = 600;
  auto sim = SimServer::start(simOptions, dir.path);
  REQUIRE_OK(sim);
  auto site = SyncSite::create(dir.path, **sim, {});
  REQUIRE_OK(site);

  auto run = site->sync({"--dry-run"});
  REQUIRE_OK(run);
  INFO(run->output);
  CHECK(run->exitCode == 0);
  CHECK(run->status == "ok");
  CHECK(run->count("pushed") == 0);
  CHECK(run->count("previewed") > 0);

  auto total = (*sim)->writeTotal();
  REQUIRE_OK(total);
  CHECK(*total == 0);

  const std::filesystem::path preview = run->runDir / "preview.csv";
  REQUIRE(std::filesystem::exists(preview));
  std::ifstream in(preview);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line) && lines < 1000000;) ++lines;
  CHECK(lines > 1);  // a header and at least one planned change
  CHECK(lines - 1 == run->count("previewed"));
}
