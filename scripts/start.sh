#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build, and start the server on
# the embedded default (SQLite in ./data, the shipped rules), listening on 127.0.0.1:8080.
# Extra arguments go to `triagebot serve` (see docs/configuration.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --no-browser
BUILD_TYPE=${BUILD_TYPE:-Release} bash scripts/build.sh -DTRIAGEBOT_BUILD_TESTS=OFF -DTRIAGEBOT_BUILD_BENCH=OFF
exec ./build/triagebot serve --listen 127.0.0.1:8080 --data ./data --rules ./rules "$@"
