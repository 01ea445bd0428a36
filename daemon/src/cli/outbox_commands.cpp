// `sinkron outbox` and `sinkron dlq`: what waits to be delivered, what gave up, and a person's
// replay or discard of dead letters (with a reason that goes to the change history). They ask
// the running daemon's admin API (GET /api/v1/outbox, GET /api/v1/dlq, POST /api/v1/dlq/replay
// and /discard); with --local they open the state store the config names instead (for when the
// daemon is down).
#include "outbox_commands.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "admin_client.hpp"
#include "configured_store.hpp"
#include "display_format.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "remote_call.hpp"
#include "sinkron/security/masking.hpp"
#include "sinkron/store/outbox_store.hpp"
#include "text_table.hpp"

namespace sinkron::daemon {
namespace {

using cli::ConnectionOptions;
using cli::RemoteCall;
using cli::TextTable;

constexpr const char* kLocalHelp =
    "Read and change the state store directly (needs --config FILE) instead of asking the "
    "daemon: for when the daemon is down";

std::string h(std::string_view key) {
  return std::string(cli::text(key));
}

std::string actor() {
  const char* user = std::getenv("SUDO_USER");
  if (user == nullptr || *user == '\0') user = std::getenv("USER");
  return std::string("operator:") + (user && *user ? user : "unknown");
}

std::string cut(std::string text, std::size_t width) {
  text = security::maskIdsInText(text);
  if (cli::displayWidth(text) > width) text = text.substr(0, width - 1) + "~";
  return text;
}

// --local needs the config that names the store.
bool localReady(const char* command, const ConnectionOptions& conn, bool json, int& exitCode) {
  if (conn.configFile.empty()) {
    std::fprintf(stderr, "sinkron %s: %s\n", command, h("local.need_config").c_str());
    exitCode = kExitFailure;
    return false;
  }
  return !cli::refuseJsonLocally(command, json, exitCode);
}

TextTable outboxTable() {
  TextTable t({h("col.id"), h("col.connector"), h("col.kind"), h("col.status"), h("col.attempts"),
               h("col.target"), h("col.natural_key"), h("col.last_error")});
  t.alignRight(0).alignRight(4);
  return t;
}

TextTable deadLetterTable() {
  TextTable t({h("col.id"), h("col.connector"), h("col.kind"), h("col.status"), h("col.attempts"),
               h("col.target"), h("col.reason")});
  t.alignRight(0).alignRight(4);
  return t;
}

void printCounts(const store::OutboxCounts& c) {
  fmt::print("{}\n", cli::say("outbox.counts", c.pending, c.delivering, c.delivered, c.dead,
                              c.deadLettersWaiting));
}

// ---- store-direct (--local) ----

void outboxLocal(const std::string& config, const std::string& status, std::size_t limit,
                 int& exitCode) {
  auto st = openConfiguredStore(config, "outbox", exitCode);
  if (!st) return;
  store::OutboxStore store(*st->store);
  auto counts = store.counts();
  auto rows = store.list(status, limit);
  if (!counts || !rows) {
    std::fprintf(stderr, "sinkron outbox: %s\n",
                 (counts ? rows.error() : counts.error()).message.c_str());
    exitCode = kExitFailure;
    return;
  }
  printCounts(*counts);
  TextTable t = outboxTable();
  for (const auto& e : *rows)
    t.add({std::to_string(e.id), e.connector, e.kind, e.status, std::to_string(e.attempts),
           cut(e.targetKey, 24), cut(e.naturalKey, 60), cut(e.lastError, 80)});
  if (t.rows() > 0) t.print();
  exitCode = kExitOk;
}

void dlqListLocal(const std::string& config, std::size_t limit, int& exitCode) {
  auto st = openConfiguredStore(config, "dlq", exitCode);
  if (!st) return;
  store::OutboxStore store(*st->store);
  auto rows = store.deadLetters(limit);
  if (!rows) {
    std::fprintf(stderr, "sinkron dlq: %s\n", rows.error().message.c_str());
    exitCode = kExitFailure;
    return;
  }
  TextTable t = deadLetterTable();
  for (const auto& d : *rows)
    t.add({std::to_string(d.id), d.connector, d.kind, d.status, std::to_string(d.attempts),
           cut(d.targetKey, 24), cut(d.reason, 100)});
  if (t.rows() == 0) {
    fmt::print("{}\n", h("dlq.none"));
  } else {
    t.print();
  }
  exitCode = kExitOk;
}

void dlqChangeLocal(const std::string& config, bool replay, const std::vector<std::int64_t>& ids,
                    const std::string& reason, int& exitCode) {
  auto st = openConfiguredStore(config, "dlq", exitCode);
  if (!st) return;
  store::OutboxStore store(*st->store);
  auto done = replay ? store.replay(ids, actor(), reason) : store.discard(ids, actor(), reason);
  if (!done) {
    std::fprintf(stderr, "sinkron dlq: %s\n", done.error().message.c_str());
    exitCode = kExitFailure;
    return;
  }
  fmt::print("{}\n", cli::say(replay ? "dlq.replayed" : "dlq.discarded", *done, ids.size()));
  exitCode = *done == ids.size() ? kExitOk : kExitInputErrors;
}

// ---- through the admin API ----

void outboxRemote(const ConnectionOptions& conn, const std::string& status, std::size_t limit,
                  int& exitCode) {
  RemoteCall call("outbox");
  auto d = call.show(conn, "/api/v1/outbox?status=" + status + "&limit=" + std::to_string(limit),
                     exitCode);
  if (!d) return;
  // The counts come with the status (every role that may list the outbox may read it).
  if (auto s = call.get("/api/v1/status");
      s && s->HasMember("outbox") && (*s)["outbox"].IsObject()) {
    const auto& o = (*s)["outbox"];
    auto n = [&](const char* k) {
      return static_cast<std::uint64_t>(cli::jsonInt(o, k).value_or(0));
    };
    printCounts(
        {n("pending"), n("delivering"), n("delivered"), n("dead"), n("dead_letters_waiting")});
  }
  exitCode = kExitOk;  // the counts are a courtesy: their failure is not the command's
  TextTable t = outboxTable();
  if (d->HasMember("entries") && (*d)["entries"].IsArray())
    for (const auto& e : (*d)["entries"].GetArray())
      t.add({cli::jsonText(e, "id"), cli::jsonText(e, "connector"), cli::jsonText(e, "kind"),
             cli::jsonText(e, "status"), cli::jsonText(e, "attempts"),
             cut(cli::jsonText(e, "target"), 24), cut(cli::jsonText(e, "natural_key"), 60),
             cut(cli::jsonText(e, "last_error"), 80)});
  if (t.rows() == 0) {
    fmt::print("{}\n", cli::say("outbox.none", status));
    return;
  }
  t.print();
}

void dlqListRemote(const ConnectionOptions& conn, std::size_t limit, int& exitCode) {
  RemoteCall call("dlq");
  auto d = call.show(conn, "/api/v1/dlq?limit=" + std::to_string(limit), exitCode);
  if (!d) return;
  TextTable t = deadLetterTable();
  if (d->HasMember("dead_letters") && (*d)["dead_letters"].IsArray())
    for (const auto& e : (*d)["dead_letters"].GetArray())
      t.add({cli::jsonText(e, "id"), cli::jsonText(e, "connector"), cli::jsonText(e, "kind"),
             cli::jsonText(e, "status"), cli::jsonText(e, "attempts"),
             cut(cli::jsonText(e, "target"), 24), cut(cli::jsonText(e, "reason"), 100)});
  if (t.rows() == 0) {
    fmt::print("{}\n", h("dlq.none"));
    return;
  }
  t.print();
}

std::string idsBody(const std::vector<std::int64_t>& ids, const std::string& reason) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("ids");
  w.StartArray();
  for (std::int64_t id : ids) w.Int64(id);
  w.EndArray();
  w.Key("reason");
  w.String(reason.c_str(), static_cast<rapidjson::SizeType>(reason.size()));
  w.EndObject();
  return sb.GetString();
}

void dlqChangeRemote(const ConnectionOptions& conn, bool replay,
                     const std::vector<std::int64_t>& ids, const std::string& reason,
                     int& exitCode) {
  RemoteCall call(replay ? "dlq replay" : "dlq discard");
  std::string raw;
  auto d = call.request(conn, replay ? "/api/v1/dlq/replay" : "/api/v1/dlq/discard",
                        idsBody(ids, reason), &raw);
  if (!d) {
    exitCode = call.exitCode;
    return;
  }
  const auto done =
      static_cast<std::size_t>(cli::jsonInt(*d, replay ? "replayed" : "discarded").value_or(0));
  exitCode = done == ids.size() ? kExitOk : kExitInputErrors;
  if (conn.json) {
    fmt::print("{}\n", raw);
    return;
  }
  fmt::print("{}\n", cli::say(replay ? "dlq.replayed" : "dlq.discarded", done, ids.size()));
}

void addDlqChange(CLI::App* dlq, bool replay, int& exitCode) {
  auto* cmd = dlq->add_subcommand(
      replay ? "replay" : "discard",
      replay ? "Send dead letters back to the outbox (attempts reset); the next push delivers "
               "them (operator role)"
             : "Give up on dead letters for good; they stay in the history (operator role)");
  auto conn = std::make_shared<ConnectionOptions>();
  auto local = std::make_shared<bool>(false);
  auto ids = std::make_shared<std::vector<std::int64_t>>();
  auto reason = std::make_shared<std::string>();
  cmd->add_option("--id", *ids, "Dead letter id (repeat for several)")->required();
  cmd->add_option("--reason", *reason, "Why (goes to the change history)")->required();
  cli::addConnectionOptions(cmd, *conn);
  cli::addLocalFlag(cmd, *local, kLocalHelp);
  cmd->callback([=, &exitCode] {
    if (!*local) return dlqChangeRemote(*conn, replay, *ids, *reason, exitCode);
    if (localReady("dlq", *conn, conn->json, exitCode))
      dlqChangeLocal(conn->configFile, replay, *ids, *reason, exitCode);
  });
}

}  // namespace

