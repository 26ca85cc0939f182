#!/usr/bin/env bash
# Installs what is missing, builds and runs every test twice: a normal build, then the same tests
# under AddressSanitizer + UBSan. Ends with ctest's summary; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"
ctest --preset dev -j"$jobs"
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"
