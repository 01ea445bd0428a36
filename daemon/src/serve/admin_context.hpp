#pragma once
// AdminContext: what the admin API's route groups share — the daemon hooks, a copy of the config,
// the admin thread's own store session (one request at a time under storeMutex) and the metrics
// registry. Each route group lives in its own file and adds its routes to the router.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "daemon_admin.hpp"
#include "sinkron/admin/admin_router.hpp"
#include "sinkron/metrics/registry.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon {

struct AdminContext {
  DaemonHooks hooks;
  std::string simpegConnector, siasnConnector, timeZone;
  std::unique_ptr<sync::DaemonConfig> config;  // a copy: reports read connector names from it
  std::unique_ptr<store::StateStore> store;    // the admin thread's own session
  std::mutex storeMutex;
  metrics::MetricsRegistry registry;
  // Each connector's circuit (closed, half_open, open) at the end of the last run.
  std::mutex httpMutex;
  std::map<std::string, std::string> lastCircuits;
};

// status, runs, job triggers, outbox and dead-letter queue
Status addOperationsRoutes(admin::AdminRouter& router, AdminContext& ctx);
// conflicts (and employee lookup)
Status addPeopleRoutes(admin::AdminRouter& router, AdminContext& ctx);
// diagnose and approved fixes
Status addDiagnoseRoutes(admin::AdminRouter& router, AdminContext& ctx);
// agency reports
Status addReportRoutes(admin::AdminRouter& router, AdminContext& ctx);

namespace admin_json {
using admin::AdminRequest;
using admin::AdminResponse;
using admin::Principal;
using admin::Role;
using admin::RouteAccess;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline std::string isoTime(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

inline void str(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

inline admin::AdminResponse ok(const rapidjson::StringBuffer& sb, int status = 200) {
  return admin::AdminResponse::json(status, std::string(sb.GetString(), sb.GetSize()));
}

// ?limit=N, 1..10000, else the fallback
inline std::size_t limitOf(const admin::AdminRequest& req, std::size_t fallback) {
  auto it = req.query.find("limit");
  if (it == req.query.end()) return fallback;
  char* end = nullptr;
  unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
  return end && *end == '\0' && v > 0 ? std::min<std::size_t>(v, 10000) : fallback;
}

inline std::string queryValue(const admin::AdminRequest& req, const char* key) {
  auto it = req.query.find(key);
  return it == req.query.end() ? std::string() : it->second;
}

}  // namespace admin_json
}  // namespace sinkron::daemon
