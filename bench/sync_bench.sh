#!/usr/bin/env bash
# Benchmark (not a test): one full sync cycle of a 10,000-employee agency against the simulators
# with 20 ms latency on every request, SQLite state. Prints wall time, requests, CPU µs per
# employee, peak RSS (the cycle) and idle RSS (the daemon serving, before and after a cycle).
# CPU is the daemon's own user+sys time over start-up and the cycle (/proc/PID/stat).
# Usage: bench/sync_bench.sh [people] [latency_ms]   (after a Release build in ./build)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
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
./build/simulators/app/sinkron-sim --people "$people" --seed 11 --threads 2 \
  --ports-file "$work/ports.json" --faults "$work/faults.json" >"$work/sim.log" 2>&1 &
sim=$!
for _ in $(seq 1 100); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
url() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$work/ports.json"; }
mkdir -p "$work/state"
sed -e "s#@SIMPEG_URL@#$(url simpeg)#" -e "s#@SIASN_URL@#$(url siasn)#" \
  -e "s#@SSO_URL@#$(url sso)#" -e "s#@TRAINING_URL@#$(url training)#" \
  -e "s#@FINGERSPOT_URL@#$(url fingerspot)#" -e "s#@EKINERJA_URL@#$(url ekinerja)#" \
  -e "s#@EPRESENSI_URL@#$(url epresensi)#" \
  -e "s#@MAPPINGS@#$root/deploy/mappings#" <(cat deploy/demo/sinkron.demo.yaml.in deploy/demo/attendance.demo.yaml.in \
    deploy/demo/epresensi.demo.yaml.in) >"$work/sinkron.yaml"
export SINKRON_SIMPEG_API_KEY=simpeg-demo-key SINKRON_SIASN_CONSUMER_SECRET=demo-secret \
  SINKRON_SIASN_SSO_PASSWORD=demo-password SINKRON_TRAINING_API_KEY=training-demo-key \
  SINKRON_EKINERJA_CLIENT_SECRET=ekinerja-secret \
  SINKRON_FINGERSPOT_TOKEN=fingerspot-demo-token SINKRON_EPRESENSI_PASSWORD=epresensi-demo
curl -fsS "$(url fingerspot)/_sim/attendance/pin-map" -o "$work/pins.csv"

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
