#!/usr/bin/env bash
# Installs the Debian 12 packages textbench needs to build and test (run as root).
set -euo pipefail
packages=(
  build-essential cmake pkg-config git python3 python3-jsonschema python3-yaml sqlite3
  libboost-dev libboost-filesystem-dev libyaml-cpp-dev libspdlog-dev libfmt-dev libsimdjson-dev
  libcli11-dev libre2-dev libicu-dev libsqlite3-dev zlib1g-dev nlohmann-json3-dev catch2
  libjemalloc-dev
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
