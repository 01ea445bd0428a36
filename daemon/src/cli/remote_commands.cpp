#include "remote_commands.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "admin_client.hpp"
#include "display_format.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "remote_call.hpp"
#include "text_table.hpp"

namespace sinkron::daemon {
namespace {

using cli::ConnectionOptions;
using cli::RemoteCall;
using cli::say;
using cli::text;
using cli::TextTable;

std::string h(std::string_view key) {
  return std::string(text(key));
}

void printRaw(const std::string& body) {
  fmt::print("{}\n", body);
}

void addStatus(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "status", "The running daemon: jobs, the run in progress, outbox counts and connectors");
  auto conn = std::make_shared<ConnectionOptions>();
  cli::addConnectionOptions(cmd, *conn);
  cmd->callback([=, &exitCode] {
    RemoteCall call("status");
    auto d = call.show(*conn, "/api/v1/status", exitCode);
    if (!d) return;
    fmt::print("{}\n", say("status.daemon_at", call.client->baseUrl()));
    if (auto run = cli::jsonInt(*d, "running_run_id"))
      fmt::print("{}\n", say("status.running_run", *run));
    if (cli::jsonBool(*d, "shutting_down")) fmt::print("{}\n", h("status.shutting_down"));
    TextTable jobs({h("col.job"), h("col.running"), h("col.queued"), h("col.next_run"),
                    h("col.last_finished"), h("col.runs")});
    jobs.alignRight(5);
    if (d->HasMember("jobs") && (*d)["jobs"].IsArray())
      for (const auto& j : (*d)["jobs"].GetArray())
        jobs.add({cli::jsonText(j, "name"), cli::yesNo(cli::jsonBool(j, "running")),
                  cli::yesNo(cli::jsonBool(j, "queued")), cli::jsonText(j, "next_run"),
                  cli::jsonText(j, "last_finished"), cli::jsonText(j, "runs")});
    fmt::print("\n");
    jobs.print();
    if (d->HasMember("outbox") && (*d)["outbox"].IsObject()) {
      const auto& o = (*d)["outbox"];
      fmt::print("\n{}\n",
                 say("status.outbox", cli::jsonInt(o, "pending").value_or(0),
                     cli::jsonInt(o, "delivering").value_or(0),
                     cli::jsonInt(o, "delivered").value_or(0), cli::jsonInt(o, "dead").value_or(0),
                     cli::jsonInt(o, "dead_letters_waiting").value_or(0)));
    }
    if (d->HasMember("connectors") && (*d)["connectors"].IsArray()) {
      TextTable connectors(
          {h("col.connector"), h("col.type"), h("col.base_url"), h("col.last_pull")});
      for (const auto& c : (*d)["connectors"].GetArray()) {
        auto last = cli::jsonInt(c, "last_pull_ms");
        connectors.add({cli::jsonText(c, "name"), cli::jsonText(c, "type"),
                        cli::jsonText(c, "base_url"), last ? cli::localTime(*last) : "-"});
      }
      fmt::print("\n");
      connectors.print();
    }
  });
}

std::string runDuration(const rapidjson::Value& run) {
  auto started = cli::jsonInt(run, "started_at_ms");
  auto finished = cli::jsonInt(run, "finished_at_ms");
  if (!started || !finished) return "-";
  return cli::duration(static_cast<double>(*finished - *started) / 1000.0);
}

void printRun(const rapidjson::Value& run) {
  fmt::print("{}\n",
             say("runs.header", cli::jsonText(run, "id"), cli::jsonText(run, "job"),
                 cli::statusWord(cli::jsonText(run, "status")), cli::jsonText(run, "trigger")));
  if (auto s = cli::jsonInt(run, "started_at_ms"))
    fmt::print("  {}\n", say("runs.started", cli::localTime(*s), runDuration(run)));
  if (std::string e = cli::jsonText(run, "error"); !e.empty())
    fmt::print("  {}\n", say("runs.error", e));
  if (run.HasMember("steps") && run["steps"].IsArray() && !run["steps"].Empty()) {
    TextTable steps({h("col.step"), h("col.status"), h("col.duration"), h("col.detail")});
    for (const auto& s : run["steps"].GetArray())
      steps.add({cli::jsonText(s, "step"), cli::statusWord(cli::jsonText(s, "status")),
                 runDuration(s), cli::jsonText(s, "detail")});
    fmt::print("\n");
    steps.print();
  }
  if (run.HasMember("progress") && run["progress"].IsObject()) {
    const auto& p = run["progress"];
    fmt::print("\n{}\n",
               say("runs.progress", cli::jsonText(p, "step"), cli::jsonInt(p, "done").value_or(0),
                   cli::jsonInt(p, "total").value_or(0)));
  }
}

void addRuns(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "runs", "Recent sync runs of the running daemon, or one run with its steps (--id)");
  auto conn = std::make_shared<ConnectionOptions>();
  auto limit = std::make_shared<int>(20);
  auto id = std::make_shared<long long>(0);
  cli::addConnectionOptions(cmd, *conn);
  cmd->add_option("--limit", *limit, "At most this many runs (newest first)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--id", *id, "Show this run with its steps")->check(CLI::PositiveNumber);
  cmd->callback([=, &exitCode] {
    RemoteCall call("runs");
    auto d = call.show(*conn,
                       *id > 0 ? "/api/v1/runs/" + std::to_string(*id)
                               : "/api/v1/runs?limit=" + std::to_string(*limit),
                       exitCode);
    if (!d) return;
    if (*id > 0) {
      if (d->HasMember("run")) printRun((*d)["run"]);
      return;
    }
    TextTable runs({h("col.id"), h("col.job"), h("col.trigger"), h("col.status"), h("col.started"),
                    h("col.duration"), h("col.error")});
    runs.alignRight(0);
    if (d->HasMember("runs") && (*d)["runs"].IsArray())
      for (const auto& r : (*d)["runs"].GetArray()) {
        auto started = cli::jsonInt(r, "started_at_ms");
        std::string error = cli::jsonText(r, "error");
        if (cli::displayWidth(error) > 60) error = error.substr(0, 59) + "~";
        runs.add({cli::jsonText(r, "id"), cli::jsonText(r, "job"), cli::jsonText(r, "trigger"),
                  cli::statusWord(cli::jsonText(r, "status")),
                  started ? cli::localTime(*started) : "-", runDuration(r), error});
      }
    if (runs.rows() == 0) {
      fmt::print("{}\n", h("runs.none"));
      return;
    }
    runs.print();
  });
}

