#!/usr/bin/env bash
# The main job: build if needed, start the simulators of every external system and the sinkron
# daemon on loopback (SQLite state in a fresh folder), run one full sync cycle over a generated
# population and print the summary with the report paths.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bash deploy/setup-debian.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target sinkron sinkron-sim

out="${SINKRON_DEMO_DIR:-$PWD/demo-out}"
rm -rf "$out"
mkdir -p "$out/state"
people="${SINKRON_DEMO_PEOPLE:-3000}"

# The simulators: SIASN gateway + SSO, SIMPEG, training, ... on free loopback ports.
./build/simulators/app/sinkron-sim --people "$people" --seed 7 --ports-file "$out/ports.json" \
  >"$out/simulators.log" 2>&1 &
sim=$!
daemon=""
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null || true
  kill "$sim" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do [ -s "$out/ports.json" ] && break; sleep 0.1; done
[ -s "$out/ports.json" ] || { echo "demo: the simulators did not start (see $out/simulators.log)" >&2; exit 1; }
url() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$out/ports.json"; }

# The site's config; secrets reach it through the environment, as on a real site.
sed -e "s#@SIMPEG_URL@#$(url simpeg)#" -e "s#@SIASN_URL@#$(url siasn)#" \
  -e "s#@SSO_URL@#$(url sso)#" -e "s#@TRAINING_URL@#$(url training)#" \
  -e "s#@FINGERSPOT_URL@#$(url fingerspot)#" -e "s#@EKINERJA_URL@#$(url ekinerja)#" \
  -e "s#@EPRESENSI_URL@#$(url epresensi)#" \
  -e "s#@MAPPINGS@#$root/deploy/mappings#" <(cat deploy/demo/sinkron.demo.yaml.in deploy/demo/attendance.demo.yaml.in \
    deploy/demo/epresensi.demo.yaml.in) >"$out/sinkron.yaml"
export SINKRON_SIMPEG_API_KEY=simpeg-demo-key SINKRON_SIASN_CONSUMER_SECRET=demo-secret \
  SINKRON_SIASN_SSO_PASSWORD=demo-password SINKRON_TRAINING_API_KEY=training-demo-key \
  SINKRON_EKINERJA_CLIENT_SECRET=ekinerja-secret \
  SINKRON_FINGERSPOT_TOKEN=fingerspot-demo-token SINKRON_EPRESENSI_PASSWORD=epresensi-demo
# The site's PIN->NIP map of its fingerprint devices (here: the simulated devices' enrolment).
curl -fsS "$(url fingerspot)/_sim/attendance/pin-map" -o "$out/pins.csv"

./build/daemon/sinkron config check --config "$out/sinkron.yaml"
echo "demo: $people people; simulators at $(url siasn) (SIASN), $(url simpeg) (SIMPEG), $(url training) (training)"
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
