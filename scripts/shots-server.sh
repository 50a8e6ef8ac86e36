#!/usr/bin/env bash
# Developer helper: builds the app and serves it with fresh demo data on port 4180, beside the
# browser tests' own server (4173), for screenshots and manual checks.
set -euo pipefail
PORT="${PORT:-4180}"
pkill -f "node tmp/build-shots" 2>/dev/null || true
if [ -z "${SKIP_BUILD:-}" ]; then
	mkdir -p tmp
	flock tmp/build.lock bash -c "npx vite build --logLevel warn && rm -rf tmp/build-shots && cp -r build tmp/build-shots"

fi
rm -rf tmp/shots-data
export DATA_DIR=tmp/shots-data HOST=127.0.0.1 PORT ORIGIN="http://127.0.0.1:${PORT}"
npx tsx scripts/seed.ts --demo >/dev/null
exec node tmp/build-shots
