#!/usr/bin/env bash
# Developer helper: runs browser tests on a port and build copy of their own, so several
# people (or helpers) can run Playwright at once. Builds are serialised by a lock.
# Usage: scripts/e2e-local.sh PORT [playwright args…]   (SKIP_BUILD=1 reuses the last copy)
set -euo pipefail
port="$1"
shift
out="tmp/build-$port"
if [ -z "${SKIP_BUILD:-}" ]; then
	mkdir -p tmp
	flock tmp/build.lock bash -c "npx vite build --logLevel warn && rm -rf '$out' && cp -r build '$out'"
fi
PW_PORT="$port" BUILD_DIR="$out" npx playwright test "$@"
