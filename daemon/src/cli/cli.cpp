#include "sinkron/daemon/cli.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <ctime>
#include <iostream>

#include "diagnose_command.hpp"
#include "messages.hpp"
#include "outbox_commands.hpp"
#include "remote_commands.hpp"
#include "report_command.hpp"
#include "sinkron/daemon/reconcile_job.hpp"
#include "sinkron/mappings/civil_date.hpp"
#include "sinkron/population/generator.hpp"
#include "sinkron/security/masking.hpp"
#include "sync_commands.hpp"
#include "token_commands.hpp"

namespace sinkron::daemon {
namespace {

mappings::CivilDate today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void printSummary(const ReconcileSummary& s) {
  auto n = [&](const char* k) {
    auto it = s.situations.find(k);
    return it == s.situations.end() ? 0ull : static_cast<unsigned long long>(it->second);
  };
  std::uint64_t anomalies = 0;
  for (const auto& [k, v] : s.anomaliesByCode) anomalies += v;
  std::uint64_t differences = 0;
  for (const auto& [k, v] : s.differencesByField) differences += v;
  fmt::print("sinkron reconcile: {} ({} records, {} bad rows) vs {} ({} records, {} bad rows)\n",
             s.left.name, s.left.records, s.left.badRows, s.right.name, s.right.records,
             s.right.badRows);
  fmt::print("  matched                   {:>10}\n", n("matched"));
  fmt::print("  matched_with_differences  {:>10}  ({} field differences)\n",
             n("matched_with_differences"), differences);
  fmt::print("  review                    {:>10}\n", n("review"));
  fmt::print("  only_left  ({:<8})     {:>10}\n", s.left.name, n("only_left"));
  fmt::print("  only_right ({:<8})     {:>10}\n", s.right.name, n("only_right"));
  fmt::print("  duplicate                 {:>10}\n", n("duplicate"));
  fmt::print("  anomalies                 {:>10}\n", anomalies);
  fmt::print("  time: read {:.2f}s, match {:.2f}s, write {:.2f}s, reports {:.2f}s\n", s.loadSeconds,
             s.matchSeconds, s.writeSeconds, s.reportSeconds);
  fmt::print("  output: {}\n", s.outDir.string());
  if (!s.reportHtml.empty()) fmt::print("  report: {}\n", s.reportHtml.string());
  if (!s.reportXlsx.empty()) fmt::print("  report: {}\n", s.reportXlsx.string());
  if (s.inputErrors()) {
    fmt::print("  {} bad rows were skipped; all are in {}:\n", s.left.badRows + s.right.badRows,
               (s.outDir / "errors.csv").string());
    // Terminal output is a log: personal ids are masked.
    for (const auto& e : s.firstErrors) fmt::print("    {}\n", security::maskIdsInText(e));
  }
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
    auto result =
        runReconcile(o, [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); });
    if (!result) {
      std::fprintf(stderr, "sinkron reconcile: %s\n", result.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    printSummary(*result);
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
    population::PopulationGenerator gen(*opts);
    std::filesystem::path d(*dir);
    auto stats = gen.writeFiles(d / "simpeg.csv", d / "siasn.jsonl", d / "truth.csv");
    if (!stats) {
      std::fprintf(stderr, "sinkron generate: %s\n", stats.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("generated {} people: {} SIMPEG rows, {} SIASN records, {} true pairs in {}\n",
               stats->people, stats->leftRows, stats->rightRows, stats->truePairs, d.string());
    exitCode = kExitOk;
  });
}

}  // namespace

int runCli(int argc, char** argv) {
  CLI::App app{
      "sinkron — integration gateway and data synchronization for Indonesian civil-service (ASN) "
      "HR data: SIMPEG, SIASN / e-Kinerja BKN, training and attendance systems."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sinkron 0.1.0");
  cli::setLang(cli::langFromArgs(argc, argv));
  app.footer(std::string(cli::text("help.exit_codes")));
  // --lang works before or after the subcommand: subcommands pass options they lack up here.
  app.fallthrough();
  auto lang = std::make_shared<std::string>();
  app.add_option("--lang", *lang, "Language of messages: id (Bahasa Indonesia) or en")
      ->check(CLI::IsMember({"id", "en"}));
  int exitCode = kExitOk;
  addReconcile(app, exitCode);
  addGenerate(app, exitCode);
  addSyncCommands(app, exitCode);
  addOutboxCommands(app, exitCode);
  addTokenCommands(app, exitCode);
  addDiagnoseCommand(app, exitCode);
  addReportCommand(app, exitCode);
  addRemoteCommands(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitFailure;
  }
  return exitCode;
}

}  // namespace sinkron::daemon
