import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../db/data-dir-lock';

const run = promisify(execFile);

/**
 * libpq's variables for a postgres:// URL, so the password reaches pg_dump through its
 * environment and never shows in the process list.
 */
export function libpqEnv(databaseUrl: string): Record<string, string> {
	const url = new URL(databaseUrl);
	const vars: Record<string, string | undefined> = {
		PGHOST: url.hostname || undefined,
		PGPORT: url.port || undefined,
		PGUSER: url.username ? decodeURIComponent(url.username) : undefined,
		PGPASSWORD: url.password ? decodeURIComponent(url.password) : undefined,
		PGDATABASE: decodeURIComponent(url.pathname.slice(1)) || undefined,
		PGSSLMODE: url.searchParams.get('sslmode') ?? undefined
	};
	return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => !!e[1]));
}

function tool(name: string, args: string[], databaseUrl: string) {
	return run(name, args, { env: { ...process.env, ...libpqEnv(databaseUrl) } });
}

/** pg_dump's custom format: compressed, restorable table by table with pg_restore. */
export async function backupServer(databaseUrl: string, file: string): Promise<void> {
	mkdirSync(dirname(file), { recursive: true });
	await tool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`], databaseUrl);
}

/**
 * Replaces every object in the dump (drop, create, load) in one transaction: a failure leaves
 * the database as it was. Tables the backup does not know (a newer migration) stay.
 */
export async function restoreServer(databaseUrl: string, file: string): Promise<void> {
	if (!existsSync(file)) throw new Error(`No backup file ${file}.`);
	await tool(
		'pg_restore',
		[
			'--clean',
			'--if-exists',
			'--no-owner',
			'--single-transaction',
			'--exit-on-error',
			// A bare name: the rest of the connection (and the password) comes from the environment.
			`--dbname=${libpqEnv(databaseUrl).PGDATABASE ?? 'postgres'}`,
			file
		],
		databaseUrl
	).then(
		() => undefined,
		(error: { stderr?: string }) => {
			throw new Error(`pg_restore failed: ${error.stderr?.trim() || String(error)}`);
		}
	);
}

/** PGlite's own dump of its data folder (a gzipped tar); the app must be stopped (lock). */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
	const release = lockDataDir(dataDir);
	try {
		if (!existsSync(`${dataDir}/pglite`)) throw new Error(`No embedded database in ${dataDir}.`);
		const db = await PGlite.create(`${dataDir}/pglite`);
		try {
			const dump = await db.dumpDataDir('gzip');
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
		} finally {
			await db.close();
		}
	} finally {
		release();
	}
}

/**
 * Loads a dump into a fresh data folder; the current one is kept beside it as
 * `pglite.before-restore-<time>`, so a wrong restore can be undone by renaming.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | null> {
	if (!existsSync(file)) throw new Error(`No backup file ${file}.`);
	const release = lockDataDir(dataDir);
	try {
		const current = `${dataDir}/pglite`;
		let keptAs: string | null = null;
		if (existsSync(current)) {
			keptAs = `${current}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			renameSync(current, keptAs);
		}
		const dump = new Blob([readFileSync(file)], { type: 'application/x-gzip' });
		const db = await PGlite.create(current, { loadDataDir: dump });
		await db.close();
		return keptAs;
	} finally {
		release();
	}
}