std::string resolveBody(const std::string& resolution, const std::string& value,
                        const std::string& reason) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("resolution"), w.String(resolution.c_str());
  if (resolution == "value") w.Key("value"), w.String(value.c_str());
  w.Key("reason"), w.String(reason.c_str());
  w.EndObject();
  return sb.GetString();
}

void addConflicts(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "conflicts",
      "Conflicts waiting for a person (a value the systems disagree on and the ownership policy "
      "cannot decide), and `conflicts resolve` to decide one");
  auto conn = std::make_shared<ConnectionOptions>();
  auto status = std::make_shared<std::string>("open");
  auto limit = std::make_shared<int>(100);
  cli::addConnectionOptions(cmd, *conn);
  cmd->add_option("--status", *status, "open or resolved")
      ->check(CLI::IsMember({"open", "resolved"}));
  cmd->add_option("--limit", *limit, "At most this many conflicts")->check(CLI::Range(1, 10000));

  auto* resolve = cmd->add_subcommand(
      "resolve",
      "Decide a conflict: take the left or right system's value, enter a value, or dismiss it; "
      "the reason goes to the change history and the daemon queues the pushes it implies "
      "(operator role)");
  auto rconn = std::make_shared<ConnectionOptions>();
  auto id = std::make_shared<long long>(0);
  auto take = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto dismiss = std::make_shared<bool>(false);
  auto reason = std::make_shared<std::string>();
  resolve->add_option("id", *id, "The conflict's id (see `sinkron conflicts`)")
      ->required()
      ->check(CLI::PositiveNumber);
  auto* takeOpt = resolve->add_option("--take", *take, "left or right: keep that system's value")
                      ->check(CLI::IsMember({"left", "right"}));
  auto* valueOpt = resolve->add_option("--value", *value, "Enter the right value yourself");
  auto* dismissOpt = resolve->add_flag("--dismiss", *dismiss, "Close it without a change");
  takeOpt->excludes(valueOpt)->excludes(dismissOpt);
  valueOpt->excludes(dismissOpt);
  resolve->add_option("--reason", *reason, "Why (goes to the change history)")->required();
  cli::addConnectionOptions(resolve, *rconn);
  resolve->callback([=, &exitCode] {
    RemoteCall call("conflicts resolve");
    if (take->empty() && !valueOpt->count() && !*dismiss) {
      call.fail(kExitFailure, h("conflicts.need_decision"));
      exitCode = call.exitCode;
      return;
    }
    const std::string resolution = !take->empty() ? *take : *dismiss ? "dismiss" : "value";
    std::string raw;
    auto d = call.request(*rconn, "/api/v1/conflicts/" + std::to_string(*id) + "/resolve",
                          resolveBody(resolution, *value, *reason), &raw);
    if (!d) {
      exitCode = call.exitCode;
      return;
    }
    exitCode = kExitOk;
    if (rconn->json) return printRaw(raw);
    std::string queued;
    if (d->HasMember("queued") && (*d)["queued"].IsArray())
      for (const auto& q : (*d)["queued"].GetArray())
        if (q.IsInt64()) queued += (queued.empty() ? "" : ", ") + std::to_string(q.GetInt64());
    fmt::print("{}\n", say("conflicts.resolved", *id, resolution));
    fmt::print("{}\n",
               queued.empty() ? h("conflicts.nothing_queued") : say("conflicts.queued", queued));
  });

  cmd->callback([=, &exitCode] {
    if (resolve->parsed()) return;
    RemoteCall call("conflicts");
    auto d =
        call.show(*conn, "/api/v1/conflicts?status=" + *status + "&limit=" + std::to_string(*limit),
                  exitCode);
    if (!d) return;
    TextTable table({h("col.id"), h("col.field"), h("col.left"), h("col.right"), h("col.created"),
                     h("col.note")});
    table.alignRight(0);
    if (d->HasMember("conflicts") && (*d)["conflicts"].IsArray())
      for (const auto& c : (*d)["conflicts"].GetArray()) {
        auto created = cli::jsonInt(c, "created_at_ms");
        table.add({cli::jsonText(c, "id"), cli::jsonText(c, "field"),
                   cli::jsonText(c, "left_source") + ": " + cli::jsonText(c, "left_value"),
                   cli::jsonText(c, "right_source") + ": " + cli::jsonText(c, "right_value"),
                   created ? cli::localTime(*created) : "-", cli::jsonText(c, "note")});
      }
    if (table.rows() == 0) {
      fmt::print("{}\n", say("conflicts.none", cli::statusWord(*status)));
      return;
    }
    table.print();
  });
}

