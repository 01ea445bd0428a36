#include "daemon_admin.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "admin_context.hpp"
#include "sinkron/admin/admin_server.hpp"
#include "sinkron/admin/authenticator.hpp"
#include "sinkron/admin/health_routes.hpp"
#include "sinkron/admin/token_store.hpp"
#include "sinkron/metrics/buckets.hpp"
#include "sinkron/metrics/text_format.hpp"
#include "sinkron/store/outbox_store.hpp"

namespace sinkron::daemon {

using admin::AdminRequest;
using admin::AdminResponse;
using admin::Principal;
using admin::Role;
using admin::RouteAccess;

struct DaemonAdmin::Impl {
  AdminContext ctx;
  std::unique_ptr<admin::TokenStore> tokens;
  std::unique_ptr<admin::Authenticator> auth;
  metrics::CounterFamily* runs = nullptr;
  metrics::HistogramFamily* durations = nullptr;
  metrics::GaugeFamily* lastSuccess = nullptr;
  metrics::CounterFamily* pulled = nullptr;
  metrics::CounterFamily* pushes = nullptr;
  metrics::CounterFamily* pushedRecords = nullptr;  // by connector and outcome, as delivered
  // Per connector instance, from its HTTP client.
  metrics::CounterFamily* requests = nullptr;
  metrics::CounterFamily* retries = nullptr;
  metrics::CounterFamily* answers = nullptr;  // by kind: 429, 5xx, transport_error, circuit_open
  metrics::HistogramFamily* latency = nullptr;
  metrics::GaugeFamily* circuits = nullptr;
  std::unique_ptr<store::StateStore> tokenSession;  // the token store's own session
  std::unique_ptr<admin::AdminServer> server;

  // Under ctx.httpMutex: the connector set's stats as last merged, and that set's generation.
  std::uint64_t httpGeneration = 0;
  bool httpSeen = false;
  std::map<std::string, connectors::http::ClientStats> httpMerged;

  // Adds one connector's stats (what changed since the last merge) to the families.
  void addHttp(const std::string& connector, const connectors::http::ClientStats& h) {
    requests->labels({connector}).inc(static_cast<double>(h.requests));
    retries->labels({connector}).inc(static_cast<double>(h.retries));
    answers->labels({connector, "429"}).inc(static_cast<double>(h.status429));
    answers->labels({connector, "5xx"}).inc(static_cast<double>(h.status5xx));
    answers->labels({connector, "transport_error"}).inc(static_cast<double>(h.transportErrors));
    answers->labels({connector, "circuit_open"}).inc(static_cast<double>(h.circuitRejections));
    latency->labels({connector})
        .merge(h.attemptLatency.counts.data(), h.attemptLatency.counts.size(),
               h.attemptLatency.sumSeconds);
  }

  void setCircuits(const std::string& connector, const connectors::http::ClientStats& h) {
    circuits->labels({connector, "open"}).set(h.circuitsOpen);
    circuits->labels({connector, "half_open"}).set(h.circuitsHalfOpen);
  }

  // Brings the HTTP families up to date with the daemon's connector set (during a run too):
  // only what changed since the last merge is added, so scrapes and run ends never count
  // twice. A rebuilt set (new generation) starts from zero. A set that has sent nothing yet
  // (rebuilt after a run) leaves the circuit gauges at the last run's end.
  void syncHttp() {
    if (!ctx.hooks.httpStats) return;
    auto [generation, now] = ctx.hooks.httpStats();
    std::lock_guard lock(ctx.httpMutex);
    if (!httpSeen || generation != httpGeneration) httpMerged.clear();
    httpSeen = true;
    httpGeneration = generation;
    for (const auto& [connector, after] : now) {
      auto before = httpMerged.find(connector);
      addHttp(connector, before == httpMerged.end()
                             ? after
                             : connectors::http::statsSince(after, before->second));
      if (after.attempts > 0 || after.requests > 0) setCircuits(connector, after);
      httpMerged[connector] = after;
    }
  }

