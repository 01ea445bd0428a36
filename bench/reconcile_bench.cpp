// Reconcile benchmark: generates an N-person population (not timed), reconciles SIMPEG CSV
// against SIASN JSON Lines, and prints wall time, records/s, peak RSS, precision, recall, F1.
// The timed part covers reading both inputs, matching and writing pairs.csv/differences.csv;
// situations/anomalies/summary and the html/xlsx reports are timed on their own.
//   reconcile_bench --people 1000000 [--corruption 3] [--dir /tmp/sinkron-bench] [--reports]
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>

#include "pair_evaluation.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/daemon/report/reconcile_report.hpp"
#include "sinkron/population/generator.hpp"

namespace fs = std::filesystem;
using namespace sinkron;

namespace {
double peakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
}  // namespace

int main(int argc, char** argv) {
  std::uint64_t people = 100000;
  double corruption = 1.0;
  fs::path dir = "/tmp/sinkron-bench";
  bool reports = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--people" && i + 1 < argc)
      people = std::stoull(argv[++i]);
    else if (a == "--corruption" && i + 1 < argc)
      corruption = std::stod(argv[++i]);
    else if (a == "--dir" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--reports")
      reports = true;
    else {
      fmt::print(stderr,
                 "usage: reconcile_bench [--people N] [--corruption X] [--dir D] [--reports]\n");
      return 1;
    }
  }
  fs::path data = dir / fmt::format("n{}-c{}", people, corruption);
  fs::create_directories(data);
  if (!fs::exists(data / "truth.csv")) {
    population::GeneratorOptions g;
    g.people = people;
    g.corruption = corruption;
    auto t = std::chrono::steady_clock::now();
    auto s = population::PopulationGenerator(g).writeFiles(
        data / "simpeg.csv", data / "siasn.jsonl", data / "truth.csv");
    if (!s) {
      fmt::print(stderr, "generate: {}\n", s.error().message);
      return 1;
    }
    fmt::print("generated {} people in {:.1f}s (not timed below)\n", people,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
  }
  auto o = testing::generatedReconcileOptions(data);
  daemon::keepFreedMemoryForReuse();  // as the CLI command does
  double cpu0 = cpuSeconds();
  auto r = daemon::runReconcile(o);
  if (!r) {
    fmt::print(stderr, "reconcile: {}\n", r.error().message);
    return 1;
  }
  double cpu = cpuSeconds() - cpu0;
  double timed = r->loadSeconds + r->matchSeconds + r->writeSeconds;
  std::uint64_t records = r->left.records + r->right.records;
  double rss = peakRssMiB();
  double reportSeconds = 0;
  if (reports) {
    auto t = std::chrono::steady_clock::now();
    auto files = report::writeReconcileReports(o.outDir);
    if (!files) {
      fmt::print(stderr, "reports: {}\n", files.error().message);
      return 1;
    }
    reportSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }
  auto q = testing::evaluatePairs(o.outDir / "pairs.csv", data / "truth.csv");
  if (!q) {
    fmt::print(stderr, "evaluate: {}\n", q.error().message);
    return 1;
  }
  fmt::print("N={} corruption={}: {} x {} records ({:.0f} MB in)\n", people, corruption,
             r->left.records, r->right.records, (r->left.bytes + r->right.bytes) / 1e6);
  fmt::print(
      "  timed (read+match+write pairs/differences): {:.2f}s  [read {:.2f}s, match {:.2f}s, write "
      "{:.2f}s]\n",
      timed, r->loadSeconds, r->matchSeconds, r->writeSeconds);
  fmt::print("  CPU of the timed part: {:.2f}s  [read {:.2f}s, match {:.2f}s, write {:.2f}s]\n",
             r->loadCpuSeconds + r->matchCpuSeconds + r->writeCpuSeconds, r->loadCpuSeconds,
             r->matchCpuSeconds, r->writeCpuSeconds);
  fmt::print("  match stages:");
  for (const auto& [name, seconds] : r->matchStages) fmt::print(" {} {:.2f}", name, seconds);
  fmt::print("\n");
  fmt::print("  records/s: {:.0f}   CPU: {:.2f}s ({:.2f} us/record)   comparisons: {}\n",
             records / timed, cpu, cpu * 1e6 / records, r->comparisons);
  fmt::print("  situations/duplicates/anomalies/summary: {:.2f}s", r->reportSeconds);
  if (reports) fmt::print("   html+xlsx reports: {:.2f}s", reportSeconds);
  fmt::print("\n  peak RSS: {:.0f} MiB\n", rss);
  fmt::print("  pairs: true {}, match {} (correct {}), review {} (correct {})\n", q->truePairs,
             q->predictedMatch, q->correctMatch, q->predictedReview, q->correctReview);
  fmt::print("  precision {:.5f}  recall {:.5f}  F1 {:.5f}\n", q->precision(), q->recall(),
             q->f1());
  return 0;
}
