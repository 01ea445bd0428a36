#!/usr/bin/env bash
# Installs every Debian 12 package sinkron's build, tests and demo need. Idempotent.
# Why each library: see README.md "Dependencies".
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libcurl4-openssl-dev libboost1.81-dev libssl-dev
  libsoci-dev libsqlite3-dev sqlite3
  rapidjson-dev catch2
  libcli11-dev libyaml-cpp-dev libspdlog-dev libfmt-dev
  libxlsxwriter-dev zlib1g-dev libsystemd-dev libdeflate-dev
  unzip  # the report tests list the xlsx zip entries
  curl  # the demo fetches the simulated devices' PIN map
  nghttp2-server  # nghttpd: a real HTTP/2 server for the HTTP client test
  prometheus  # promtool checks the /metrics text format in tests
  postgresql mariadb-server mariadb-client libpq-dev libmariadb-dev  # private test servers
  wrk  # load figures for the simulators (benchmarks, not tests)
  libreoffice-calc-nogui  # soffice opens the agency report xlsx in a test (about 340 MB)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-debian.sh: missing packages ${missing[*]}; run as root to install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