void addOutboxCommands(CLI::App& app, int& exitCode) {
  auto* outbox = app.add_subcommand(
      "outbox",
      "Outbox entries of the running daemon: pushes waiting, being delivered, delivered or dead "
      "(operator and auditor roles; --local reads the store when the daemon is down)");
  auto conn = std::make_shared<ConnectionOptions>();
  auto local = std::make_shared<bool>(false);
  auto status = std::make_shared<std::string>("pending");
  auto limit = std::make_shared<std::size_t>(50);
  outbox->add_option("--status", *status, "pending, delivering, delivered or dead")
      ->check(CLI::IsMember({"pending", "delivering", "delivered", "dead"}));
  outbox->add_option("--limit", *limit, "At most this many entries")->check(CLI::Range(1, 10000));
  cli::addConnectionOptions(outbox, *conn);
  cli::addLocalFlag(outbox, *local, kLocalHelp);
  outbox->callback([=, &exitCode] {
    if (!*local) return outboxRemote(*conn, *status, *limit, exitCode);
    if (localReady("outbox", *conn, conn->json, exitCode))
      outboxLocal(conn->configFile, *status, *limit, exitCode);
  });

  auto* dlq = app.add_subcommand(
      "dlq",
      "The dead-letter queue: pushes that gave up, for a person to replay or discard (through "
      "the running daemon; --local works on the store when it is down)");
  dlq->require_subcommand(1);
  auto* list = dlq->add_subcommand("list", "List dead letters with their reasons");
  auto listConn = std::make_shared<ConnectionOptions>();
  auto listLocal = std::make_shared<bool>(false);
  auto listLimit = std::make_shared<std::size_t>(1000);
  list->add_option("--limit", *listLimit, "At most this many dead letters")
      ->check(CLI::Range(1, 10000));
  cli::addConnectionOptions(list, *listConn);
  cli::addLocalFlag(list, *listLocal, kLocalHelp);
  list->callback([=, &exitCode] {
    if (!*listLocal) return dlqListRemote(*listConn, *listLimit, exitCode);
    if (localReady("dlq", *listConn, listConn->json, exitCode))
      dlqListLocal(listConn->configFile, *listLimit, exitCode);
  });
  addDlqChange(dlq, true, exitCode);
  addDlqChange(dlq, false, exitCode);
}

}  // namespace sinkron::daemon
