// `sinkron outbox` and `sinkron dlq`: what waits to be delivered, what gave up, and a person's
// replay or discard of dead letters (with a reason that goes to the change history). They work
// on the state store the config names; the admin API (issue 6) will offer the same remotely.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "configured_store.hpp"
#include "messages.hpp"
#include "outbox_commands.hpp"
#include "sinkron/daemon/cli.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {
namespace {

std::string actor() {
  const char* user = std::getenv("SUDO_USER");
  if (user == nullptr || *user == '\0') user = std::getenv("USER");
  return std::string("operator:") + (user && *user ? user : "unknown");
}

std::string cut(std::string text, std::size_t width) {
  text = security::maskIdsInText(text);
  if (text.size() > width) text = text.substr(0, width - 1) + "~";
  return text;
}

}  // namespace

void addOutboxCommands(CLI::App& app, int& exitCode) {
  auto* outbox = app.add_subcommand(
      "outbox", "List outbox entries (pushes waiting, being delivered, delivered or dead)");
  auto config = std::make_shared<std::string>();
  auto status = std::make_shared<std::string>("pending");
  auto limit = std::make_shared<std::size_t>(50);
  outbox->add_option("--config", *config, "The daemon's config file (YAML)")->required();
  outbox->add_option("--status", *status, "pending, delivering, delivered or dead")
      ->check(CLI::IsMember({"pending", "delivering", "delivered", "dead"}));
  outbox->add_option("--limit", *limit, "At most this many entries")->check(CLI::Range(1, 100000));
  outbox->callback([=, &exitCode] {
    auto st = openConfiguredStore(*config, "outbox", exitCode);
    if (!st) return;
    store::OutboxStore store(*st->store);
    auto counts = store.counts();
    auto rows = store.list(*status, *limit);
    if (!counts || !rows) {
      std::fprintf(stderr, "sinkron outbox: %s\n",
                   (counts ? rows.error() : counts.error()).message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{}\n", cli::say("outbox.counts", counts->pending, counts->delivering,
                                counts->delivered, counts->dead, counts->deadLettersWaiting));
    fmt::print("{:>8}  {:<10} {:<18} {:>8}  {}\n", cli::text("outbox.col_id"),
               cli::text("outbox.col_connector"), cli::text("outbox.col_kind"),
               cli::text("outbox.col_attempts"), cli::text("outbox.col_key"));
    for (const auto& e : *rows)
      fmt::print("{:>8}  {:<10} {:<18} {:>8}  {}{}\n", e.id, e.connector, e.kind, e.attempts,
                 cut(e.naturalKey, 60), e.lastError.empty() ? "" : " — " + cut(e.lastError, 80));
    exitCode = kExitOk;
  });

  auto* dlq = app.add_subcommand(
      "dlq", "The dead-letter queue: pushes that gave up, for a person to replay or discard");
  dlq->require_subcommand(1);
  auto* list = dlq->add_subcommand("list", "List dead letters with their reasons");
  auto listConfig = std::make_shared<std::string>();
  list->add_option("--config", *listConfig, "The daemon's config file (YAML)")->required();
  list->callback([=, &exitCode] {
    auto st = openConfiguredStore(*listConfig, "dlq", exitCode);
    if (!st) return;
    store::OutboxStore store(*st->store);
    auto rows = store.deadLetters(1000);
    if (!rows) {
      std::fprintf(stderr, "sinkron dlq: %s\n", rows.error().message.c_str());
      exitCode = kExitFailure;
      return;
    }
    fmt::print("{:>6}  {:<10} {:<18} {:<10} {:>8}  {}\n", cli::text("outbox.col_id"),
               cli::text("outbox.col_connector"), cli::text("outbox.col_kind"),
               cli::text("outbox.col_status"), cli::text("outbox.col_attempts"),
               cli::text("outbox.col_reason"));
    for (const auto& d : *rows)
      fmt::print("{:>6}  {:<10} {:<18} {:<10} {:>8}  {}\n", d.id, d.connector, d.kind, d.status,
                 d.attempts, cut(d.reason, 100));
    exitCode = kExitOk;
  });
  for (const bool replay : {true, false}) {
    auto* cmd = dlq->add_subcommand(
        replay ? "replay" : "discard",
        replay ? "Send dead letters back to the outbox (attempts reset); the next push delivers "
                 "them"
               : "Give up on dead letters for good (they stay in the history)");
    auto cfgFile = std::make_shared<std::string>();
    auto ids = std::make_shared<std::vector<std::int64_t>>();
    auto reason = std::make_shared<std::string>();
    cmd->add_option("--config", *cfgFile, "The daemon's config file (YAML)")->required();
    cmd->add_option("--id", *ids, "Dead letter id (repeat for several)")->required();
    cmd->add_option("--reason", *reason, "Why (goes to the change history)")->required();
    cmd->callback([=, &exitCode] {
      auto st = openConfiguredStore(*cfgFile, "dlq", exitCode);
      if (!st) return;
      store::OutboxStore store(*st->store);
      auto done =
          replay ? store.replay(*ids, actor(), *reason) : store.discard(*ids, actor(), *reason);
      if (!done) {
        std::fprintf(stderr, "sinkron dlq: %s\n", done.error().message.c_str());
        exitCode = kExitFailure;
        return;
      }
      fmt::print("{}\n", cli::say(replay ? "dlq.replayed" : "dlq.discarded", *done, ids->size()));
      exitCode = *done == ids->size() ? kExitOk : kExitInputErrors;
    });
  }
}

}  // namespace sinkron::daemon
