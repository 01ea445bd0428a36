# Sourced by deploy/demo.sh and the benchmarks: starts sinkron-sim and writes the demo site's
# config for it. Usage (after `cd` to the repository root):
#   start_simulated_site DIR PEOPLE SEED [FAULTS_JSON]
# Sets `sim` (the simulators' PID; the caller stops it) and `site_url NAME`; writes
# DIR/ports.json, DIR/simulators.log, DIR/sinkron.yaml and DIR/pins.csv; exports the simulators'
# demo credentials, which reach the config through ${env:...} as a real site's secrets would.
# SINKRON_BUILD_DIR picks the build (default ./build).
start_simulated_site() {
  local dir="$1" people="$2" seed="$3" faults="${4:-}"
  local build="${SINKRON_BUILD_DIR:-$PWD/build}"
  local args=(--people "$people" --seed "$seed" --threads 2 --ports-file "$dir/ports.json")
  [ -n "$faults" ] && args+=(--faults "$faults")
  mkdir -p "$dir/state"
  "$build/simulators/app/sinkron-sim" "${args[@]}" >"$dir/simulators.log" 2>&1 &
  sim=$!
  site_ports="$dir/ports.json"
  for _ in $(seq 1 600); do [ -s "$site_ports" ] && break; sleep 0.1; done
  [ -s "$site_ports" ] || { echo "the simulators did not start (see $dir/simulators.log)" >&2; return 1; }
  sed -e "s#@SIMPEG_URL@#$(site_url simpeg)#" -e "s#@SIASN_URL@#$(site_url siasn)#" \
    -e "s#@SSO_URL@#$(site_url sso)#" -e "s#@TRAINING_URL@#$(site_url training)#" \
    -e "s#@FINGERSPOT_URL@#$(site_url fingerspot)#" -e "s#@EKINERJA_URL@#$(site_url ekinerja)#" \
    -e "s#@EPRESENSI_URL@#$(site_url epresensi)#" -e "s#@MAPPINGS@#$PWD/deploy/mappings#" \
    <(cat deploy/demo/sinkron.demo.yaml.in deploy/demo/attendance.demo.yaml.in \
      deploy/demo/epresensi.demo.yaml.in) >"$dir/sinkron.yaml"
  export SINKRON_SIMPEG_API_KEY=simpeg-demo-key SINKRON_SIASN_CONSUMER_SECRET=demo-secret \
    SINKRON_SIASN_SSO_PASSWORD=demo-password SINKRON_TRAINING_API_KEY=training-demo-key \
    SINKRON_EKINERJA_CLIENT_SECRET=ekinerja-secret \
    SINKRON_FINGERSPOT_TOKEN=fingerspot-demo-token SINKRON_EPRESENSI_PASSWORD=epresensi-demo
  # The site's PIN->NIP map of its fingerprint devices (here: the simulated devices' enrolment).
  curl -fsS "$(site_url fingerspot)/_sim/attendance/pin-map" -o "$dir/pins.csv"
}

# The URL of one simulated system, from the ports file.
site_url() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$site_ports"; }
