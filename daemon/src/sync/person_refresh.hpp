#pragma once
// PersonRefresh: `diagnose --refresh` / `GET /api/v1/diagnose?refresh=1`. Re-pulls one person
// from every system into the store exactly as the sync cycle stores them (same connectors,
// streams and keys), without touching the cycle's state (cursors, each row's last_run), so it
// may run while a cycle runs, then diagnoses from the store. A
// system that fails is named in the report; the others are still re-pulled and diagnosed.
#include <set>
#include <string>
#include <vector>

#include "connector_set.hpp"
#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/diagnose/diagnoser.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

// SIMPEG: the pegawai rows changed since the cycle's last pull (the REST API has no look-up
// by NIP) and the post and unit tables (jabatan with id_bos, unit-kerja with id_unor_bkn); SIASN:
// data-utama of each NIP. e-Kinerja is not re-pulled: no check reads it.
std::vector<diagnose::RefreshedSystem> refreshPerson(store::StateStore& store,
                                                     ConnectorSet& connectors,
                                                     const DaemonConfig& config,
                                                     const std::set<std::string>& nips);

// The SIMPEG post and unit tables into the store (streams "jabatan" keyed id_j and "unit-kerja"
// keyed id_unit_kerja, raw rows), from the beginning, leaving the stored cursors as they were.
// The supervisor and unit-mapping checks read them. Also the smallest addition to a full cycle
// for the supervisor check: call it after the pegawai pull with the cycle's run id. runId 0 is a
// side pull (diagnose --refresh) that leaves each row's last_run alone too.
Result<std::size_t> pullSimpegPosts(store::StateStore& store, const ConnectorSet& connectors,
                                    const std::string& simpegConnector, std::int64_t runId = 0);

// The NIPs to re-pull for a person: the query's and each system's, from a diagnosis of the
// stored data.
std::set<std::string> nipsToRefresh(const diagnose::DiagnoseQuery& query,
                                    const diagnose::DiagnoseReport& stored);

// Puts the re-pull outcomes into a (fresh) report, with a note for each system that failed.
void addRefreshed(diagnose::DiagnoseReport& report,
                  std::vector<diagnose::RefreshedSystem> refreshed);

// Diagnoses once to learn the person's NIPs (the query's and each system's), re-pulls them,
// and diagnoses again with `refreshed` filled in.
Result<diagnose::DiagnoseReport> diagnoseRefreshed(store::StateStore& store,
                                                   ConnectorSet& connectors,
                                                   const DaemonConfig& config,
                                                   diagnose::Diagnoser& diagnoser,
                                                   const diagnose::DiagnoseQuery& query);

}  // namespace sinkron::daemon::sync
