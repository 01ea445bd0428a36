#include "remote_sync.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "display_format.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "remote_call.hpp"
#include "run_progress_view.hpp"

namespace sinkron::daemon::cli {
namespace {

constexpr const char* kSyncJob = "sync";  // the daemon's job name (daemon_process.cpp)

std::string serialized(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return sb.GetString();
}

// The newest sync run with an id above `after` in the recent-runs list, or 0.
std::int64_t firstSyncRunAfter(const rapidjson::Document& runs, std::int64_t after) {
  std::int64_t found = 0;
  if (!runs.HasMember("runs") || !runs["runs"].IsArray()) return 0;
  for (const auto& r : runs["runs"].GetArray()) {
    const std::int64_t id = jsonInt(r, "id").value_or(0);
    if (id > after && jsonText(r, "job") == kSyncJob && (found == 0 || id < found)) found = id;
  }
  return found;
}

std::int64_t newestRunId(const rapidjson::Document& runs) {
  std::int64_t newest = 0;
  if (runs.HasMember("runs") && runs["runs"].IsArray())
    for (const auto& r : runs["runs"].GetArray())
      newest = std::max(newest, jsonInt(r, "id").value_or(0));
  return newest;
}

int outcomeExitCode(const std::string& status) {
  if (status == "ok") return kExitOk;
  if (status == "partial") return kExitInputErrors;
  return kExitRunFailed;
}

}  // namespace

int runRemoteSync(const RemoteSyncOptions& o) {
  RemoteCall call("sync --remote");
  if (!call.connect(o.connection)) return call.exitCode;
  std::int64_t before = 0;
  if (o.follow) {
    auto recent = call.get("/api/v1/runs?limit=1");
    if (!recent) return call.exitCode;
    before = newestRunId(*recent);
  }
  std::string raw;
  auto started = call.post(std::string("/api/v1/jobs/") + kSyncJob + "/run", "{}", &raw);
  if (!started) return call.exitCode;
  const std::string outcome = jsonText(*started, "outcome");
  std::int64_t runId = jsonInt(*started, "run_id").value_or(0);
  std::fprintf(stderr, "%s\n", say("sync.remote_" + outcome, call.client->baseUrl()).c_str());
  if (!o.follow) {
    if (o.connection.json) fmt::print("{}\n", raw);
    return kExitOk;
  }

  const auto pause = std::chrono::milliseconds(static_cast<long long>(o.pollSeconds * 1000));
  const long long maxPolls = static_cast<long long>(o.maxWaitSeconds / o.pollSeconds) + 1;
  RunProgressView view(stderr, ::isatty(STDERR_FILENO) == 1);
  bool listOnly = false;  // a daemon without GET /api/v1/runs/{id}: follow through the list
  for (long long poll = 0; poll < maxPolls; ++poll) {
    if (poll > 0) std::this_thread::sleep_for(pause);
    if (runId == 0) {
      auto recent = call.get("/api/v1/runs?limit=20");
      if (!recent) return call.exitCode;
      runId = firstSyncRunAfter(*recent, before);
      continue;
    }
    std::optional<rapidjson::Document> doc;
    const rapidjson::Value* run = nullptr;
    if (!listOnly) {
      auto reply = call.client->get("/api/v1/runs/" + std::to_string(runId));
      if (auto* f = std::get_if<ApiFailure>(&reply)) {
        if (f->exitCode != kExitNotFound) {
          view.finish();
          call.fail(f->exitCode, f->message);
          return call.exitCode;
        }
        listOnly = true;
        continue;
      }
      doc.emplace();
      doc->Parse(std::get<ApiReply>(reply).body.c_str());
      if (!doc->HasParseError() && doc->IsObject() && doc->HasMember("run")) run = &(*doc)["run"];
    } else {
      doc = call.get("/api/v1/runs?limit=20");
      if (!doc) return call.exitCode;
      if (doc->HasMember("runs") && (*doc)["runs"].IsArray())
        for (const auto& r : (*doc)["runs"].GetArray())
          if (jsonInt(r, "id").value_or(0) == runId) run = &r;
    }
    if (run == nullptr) continue;
    view.update(*run);
    const std::string status = jsonText(*run, "status");
    if (status == "running" || status.empty()) continue;
    view.finish();
    auto startedAt = jsonInt(*run, "started_at_ms"), finishedAt = jsonInt(*run, "finished_at_ms");
    const std::string took = startedAt && finishedAt
                                 ? duration(static_cast<double>(*finishedAt - *startedAt) / 1000.0)
                                 : "-";
    if (o.connection.json)
      fmt::print("{}\n", serialized(*run));
    else
      fmt::print("{}\n", say("sync.remote_done", runId, statusWord(status), took));
    if (std::string e = jsonText(*run, "error"); !e.empty() && !o.connection.json)
      fmt::print("  {}\n", say("runs.error", e));
    return outcomeExitCode(status);
  }
  view.finish();
  call.fail(kExitUnreachable, say("sync.follow_gave_up", runId, duration(o.maxWaitSeconds)));
  return call.exitCode;
}

}  // namespace sinkron::daemon::cli
