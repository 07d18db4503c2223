#!/usr/bin/env bash
# Installs what triagebot needs on Debian 12 (bookworm), skipping packages already present.
# Runs apt-get as root, or through sudo when started by another user.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config python3
  nlohmann-json3-dev libfmt-dev libspdlog-dev
  libboost1.81-dev libsqlite3-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
