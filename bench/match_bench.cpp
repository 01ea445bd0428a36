// Match-phase benchmark: loads an already generated population once (see reconcile_bench),
// then runs the reconciler on the same tables several times and prints each stage's time.
// Repeating the match on loaded tables takes out the load's run-to-run noise.
//   match_bench --people 4300000 [--corruption 1] [--dir /tmp/sinkron-bench] [--repeat 3]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "sinkron/connectors/record_reader.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/mappings/mapping.hpp"
#include "sinkron/mappings/reconciler.hpp"
#include "sinkron/mappings/record_table.hpp"

namespace fs = std::filesystem;
using namespace sinkron;

namespace {
// The CLI's loading without its pipeline and anomaly checks: only the table matters here.
Result<mappings::RecordTable> loadTable(const fs::path& file, const fs::path& mappingFile) {
  auto mapping = mappings::Mapping::load(mappingFile);
  if (!mapping) return mapping.error();
  auto reader = connectors::openRecordReader(file, *mapping);
  if (!reader) return reader.error();
  mappings::RecordTable table(mapping->mappedFields());
  table.reserve(fs::file_size(file) / 80 + 1024, fs::file_size(file) + 4096);
  connectors::RawRecord raw;
  std::vector<connectors::RowError> errors;
  mappings::RecordView view;
  mappings::ValueArena arena;
  std::vector<mappings::FieldIssue> issues;
  for (;;) {
    auto more = (*reader)->next(raw, errors);
    if (!more) return more.error();
    if (!*more) break;
    issues.clear();
    mapping->apply(raw.slots, view, arena, issues);
    if (!view.key.empty()) table.add(view);
  }
  return table;
}
}  // namespace

int main(int argc, char** argv) {
  std::uint64_t people = 100000;
  std::string corruption = "1";
  fs::path dir = "/tmp/sinkron-bench";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--people" && i + 1 < argc)
      people = std::stoull(argv[++i]);
    else if (a == "--corruption" && i + 1 < argc)
      corruption = argv[++i];
    else if (a == "--dir" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::stoi(argv[++i]));
    else {
      fmt::print(stderr,
                 "usage: match_bench [--people N] [--corruption X] [--dir D] [--repeat K]\n");
      return 1;
    }
  }
  const fs::path data = dir / fmt::format("n{}-c{}", people, corruption);
  const fs::path mappings = fs::path(SINKRON_SOURCE_DIR) / "deploy/mappings";
  if (!fs::exists(data / "simpeg.csv")) {
    fmt::print(stderr, "{}: no generated population (run reconcile_bench first)\n", data.string());
    return 1;
  }
  daemon::keepFreedMemoryForReuse();
  auto t0 = std::chrono::steady_clock::now();
  Result<mappings::RecordTable> right = Error::io("not loaded");
  std::thread other(
      [&] { right = loadTable(data / "siasn.jsonl", mappings / "siasn-data-utama.yaml"); });
  auto left = loadTable(data / "simpeg.csv", mappings / "simpeg-csv.yaml");
  other.join();
  if (!left || !right) {
    fmt::print(stderr, "load: {}\n", (!left ? left.error() : right.error()).message);
    return 1;
  }
  fmt::print("loaded {} x {} records in {:.1f}s (not the product's loader)\n", left->size(),
             right->size(),
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::map<std::string, double> best;
  double bestTotal = 1e30;
  for (int k = 0; k < repeat; ++k) {
    auto t = std::chrono::steady_clock::now();
    auto result = mappings::Reconciler().run(*left, *right, 2);
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    bestTotal = std::min(bestTotal, total);
    fmt::print("run {}: {:.3f}s, {} links, {} comparisons:", k + 1, total, result.links.size(),
               result.comparisons);
    for (const auto& [name, seconds] : result.stageSeconds) {
      fmt::print(" {} {:.3f}", name, seconds);
      auto [it, added] = best.try_emplace(std::string(name), seconds);
      if (!added) it->second = std::min(it->second, seconds);
    }
    fmt::print("\n");
  }
  fmt::print("best: {:.3f}s:", bestTotal);
  for (const auto& [name, seconds] : best) fmt::print(" {} {:.3f}", name, seconds);
  fmt::print("\n");
  return 0;
}
