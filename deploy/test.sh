#!/usr/bin/env bash
# Installs what is needed, builds sinkron (Release) and runs every test. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup-debian.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$(nproc)"
ctest --test-dir build -j "$(nproc)" --output-on-failure
