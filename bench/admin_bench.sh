#!/usr/bin/env bash
# Benchmark (not a test): the admin API of `sinkron serve` under load while a sync cycle runs.
# Starts the simulators (a sizeable population, latency on every request so the cycle lasts) and
# the daemon (SQLite state, admin API on loopback), starts a sync through the API, and while it
# runs drives wrk against GET /api/v1/status and GET /api/v1/employees?nip=... (a stored NIP).
# wrk has no fixed-rate mode (wrk2 is not in Debian): the paced runs use 11 connections that each
# pause 10 ms before a request (about 1,000 requests/s; bench/admin_auth.lua), the saturation
# run 4 connections without a pause. Prints the achieved requests/s and p50/p99 latency.
# Target: p99 <= 10 ms at 1,000 requests/s while a sync runs.
# Usage: bench/admin_bench.sh [people] [latency_ms] [seconds per endpoint]
#        (after a Release build in ./build, or SINKRON_BUILD_DIR=...)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="${SINKRON_BUILD_DIR:-$root/build}"
people="${1:-10000}"
latency="${2:-20}"
seconds="${3:-15}"
command -v wrk >/dev/null || { echo "admin_bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
work="$(mktemp -d /tmp/sinkron-admin-bench.XXXXXX)"
sim=""
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null || true
  [ -n "$sim" ] && kill "$sim" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cat >"$work/faults.json" <<JSON
{"faults":[{"system":"*","route":"*","kind":"latency","fixed_ms":$latency,"rate":1.0}]}
JSON
source deploy/demo/simulated_site.sh
start_simulated_site "$work" "$people" 11 "$work/faults.json"
printf 'admin:\n  port: 0\n' >>"$work/sinkron.yaml"

SINKRON_BENCH_TOKEN="$("$build/daemon/sinkron" token create --config "$work/sinkron.yaml" \
  --name bench --role operator 2>/dev/null)"
export SINKRON_BENCH_TOKEN
(umask 077; printf 'Authorization: Bearer %s\n' "$SINKRON_BENCH_TOKEN" >"$work/auth.header")
auth=(-H "@$work/auth.header")  # the token stays out of the process list

"$build/daemon/sinkron" serve --config "$work/sinkron.yaml" 2>"$work/daemon.log" &
daemon=$!
admin=""
for _ in $(seq 1 600); do
  admin=$(sed -n 's/.*admin API at \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/daemon.log" | head -1)
  [ -n "$admin" ] && break
  sleep 0.1
done
[ -n "$admin" ] || { echo "admin_bench: the admin API did not start" >&2; exit 1; }
run_wrk() {  # label path seconds connections pause_ms
  if ! curl -fsS "${auth[@]}" "$admin$2" -o /dev/null; then
    echo "  $1: not available ($2 answered an error), skipped"
    return
  fi
  local running
  running=$(curl -fsS "${auth[@]}" "$admin/api/v1/status" | grep -c '"running_run_id"' || true)
  SINKRON_BENCH_DELAY_MS="$5" \
    wrk -t 1 -c "$4" -d "${3}s" --latency -s bench/admin_auth.lua "$admin$2" \
    >"$work/wrk-${1%% *}.txt" 2>&1 || true
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-${1%% *}.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk-${1%% *}.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-${1%% *}.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk-${1%% *}.txt")
  echo "  $1: ${rps:-?} requests/s, p50 ${p50:-?}, p99 ${p99:-?}" \
    "($4 connections, pause $5 ms, ${3} s, sync running: $([ "$running" -gt 0 ] && echo yes || echo no)${non2xx:+, non-2xx: $non2xx})"
}

echo "admin_bench: $people employees, ${latency} ms simulator latency, SQLite state, wrk paced (about 1,000 requests/s) and saturation runs"
# The baseline: no job running.
run_wrk "status (idle, saturation)" /api/v1/status 5 4 0
run_wrk "status (idle, paced)" /api/v1/status 5 11 10
curl -fsS -X POST "${auth[@]}" "$admin/api/v1/jobs/sync/run" >/dev/null
# A NIP to look up: once SIMPEG's pull is stored (the SIASN pull, slow, still runs after it).
nip=""
for _ in $(seq 1 1200); do
  grep -q "pull simpeg/pegawai done" "$work/daemon.log" && break
  sleep 0.25
done
nip=$(sqlite3 "$work/state/sinkron.db" "SELECT json_extract(record_json, '$.nip') FROM \
  source_records WHERE connector = 'simpeg' AND stream = 'pegawai' LIMIT 1 OFFSET 100" || true)

run_wrk "status (paced)" /api/v1/status "$seconds" 11 10
run_wrk "status (saturation)" /api/v1/status 5 4 0
if [ -n "$nip" ]; then
  run_wrk "employees (paced)" "/api/v1/employees?nip=$nip" "$seconds" 11 10
else
  echo "  employees: no stored NIP yet, skipped"
fi
state=$(curl -fsS "${auth[@]}" "$admin/api/v1/status" | grep -o '"running_run_id":[0-9]*' || echo "sync finished")
echo "  after the load: $state"
echo "  progress: $(curl -fsS "${auth[@]}" "$admin/api/v1/runs/1" | grep -o '"progress":{[^}]*}' || echo none)"
