#!/usr/bin/env bash
# Installs what triagebot needs on Debian 12 (bookworm), skipping packages already present.
# Runs apt-get as root, or through sudo when started by another user.
#
# By default it also installs what the browser tests of the chat widget need (tests/browser):
# Debian's chromium, Node.js 18 or newer, and the npm packages pinned in tests/browser/package-lock.json.
# `--no-browser` leaves those out (building and serving need none of them).
set -euo pipefail
cd "$(dirname "$0")/.."

browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) browser=0 ;;
    -h|--help) echo "usage: install-deps.sh [--no-browser]"; exit 0 ;;
    *) echo "install-deps: unknown argument $arg (usage: install-deps.sh [--no-browser])" >&2; exit 2 ;;
  esac
done

packages=(
  g++ cmake ninja-build pkg-config python3
  nlohmann-json3-dev libfmt-dev libspdlog-dev
  libboost1.81-dev libsqlite3-dev libssl-dev
  libjemalloc-dev libgtest-dev libgmock-dev libbenchmark-dev curl
)
if [ $browser -eq 1 ]; then
  # Without a font package headless chromium renders text as boxes in the screenshots.
  packages+=(chromium fonts-dejavu-core)
  # The machine's node is used when it is 18 or newer. Debian's nodejs and npm are installed only when
  # node is missing: NodeSource's nodejs package ships its own npm, and Debian's npm conflicts with it.
  if ! command -v node >/dev/null 2>&1; then
    packages+=(nodejs npm)
  else
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$node_major" -lt 18 ]; then
      echo "install-deps: node $(node --version) is older than 18, which the browser tests need." >&2
      echo "install-deps: remove it (or put Node 18+ first on PATH), then run this script again." >&2
      exit 1
    fi
    if ! command -v npm >/dev/null 2>&1; then
      if dpkg-query -W -f='${Version}' nodejs 2>/dev/null | grep -qi nodesource; then
        echo "install-deps: node comes from NodeSource but npm is missing; reinstall NodeSource's nodejs." >&2
        exit 1
      fi
      packages+=(npm)
    fi
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: every Debian package is already installed"
else
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ $browser -eq 1 ]; then
  # npm ci installs exactly the locked versions; it runs again whenever the lock file changed.
  modules=tests/browser/node_modules
  if [ ! -d "$modules" ] || [ tests/browser/package-lock.json -nt "$modules" ]; then
    echo "install-deps: npm ci in tests/browser"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
    touch "$modules"
  else
    echo "install-deps: tests/browser/node_modules is up to date"
  fi
fi