void addLookup(CLI::App& app, int& exitCode) {
  auto* cmd = app.add_subcommand(
      "lookup",
      "Find an employee by NIP, NIK or name (with birth date) and show the record in every "
      "system, and whether it is linked (helpdesk)");
  auto conn = std::make_shared<ConnectionOptions>();
  auto nip = std::make_shared<std::string>();
  auto nik = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto birth = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(20);
  cli::addConnectionOptions(cmd, *conn);
  auto* nipOpt = cmd->add_option("--nip", *nip, "The NIP (18 digits)");
  auto* nikOpt = cmd->add_option("--nik", *nik, "The NIK (16 digits)");
  auto* nameOpt = cmd->add_option("--name", *name, "The name, or part of it");
  cmd->add_option("--birth-date", *birth, "Birth date, yyyy-mm-dd (with --name)")->needs(nameOpt);
  cmd->add_option("--limit", *limit, "At most this many people")->check(CLI::Range(1, 500));
  nipOpt->excludes(nikOpt)->excludes(nameOpt);
  nikOpt->excludes(nameOpt);
  cmd->callback([=, &exitCode] {
    RemoteCall call("lookup");
    std::string query;
    if (!nip->empty()) query = "nip=" + cli::queryValue(*nip);
    if (!nik->empty()) query = "nik=" + cli::queryValue(*nik);
    if (!name->empty()) query = "name=" + cli::queryValue(*name);
    if (query.empty()) {
      call.fail(kExitFailure, h("lookup.need_query"));
      exitCode = call.exitCode;
      return;
    }
    if (!birth->empty()) query += "&birth_date=" + cli::queryValue(*birth);
    query += "&limit=" + std::to_string(*limit);
    std::string raw;
    auto d = call.request(*conn, "/api/v1/employees?" + query, std::nullopt, &raw);
    if (!d) {
      exitCode = call.exitCode;
      return;
    }
    const bool found =
        d->HasMember("employees") && (*d)["employees"].IsArray() && !(*d)["employees"].Empty();
    exitCode = found ? int{kExitOk} : int{kExitNotFound};
    if (conn->json) return printRaw(raw);
    if (!found) {
      fmt::print("{}\n", h("lookup.none"));
      return;
    }
    bool first = true;
    for (const auto& e : (*d)["employees"].GetArray()) {
      if (!first) fmt::print("\n");
      first = false;
      fmt::print("{}\n",
                 say("lookup.person", cli::jsonText(e, "nama"), cli::jsonText(e, "nip"),
                     cli::jsonText(e, "birth_date"), cli::statusWord(cli::jsonText(e, "status"))));
      fmt::print("  {}\n",
                 say("lookup.unit", cli::jsonText(e, "unor"), cli::jsonText(e, "unor_id")));
      TextTable systems({h("col.system"), h("col.type"), h("col.key"), h("col.linked"),
                         h("col.nip"), h("col.name"), h("col.missing_since")});
      if (e.HasMember("systems") && e["systems"].IsArray())
        for (const auto& s : e["systems"].GetArray()) {
          auto missing = cli::jsonInt(s, "missing_since_ms");
          systems.add({cli::jsonText(s, "system"), cli::jsonText(s, "type"),
                       cli::jsonText(s, "key"), cli::yesNo(cli::jsonBool(s, "linked")),
                       cli::jsonText(s, "nip"), cli::jsonText(s, "nama"),
                       missing ? cli::localTime(*missing) : "-"});
        }
      systems.print();
    }
  });
}

}  // namespace

void addRemoteCommands(CLI::App& app, int& exitCode) {
  addStatus(app, exitCode);
  addRuns(app, exitCode);
  addConflicts(app, exitCode);
  addLookup(app, exitCode);
}

}  // namespace sinkron::daemon
