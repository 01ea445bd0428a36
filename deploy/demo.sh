#!/usr/bin/env bash
# The main job: build if needed, start the simulators of every external system and the sinkron
# daemon on loopback (SQLite state in a fresh folder), run one full sync cycle over a generated
# population and print the summary with the report paths.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup-debian.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target sinkron sinkron-sim

out="${SINKRON_DEMO_DIR:-$PWD/demo-out}"
rm -rf "$out"
mkdir -p "$out"
people="${SINKRON_DEMO_PEOPLE:-3000}"

# The simulators (SIASN gateway + SSO, SIMPEG, training, e-Kinerja, attendance) on free
# loopback ports, and the site's config for them.
source deploy/demo/simulated_site.sh
sim=""
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null || true
  [ -n "$sim" ] && kill "$sim" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
start_simulated_site "$out" "$people" 7

./build/daemon/sinkron config check --config "$out/sinkron.yaml"
echo "demo: $people people; simulators at $(site_url siasn) (SIASN), $(site_url simpeg) (SIMPEG), $(site_url training) (training)"
# The daemon runs one full cycle at start and exits when it is done (--once).
status=0
./build/daemon/sinkron serve --config "$out/sinkron.yaml" --once 2>"$out/daemon.log" || status=$?
echo "demo: daemon log in $out/daemon.log, state in $out/state/sinkron.db"
# The agency report of the largest agency (SIASN unor) for this month, from the store.
agency=$(sqlite3 "$out/state/sinkron.db" "SELECT json_extract(record_json, '$.unit_id') AS u, \
  COUNT(*) AS n FROM source_records WHERE stream = 'data-utama' GROUP BY u ORDER BY n DESC LIMIT 1" | cut -d'|' -f1)
if [ -n "$agency" ]; then
  ./build/daemon/sinkron report --config "$out/sinkron.yaml" --agency "$agency" \
    --period "$(date +%Y-%m)" --format html --out "$out/agency-report" || status=1
fi
# Exit code 2 means "finished, a step failed and the rest ran on stored data".
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
