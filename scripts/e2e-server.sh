#!/usr/bin/env bash
# Starts the built app for the browser tests on fresh demo data: an embedded data folder
# (DATA_DIR), or a database of its own on the PostgreSQL server in DATABASE_URL (named after it
# and PORT). Servers get no demo data by themselves: the first server of a run (E2E_RUN, set by
# playwright.config.ts) seeds a template, every server of the run starts on a copy of it.
set -euo pipefail
mkdir -p tmp
run="${E2E_RUN:-$$}"
if [ -n "${DATABASE_URL:-}" ]; then
	query=""
	case "$DATABASE_URL" in *\?*) query="?${DATABASE_URL#*\?}" ;; esac
	url="${DATABASE_URL%%\?*}"
	base="${url##*/}"
	template="${base}_e2e_template"
	own="${base}_e2e_${PORT}"
	sql() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAt -c "$1" >/dev/null; }
	(
		flock 9
		if [ "$(cat "tmp/e2e-template-$base.run" 2>/dev/null)" != "$run" ]; then
			sql "drop database if exists \"$template\" with (force)"
			sql "create database \"$template\""
			DATABASE_URL="${url%/*}/$template$query" npx tsx scripts/seed.ts --demo
			echo "$run" >"tmp/e2e-template-$base.run"
		fi
		# A copy of a seeded database takes a second; seeding the demo takes 5 to 15.
		sql "drop database if exists \"$own\" with (force)"
		sql "create database \"$own\" template \"$template\""
	) 9>"tmp/e2e-template-$base.lock"
	export DATABASE_URL="${url%/*}/$own$query"
else
	template="tmp/e2e-template-data"
	(
		flock 9
		if [ "$(cat "$template.run" 2>/dev/null)" != "$run" ]; then
			rm -rf "$template"
			DATA_DIR="$template" npx tsx scripts/seed.ts --demo
			echo "$run" >"$template.run"
		fi
		rm -rf "${DATA_DIR:?}"
		cp -a "$template" "$DATA_DIR"
	) 9>"$template.lock"
fi
# As `npm start`: import files up to 20 MB (adapter-node's default body limit is 512K).
export BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-25M}"
exec node "${BUILD_DIR:-build}"
