#!/usr/bin/env bash
# Installs what is missing, builds (release preset) and runs the default pipeline on the sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
build/release/bin/textbench run configs/news.yaml samples/news.jsonl
