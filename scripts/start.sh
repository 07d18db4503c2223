#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build, and start triagebot
# on the shipped rules. Until the server exists this is the terminal conversation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec ./build/triagebot chat --rules rules "$@"
