#!/usr/bin/env bash
# Starts the built app for the browser tests on demo data: a fresh embedded data folder, or
# the PostgreSQL database in DATABASE_URL (seeded explicitly, since servers get no demo data by themselves).
set -euo pipefail
rm -rf "${DATA_DIR:?}"
npx tsx scripts/seed.ts --demo
# As `npm start`: import files up to 20 MB (adapter-node's default body limit is 512K).
export BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-25M}"
exec node "${BUILD_DIR:-build}"
