#include <catch2/catch.hpp>
#include <filesystem>

#include "pair_evaluation.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/population/generator.hpp"

namespace fs = std::filesystem;
using namespace sinkron;

namespace {
testing::PairQuality reconcileGenerated(std::uint64_t people, double corruption,
                                        const std::string& tag) {
  fs::path dir = fs::temp_directory_path() / ("sinkron_accuracy_" + tag);
  fs::remove_all(dir);
  fs::create_directories(dir);
  population::GeneratorOptions g;
  g.seed = 20261123;
  g.people = people;
  g.corruption = corruption;
  REQUIRE(population::PopulationGenerator(g)
              .writeFiles(dir / "simpeg.csv", dir / "siasn.jsonl", dir / "truth.csv")
              .ok());
  auto o = testing::generatedReconcileOptions(dir);
  auto r = daemon::runReconcile(o);
  INFO((r.ok() ? "" : r.error().message));
  REQUIRE(r.ok());
  CHECK_FALSE(r->inputErrors());
  auto q = testing::evaluatePairs(o.outDir / "pairs.csv", dir / "truth.csv");
  REQUIRE(q.ok());
  fs::remove_all(dir);
  return *q;
}
}  // namespace

TEST_CASE("Reconcile precision and recall on a fixed seed", "[e2e][accuracy]") {
  auto q = reconcileGenerated(30000, 1.0, "c1");
  INFO("precision " << q.precision() << " recall " << q.recall() << " f1 " << q.f1());
  CHECK(q.precision() >= 0.9995);
  CHECK(q.f1() >= 0.999);
}

TEST_CASE("Reconcile precision and recall with tripled corruption", "[e2e][accuracy]") {
  auto q = reconcileGenerated(30000, 3.0, "c3");
  INFO("precision " << q.precision() << " recall " << q.recall() << " f1 " << q.f1());
  CHECK(q.precision() >= 0.9995);
  CHECK(q.f1() >= 0.999);
}
