#!/usr/bin/env bash
# The main job: build if needed, then `sinkron demo`: start the simulators of every external
# system on loopback, write the site's config for them, run one full sync cycle (as the daemon's
# `serve --once`, SQLite state in a fresh folder) over a generated population and print the
# summary with the report paths. The simulators stop when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup-debian.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target sinkron sinkron-sim

out="${SINKRON_DEMO_DIR:-$PWD/demo-out}"
rm -rf "$out"
status=0
./build/daemon/sinkron demo --dir "$out" --people "${SINKRON_DEMO_PEOPLE:-3000}" --seed 7 \
  --templates deploy/demo || status=$?
# Exit code 2 means "finished, a step failed and the rest ran on stored data".
[ "$status" -eq 0 ] || [ "$status" -eq 2 ]
