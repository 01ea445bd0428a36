#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sinkron/daemon/reconcile_job.hpp"

using namespace sinkron;
namespace fs = std::filesystem;

namespace {
fs::path writeTemp(const std::string& name, const std::string& text) {
  auto p = fs::temp_directory_path() / ("sinkron_settings_" + name);
  std::ofstream(p) << text;
  return p;
}
}  // namespace

TEST_CASE("the shipped reconcile settings example loads", "[daemon][settings]") {
  auto s =
      daemon::loadReconcileSettings(fs::path(SINKRON_SOURCE_DIR) / "deploy/reconcile.example.yaml");
  INFO((s.ok() ? "" : s.error().message));
  REQUIRE(s.ok());
  CHECK(s->thresholds.match == 15);
  CHECK(s->policy.owner[mappings::index(mappings::Field::kNip)] == daemon::OwnerSide::kRight);
  CHECK(s->policy.owner[mappings::index(mappings::Field::kNama)] == daemon::OwnerSide::kLeft);
}

TEST_CASE("reconcile settings reject unknown keys, fields and sides with file:line",
          "[daemon][settings]") {
  auto unknownKey = daemon::loadReconcileSettings(
      writeTemp("a.yaml", "match_threshold: 12\nmatch_treshold: 3\n"));
  REQUIRE_FALSE(unknownKey.ok());
  CHECK(unknownKey.error().message.find(
            "sinkron_settings_a.yaml:2: unknown key 'match_treshold'") != std::string::npos);

  auto badField = daemon::loadReconcileSettings(writeTemp("b.yaml", "owners:\n  namaa: left\n"));
  REQUIRE_FALSE(badField.ok());
  CHECK(badField.error().message.find(":2: unknown canonical field 'namaa'") != std::string::npos);

  auto badSide = daemon::loadReconcileSettings(writeTemp("c.yaml", "owners:\n  nama: simpeg\n"));
  REQUIRE_FALSE(badSide.ok());
  CHECK(badSide.error().message.find("must be left or right, got 'simpeg'") != std::string::npos);

  auto inverted = daemon::loadReconcileSettings(
      writeTemp("d.yaml", "match_threshold: 3\nreview_threshold: 9\n"));
  REQUIRE_FALSE(inverted.ok());
  CHECK(inverted.error().message.find("review_threshold must not exceed match_threshold") !=
        std::string::npos);
}
