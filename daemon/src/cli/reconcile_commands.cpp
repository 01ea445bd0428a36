// `sinkron reconcile` and `sinkron generate`: options, the run, and the summary in Bahasa
// Indonesia or English (file names, CSV headers and summary.json stay as they are).
#include "reconcile_commands.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "messages.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/population/generator.hpp"
#include "sinkron/security/masking.hpp"

namespace sinkron::daemon {
namespace {

using cli::say;

mappings::CivilDate today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void addReconcile(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "reconcile",
      "Match the employee records of two sources, and report who is the same person, what "
      "differs, duplicates, people missing on one side and data-quality anomalies.");
  auto opts = std::make_shared<ReconcileOptions>();
  auto settingsFile = std::make_shared<std::string>();
  auto asOf = std::make_shared<std::string>();
  auto noReports = std::make_shared<bool>(false);
  cmd->add_option("--left", opts->left, "Left source file (CSV, JSON array or JSON Lines)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--left-mapping", opts->leftMapping, "Mapping file (YAML) for the left source")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--right", opts->right, "Right source file (CSV, JSON array or JSON Lines)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--right-mapping", opts->rightMapping, "Mapping file (YAML) for the right source")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->outDir,
                  "Output folder: pairs.csv, situations.csv, duplicates.csv, differences.csv, "
                  "anomalies.csv, errors.csv, summary.json, report.html, report.xlsx")
      ->required();
  cmd->add_option("--config", *settingsFile,
                  "Reconcile settings (YAML): match_threshold, review_threshold, owners")
      ->check(CLI::ExistingFile);
  auto* matchFlag =
      cmd->add_option("--match-threshold", opts->settings.thresholds.match,
                      "Score at or above which a pair is the same person (overrides --config)");
  auto* reviewFlag = cmd->add_option(
      "--review-threshold", opts->settings.thresholds.review,
      "Score at or above which a pair goes to a person for review (overrides --config)");
  cmd->add_option("--as-of", *asOf, "Day anomalies are measured on (yyyy-mm-dd; default today)");
  cmd->add_option("--threads", opts->threads, "Worker threads")->check(CLI::Range(1, 64));
  cmd->add_flag("--no-reports", *noReports, "Skip report.html and report.xlsx");
  cmd->callback([=, &exitCode] {
    ReconcileOptions o = *opts;
    if (!settingsFile->empty()) {
      auto s = loadReconcileSettings(*settingsFile);
      if (!s) throw CLI::ValidationError("--config", s.error().message);
      auto cliThresholds = o.settings.thresholds;
      o.settings = *s;
      // Flags given on the command line win over the file.
      if (matchFlag->count()) o.settings.thresholds.match = cliThresholds.match;
      if (reviewFlag->count()) o.settings.thresholds.review = cliThresholds.review;
    }
    o.asOf = today();
    if (!asOf->empty()) {
      auto d = mappings::parseDate(*asOf, mappings::DateFormat::kYmdDash);
      if (!d) throw CLI::ValidationError("--as-of", d.error().message);
      o.asOf = *d;
    }
    o.reports = !*noReports;
    keepFreedMemoryForReuse();
    auto result = runReconcile(o, [](const ReconcileProgress& p) {
      fmt::print(stderr, "{}\n",
                 say("reconcile.progress", p.left.records, p.left.name, p.leftSeconds,
                     p.right.records, p.right.name, p.rightSeconds));
    });
    if (!result) {
      fmt::print(stderr, "{}\n", say("reconcile.failed", result.error().message));
      exitCode = kExitFailure;
      return;
    }
    printReconcileSummary(*result);
    exitCode = result->inputErrors() ? kExitInputErrors : kExitOk;
  });
}

void addGenerate(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic, seeded ASN population: a SIMPEG export CSV, SIASN data-utama JSON "
      "Lines and the ground truth, with the inconsistencies real sites have.");
  auto opts = std::make_shared<population::GeneratorOptions>();
  auto dir = std::make_shared<std::string>();
  cmd->add_option("--out", *dir, "Folder for simpeg.csv, siasn.jsonl and truth.csv")->required();
  cmd->add_option("--people", opts->people, "Number of people")
      ->check(CLI::Range(1ull, 5000000ull));
  cmd->add_option("--seed", opts->seed, "Random seed (same seed, same files)");
  cmd->add_option("--corruption", opts->corruption, "Multiplier of every corruption rate")
      ->check(CLI::Range(0.0, 10.0));
  cmd->callback([=, &exitCode] {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) {
      fmt::print(stderr, "{}\n", say("generate.no_folder", *dir, ec.message()));
      exitCode = kExitFailure;
      return;
    }
    population::PopulationGenerator gen(*opts);
    std::filesystem::path d(*dir);
    auto stats = gen.writeFiles(d / "simpeg.csv", d / "siasn.jsonl", d / "truth.csv");
    if (!stats) {
      fmt::print(stderr, "{}\n", say("generate.failed", stats.error().message));
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n", say("generate.done", stats->people, stats->leftRows, stats->rightRows,
                           stats->truePairs, d.string()));
    exitCode = kExitOk;
  });
}

}  // namespace

void printReconcileSummary(const ReconcileSummary& s) {
  auto n = [&](const char* k) {
    auto it = s.situations.find(k);
    return it == s.situations.end() ? std::uint64_t{0} : it->second;
  };
  std::uint64_t anomalies = 0;
  for (const auto& [k, v] : s.anomaliesByCode) anomalies += v;
  std::uint64_t differences = 0;
  for (const auto& [k, v] : s.differencesByField) differences += v;
  auto line = [](const std::string& text) { fmt::print("{}\n", text); };
  line(say("reconcile.head", s.left.name, s.left.records, s.left.badRows, s.right.name,
           s.right.records, s.right.badRows));
  line(say("reconcile.matched", n("matched")));
  line(say("reconcile.matched_diff", n("matched_with_differences"), differences));
  line(say("reconcile.review", n("review")));
  line(say("reconcile.only_left", s.left.name, n("only_left")));
  line(say("reconcile.only_right", s.right.name, n("only_right")));
  line(say("reconcile.duplicates", n("duplicate")));
  line(say("reconcile.anomalies", anomalies));
  line(say("reconcile.times", s.loadSeconds, s.matchSeconds, s.writeSeconds, s.reportSeconds));
  line(say("reconcile.output", s.outDir.string()));
  if (!s.reportHtml.empty()) line(say("reconcile.report", s.reportHtml.string()));
  if (!s.reportXlsx.empty()) line(say("reconcile.report", s.reportXlsx.string()));
  if (s.inputErrors()) {
    line(say("reconcile.bad_rows", s.left.badRows + s.right.badRows,
             (s.outDir / "errors.csv").string()));
    // Terminal output is a log: personal ids are masked.
    for (const auto& e : s.firstErrors) line("    " + security::maskIdsInText(e));
  }
}

void addReconcileCommands(CLI::App& app, int& exitCode) {
  addReconcile(app, exitCode);
  addGenerate(app, exitCode);
}

}  // namespace sinkron::daemon