  Status registerMetrics() {
    auto r = ctx.registry.addCounter("sinkron_runs_total", "Job runs by job and outcome",
                                     {"job", "status"});
    if (!r) return r.error();
    runs = *r;
    auto d = ctx.registry.addHistogram("sinkron_run_duration_seconds", "Job run durations", {"job"},
                                       metrics::durationBuckets());
    if (!d) return d.error();
    durations = *d;
    auto l = ctx.registry.addGauge("sinkron_last_success_timestamp_seconds",
                                   "When each job last ended ok (Unix time)", {"job"});
    if (!l) return l.error();
    lastSuccess = *l;
    auto p = ctx.registry.addCounter("sinkron_records_pulled_total", "Records pulled per stream",
                                     {"stream"});
    if (!p) return p.error();
    pulled = *p;
    auto q =
        ctx.registry.addCounter("sinkron_pushes_total", "Outbox deliveries by result", {"result"});
    if (!q) return q.error();
    pushes = *q;
    auto rp = ctx.registry.addCounter(
        "sinkron_records_pushed_total",
        "Outbox entries delivered (or found already present), failed (retried later) or "
        "dead-lettered, per connector instance, counted as each delivery is recorded",
        {"connector", "outcome"});
    if (!rp) return rp.error();
    pushedRecords = *rp;
    auto h = ctx.registry.addCounter("sinkron_http_requests_total",
                                     "HTTP requests sent, per connector instance", {"connector"});
    if (!h) return h.error();
    requests = *h;
    auto rt =
        ctx.registry.addCounter("sinkron_http_retries_total",
                                "HTTP attempts repeated after a retryable failure", {"connector"});
    if (!rt) return rt.error();
    retries = *rt;
    auto a = ctx.registry.addCounter(
        "sinkron_http_failures_total",
        "HTTP attempts that failed, by kind (429, 5xx, transport_error, circuit_open)",
        {"connector", "kind"});
    if (!a) return a.error();
    answers = *a;
    const auto& bounds = connectors::http::LatencyHistogram::kUpperBounds;
    auto lt = ctx.registry.addHistogram("sinkron_http_request_duration_seconds",
                                        "HTTP attempt latency, per connector instance",
                                        {"connector"}, {bounds.begin(), bounds.end()});
    if (!lt) return lt.error();
    latency = *lt;
    auto c = ctx.registry.addGauge(
        "sinkron_http_circuits",
        "Hosts whose circuit is open or half_open (during a run: now; between runs: at "
        "the end of the last run)",
        {"connector", "state"});
    if (!c) return c.error();
    circuits = *c;
    // Read from the store at scrape time.
    Status s = ctx.registry.registerCallbackGauge(
        "sinkron_outbox_entries", "Outbox entries by status", {"status"}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(ctx.storeMutex);
          store::OutboxStore outbox(*ctx.store);
          if (auto c = outbox.counts()) {
            out.push_back({{"pending"}, static_cast<double>(c->pending)});
            out.push_back({{"delivering"}, static_cast<double>(c->delivering)});
            out.push_back({{"delivered"}, static_cast<double>(c->delivered)});
            out.push_back({{"dead"}, static_cast<double>(c->dead)});
          }
          return out;
        });
    if (!s) return s;
    s = ctx.registry.registerCallbackGauge(
        "sinkron_dead_letters_waiting", "Dead letters waiting for a person", {}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(ctx.storeMutex);
          store::OutboxStore outbox(*ctx.store);
          if (auto c = outbox.counts())
            out.push_back({{}, static_cast<double>(c->deadLettersWaiting)});
          return out;
        });
    if (!s) return s;
    return ctx.registry.registerCallbackGauge(
        "sinkron_conflicts_open", "Conflicts waiting for a person, by field", {"field"}, [this] {
          std::vector<std::pair<metrics::LabelValues, double>> out;
          std::lock_guard lock(ctx.storeMutex);
          try {
            std::string field;
            long long n = 0;
            soci::statement st = (ctx.store->session().prepare
                                      << "SELECT field, COUNT(*) FROM conflicts WHERE status = "
                                         "'open' GROUP BY field",
                                  soci::into(field), soci::into(n));
            st.execute();
            while (st.fetch()) out.push_back({{field}, static_cast<double>(n)});
          } catch (const std::exception& e) {
            spdlog::warn("metrics: reading conflicts: {}", e.what());
          }
          return out;
        });
  }

  Status routes(admin::AdminRouter& router) {
    const RouteAccess watchers = RouteAccess::forRoles({Role::kOperator, Role::kAuditor});
    if (Status s = admin::addHealthRoutes(router,
                                          [this] {
                                            admin::ReadyState r;
                                            std::lock_guard lock(ctx.storeMutex);
                                            r.storeReachable = static_cast<bool>(ctx.store->ping());
                                            r.migrationsDone =
                                                ctx.store->schemaVersion() ==
                                                store::StateStore::latestSchemaVersion();
                                            r.shuttingDown = ctx.hooks.shuttingDown();
                                            return r;
                                          });
        !s)
      return s;
    std::vector<Status> added = {
        router.add("GET", "/metrics", watchers,
                   [this](const AdminRequest&, const Principal&) {
                     syncHttp();  // the HTTP counters as of now, a run in progress included
                     AdminResponse r;
                     r.status = 200;
                     r.body = ctx.registry.render();
                     r.headers.emplace_back("Content-Type", std::string(metrics::kTextContentType));
                     return r;
                   }),
        addOperationsRoutes(router, ctx), addPeopleRoutes(router, ctx),
        addDiagnoseRoutes(router, ctx), addReportRoutes(router, ctx)};
    for (const Status& s : added)
      if (!s) return s;
    return {};
  }
};

