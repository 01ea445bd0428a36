#include "person_refresh.hpp"

#include "sinkron/security/masking.hpp"
#include "sinkron/store/store_pull_sink.hpp"

namespace sinkron::daemon::sync {
namespace {

// A pull into the store that leaves the stream's stored cursor as it was: the cycle resumes
// where it stood, and rows stored here are at worst stored again, unchanged. `runId` 0 is a side
// pull next to the cycle (diagnose --refresh): it also leaves every row's last_run alone and
// saves no cursor at all, so a cycle running meanwhile is not disturbed.
Result<std::size_t> pullKeepingCursor(store::StateStore& store, connectors::Connector& c,
                                      connectors::PullRequest req, const std::string& connector,
                                      std::int64_t runId, bool resumeFromCursor) {
  auto cursor = store.cursor(connector, req.stream);
  if (!cursor) return cursor.error();
  const std::string kept = cursor->value_or("");
  if (resumeFromCursor) req.cursor = kept;
  store::StorePullSink sink(store, connector, req.stream, runId);
  if (runId == 0)
    sink.leaveCycleState();
  else
    sink.setCursorMapper([kept](const std::string&) { return kept; });
  auto stats = c.pull(req, sink);
  if (!stats) return stats.error();
  const auto& n = sink.counts();
  return static_cast<std::size_t>(n.inserted + n.changed + n.unchanged);
}

diagnose::RefreshedSystem outcome(const std::string& system, const std::string& connector,
                                  const Result<std::size_t>& r) {
  diagnose::RefreshedSystem x;
  x.system = system;
  x.connector = connector;
  x.ok = r.ok();
  if (r)
    x.records = *r;
  else
    x.error = security::maskIdsInText(r.error().message);
  return x;
}

}  // namespace

Result<std::size_t> pullSimpegPosts(store::StateStore& store, const ConnectorSet& connectors,
                                    const std::string& simpegConnector, std::int64_t runId) {
  connectors::Connector* c = connectors.find(simpegConnector);
  if (c == nullptr) return Error::invalid("no connector named " + simpegConnector);
  std::size_t total = 0;
  for (const char* stream : {"jabatan", "unit-kerja"}) {
    connectors::PullRequest req;
    req.stream = stream;
    auto n = pullKeepingCursor(store, *c, req, simpegConnector, runId, false);
    if (!n) return n.error();
    total += *n;
  }
  return total;
}

std::vector<diagnose::RefreshedSystem> refreshPerson(store::StateStore& store,
                                                     ConnectorSet& connectors,
                                                     const DaemonConfig& config,
                                                     const std::set<std::string>& nips) {
  std::vector<diagnose::RefreshedSystem> out;
  const std::string& simpeg = config.sync.simpeg;
  if (!simpeg.empty()) {
    Result<std::size_t> r = Error::invalid("no connector named " + simpeg);
    if (connectors::Connector* c = connectors.find(simpeg)) {
      connectors::PullRequest req;
      req.stream = "pegawai";
      r = pullKeepingCursor(store, *c, req, simpeg, 0, true);
      if (r) {
        auto posts = pullSimpegPosts(store, connectors, simpeg);
        r = posts ? Result<std::size_t>(*r + *posts) : Result<std::size_t>(posts.error());
      }
    }
    out.push_back(outcome("simpeg", simpeg, r));
  }
  const std::string& siasn = config.sync.siasn;
  if (!siasn.empty()) {
    Result<std::size_t> r = Error::invalid("no connector named " + siasn);
    if (connectors::Connector* c = connectors.find(siasn)) {
      connectors::PullRequest req;
      req.stream = "data-utama";
      req.keys.assign(nips.begin(), nips.end());
      r = req.keys.empty() ? Result<std::size_t>(std::size_t{0})
                           : pullKeepingCursor(store, *c, req, siasn, 0, false);
    }
    out.push_back(outcome("siasn", siasn, r));
  }
  return out;
}

std::set<std::string> nipsToRefresh(const diagnose::DiagnoseQuery& query,
                                    const diagnose::DiagnoseReport& stored) {
  std::set<std::string> nips;
  if (!query.nip.empty()) {
    std::string digits;
    for (char ch : query.nip)
      if (ch >= '0' && ch <= '9') digits += ch;
    nips.insert(digits);
  }
  for (const auto& s : stored.systems)
    if (s.nip.size() == 18) nips.insert(s.nip);
  return nips;
}

void addRefreshed(diagnose::DiagnoseReport& report,
                  std::vector<diagnose::RefreshedSystem> refreshed) {
  report.refreshed = std::move(refreshed);
  for (const auto& x : report.refreshed)
    if (!x.ok)
      report.notes.push_back({"Tarik ulang dari " + x.connector + " gagal; data " + x.system +
                                  " yang diperiksa adalah data tersimpan terakhir: " + x.error,
                              "re-pulling from " + x.connector + " failed; the " + x.system +
                                  " data checked is the last stored: " + x.error});
}

Result<diagnose::DiagnoseReport> diagnoseRefreshed(store::StateStore& store,
                                                   ConnectorSet& connectors,
                                                   const DaemonConfig& config,
                                                   diagnose::Diagnoser& diagnoser,
                                                   const diagnose::DiagnoseQuery& query) {
  auto first = diagnoser.diagnose(query);
  if (!first) return first.error();
  auto refreshed = refreshPerson(store, connectors, config, nipsToRefresh(query, *first));
  auto report = diagnoser.diagnose(query);
  if (!report) return report.error();
  addRefreshed(*report, std::move(refreshed));
  return report;
}

}  // namespace sinkron::daemon::sync
