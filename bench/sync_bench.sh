#!/usr/bin/env bash
# Benchmark (not a test): one full sync cycle of a 10,000-employee agency against the simulators
# with 20 ms latency on every request, SQLite state. Prints wall time, requests, CPU µs per
# employee, peak RSS (the cycle) and idle RSS (the daemon serving, before and after a cycle).
# CPU is the daemon's own user+sys time over start-up and the cycle (/proc/PID/stat).
# Usage: bench/sync_bench.sh [people] [latency_ms]   (after a Release build in ./build)
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-10000}"
latency="${2:-20}"
work="$(mktemp -d /tmp/sinkron-sync-bench.XXXXXX)"
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

# Idle RSS before any cycle: the daemon serving its schedule.
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
./build/daemon/sinkron serve --config "$work/sinkron.yaml" 2>>"$work/daemon.log" &
daemon=$!
sleep 2
idle_start=$(rss "$daemon")
kill "$daemon"; wait "$daemon" 2>/dev/null || true

# One full cycle in the daemon (--run-now), then idle: peak RSS (VmHWM), idle RSS, CPU time.
./build/daemon/sinkron serve --config "$work/sinkron.yaml" --run-now 2>>"$work/daemon.log" &
daemon=$!
for _ in $(seq 1 1200); do
  grep -q "run 1: sync cycle [a-z]* in" "$work/daemon.log" && break
  sleep 0.5
done
sleep 2
idle_after=$(rss "$daemon")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$daemon/status")
ticks=$(getconf CLK_TCK)
read -r user sys < <(awk -v t="$ticks" '{printf "%.2f %.2f\n", $14 / t, $15 / t}' "/proc/$daemon/stat")
kill "$daemon"; wait "$daemon" 2>/dev/null || true
daemon=""
sqlite3 "$work/state/sinkron.db" "SELECT summary_json FROM runs WHERE id = 1" >"$work/summary.json"
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$work/summary.json" | tr -d '"'; }
wall=$(field seconds); requests=$(field requests); pushed=$(field pushed); status=$(field status)
cpu_us=$(awk -v u="$user" -v s="$sys" -v n="$people" 'BEGIN {printf "%.0f", (u + s) * 1e6 / n}')
echo "sync_bench: $people employees, ${latency} ms latency on every request, SQLite state"
echo "  cycle: status $status, wall ${wall} s, ${requests} requests, ${pushed} pushed"
echo "  CPU: user ${user} s + sys ${sys} s = ${cpu_us} µs per employee"
echo "  peak RSS: $((peak / 1024)) MiB"
echo "  idle RSS: $((idle_start / 1024)) MiB serving before any cycle, $((idle_after / 1024)) MiB after a cycle"
echo "  steps:"
grep -E "run 1: .* (done|failed)" "$work/daemon.log" | sed 's/^.*run 1: /    /'
echo "  summary: $(cat "$work/summary.json")"