DaemonAdmin::DaemonAdmin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DaemonAdmin::~DaemonAdmin() {
  stop();
}

Result<std::unique_ptr<DaemonAdmin>> DaemonAdmin::start(const sync::DaemonConfig& config,
                                                        DaemonHooks hooks) {
  auto impl = std::make_unique<Impl>();
  impl->ctx.hooks = std::move(hooks);
  impl->ctx.simpegConnector = config.sync.simpeg;
  impl->ctx.siasnConnector = config.sync.siasn;
  impl->ctx.timeZone = config.timeZone;
  impl->ctx.config = std::make_unique<sync::DaemonConfig>(config);
  auto st = store::StateStore::open(config.store);
  if (!st) return st.error();
  impl->ctx.store = std::move(*st);
  // The token store checks tokens outside storeMutex: it gets a session of its own.
  auto tokenSession = store::StateStore::open(config.store);
  if (!tokenSession) return tokenSession.error();
  impl->tokenSession = std::move(*tokenSession);
  auto tokens = admin::TokenStore::open(*impl->tokenSession);
  if (!tokens) return tokens.error();
  impl->tokens = std::move(*tokens);
  impl->auth = std::make_unique<admin::Authenticator>(*impl->tokens);
  if (Status s = impl->registerMetrics(); !s) return s.error();
  admin::AdminRouter router;
  if (Status s = impl->routes(router); !s) return s.error();
  admin::AdminServerOptions o;
  o.bindAddress = config.admin.bind;
  o.port = static_cast<std::uint16_t>(config.admin.port);
  // A slow request (diagnose --refresh pulls over the network) must not hold up the others;
  // the routes share the admin session under storeMutex, the token store has its own.
  o.threads = 4;
  if (!config.admin.tlsCertificate.empty())
    o.tls = admin::AdminTlsFiles{config.admin.tlsCertificate, config.admin.tlsKey};
  auto server = admin::AdminServer::start(o, std::move(router), *impl->auth);
  if (!server) return Error{server.error().code, "admin API: " + server.error().message};
  impl->server = std::move(*server);
  return std::unique_ptr<DaemonAdmin>(new DaemonAdmin(std::move(impl)));
}

std::string DaemonAdmin::baseUrl() const {
  return impl_->server ? impl_->server->baseUrl() : "";
}

void DaemonAdmin::recordRun(const std::string& job, const sync::CycleSummary& s) {
  impl_->runs->labels({job, s.status}).inc();
  impl_->durations->labels({job}).observe(s.seconds);
  if (s.status == "ok")
    impl_->lastSuccess->labels({job}).set(
        static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count()));
  for (const auto& [stream, n] : s.pulled) impl_->pulled->labels({stream}).inc(n);
  impl_->pushes->labels({"delivered"}).inc(s.pushed);
  impl_->pushes->labels({"already_present"}).inc(s.alreadyPresent);
  impl_->pushes->labels({"retry_later"}).inc(s.retryLater);
  impl_->pushes->labels({"dead_lettered"}).inc(s.deadLettered);
  if (impl_->ctx.hooks.httpStats) {
    impl_->syncHttp();  // the counters were merged live; this takes the run's last ones
  } else {
    std::lock_guard lock(impl_->ctx.httpMutex);
    for (const auto& [connector, h] : s.http) {
      impl_->addHttp(connector, h);
      impl_->setCircuits(connector, h);
    }
  }
  std::lock_guard lock(impl_->ctx.httpMutex);
  for (const auto& [connector, h] : s.http)
    impl_->ctx.lastCircuits[connector] = h.circuitsOpen > 0       ? "open"
                                         : h.circuitsHalfOpen > 0 ? "half_open"
                                                                  : "closed";
}

void DaemonAdmin::recordPush(const std::string& connector, std::string_view outcome) {
  impl_->pushedRecords->labels({connector, std::string(outcome)}).inc();
}

void DaemonAdmin::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

}  // namespace sinkron::daemon
