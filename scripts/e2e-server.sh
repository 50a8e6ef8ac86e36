#!/usr/bin/env bash
# Starts the built app for the browser tests on demo data: a fresh embedded data folder, or
# the PostgreSQL database in DATABASE_URL (seeded explicitly, since servers get no demo data by themselves).
set -euo pipefail
rm -rf "${DATA_DIR:?}"
npx tsx scripts/seed.ts --demo
exec node "${BUILD_DIR:-build}"
