#!/usr/bin/env bash
# Installs the Debian 12 packages EViENT needs, only when one is missing.
#   scripts/install_deps.sh          build and run (compilers, libraries, Node.js for the web app)
#   scripts/install_deps.sh --test   also what the tests need (PostgreSQL server, Chromium)
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libjwt-dev libqrencode-dev libvips-dev
  libgtest-dev libgmock-dev
  libvalijson-dev  # the tests validate every API response against the OpenAPI document
  postgresql postgresql-contrib
  wrk curl
)
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium fonts-dejavu-core)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js builds the web app. Any node >= 18 with npm will do, however it was
# installed; Debian's packages are the fallback.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
