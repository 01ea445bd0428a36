#pragma once
// The e-presensi part of the attendance pull: person-days of the regional e-presensi app for
// complete days (from days_back ago up to yesterday), after the stored cursor (the last fully
// stored day), into attendance_epresensi and attendance_daily (EpresensiDailySink). The daily
// roll-up then lets these statuses win over device punches.
#include <cstdint>

#include "sinkron/daemon/sync/daemon_config.hpp"
#include "sinkron/daemon/sync/run_progress.hpp"
#include "sinkron/result.hpp"
#include "sinkron/store/state_store.hpp"

namespace sinkron::daemon::sync {

// `items`: person-days stored. Needs config.attendance.epresensi.
Status pullEpresensi(const DaemonConfig& config, store::StateStore& store, RunProgress* progress,
                     std::uint64_t& items);

}  // namespace sinkron::daemon::sync
