#!/usr/bin/env bash
# Usage: scripts/build_web.sh OUT_DIR
# Installs web/'s npm packages exactly as package-lock.json pins them (only when
# the lock file changed since the last install), then builds the app into OUT_DIR.
set -euo pipefail
out=$(realpath -m "$1")
cd "$(dirname "$0")/../web"
# Two build folders may build the app at once; one npm install at a time.
exec 9>node_modules.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
flock -u 9
node build.mjs "$out"
