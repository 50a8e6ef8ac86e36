import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { parseEnv } from '../../src/lib/server/env';
import { checkReadiness, journalTimestamps } from '../../src/lib/server/ops/readiness';

const run = promisify(execFile);

/** The README's restore drill, through the npm scripts an operator runs. */
async function npmScript(script: 'db:backup' | 'db:restore', file: string, env: NodeJS.ProcessEnv) {
	const { stdout } = await run('npm', ['run', '--silent', script, '--', file], {
		env: { ...process.env, DATABASE_URL: '', ...env }
	});
	return stdout;
}

const rowsOf = <T>(result: unknown): T[] =>
	Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;

async function cityNames(handle: DatabaseHandle): Promise<string[]> {
	const result = await handle.db.execute(sql`select name from organisations order by slug`);
	return rowsOf<{ name: string }>(result).map((r) => r.name);
}

const addCity = (handle: DatabaseHandle, slug: string, name: string, ags: string) =>
	handle.db.execute(
		sql`insert into organisations (kind, name, slug, ags) values ('city', ${name}, ${slug}, ${ags})`
	);

/** Back up, change data (rename, delete, add), restore, and find the data as it was. */
async function drill(open: () => Promise<DatabaseHandle>, env: NodeJS.ProcessEnv, file: string) {
	let handle = await open();
	await handle.migrate();
	await addCity(handle, 'aachen', 'Aachen', '05334002');
	await addCity(handle, 'bonn', 'Bonn', '05314000');
	await handle.close();

	expect(await npmScript('db:backup', file, env)).toContain(`Backup written: ${file}`);
	expect(existsSync(file)).toBe(true);

	handle = await open();
	await handle.db.execute(sql`update organisations set name = 'Umbenannt' where slug = 'aachen'`);
	await handle.db.execute(sql`delete from organisations where slug = 'bonn'`);
	await addCity(handle, 'koeln', 'Köln', '05315000');
	expect(await cityNames(handle)).toEqual(['Umbenannt', 'Köln']);
	await handle.close();

	expect(await npmScript('db:restore', file, env)).toContain(`Restored ${file}`);

	handle = await open();
	try {
		// Before anything migrates: the restored database is one /readyz calls ready, every
		// committed migration recorded as applied (the drizzle schema came back with the data).
		expect(await checkReadiness(handle.db, journalTimestamps())).toEqual({ ready: true });
		expect(await cityNames(handle)).toEqual(['Aachen', 'Bonn']);
		// The schema came back too: the app's migrations see nothing left to do.
		await handle.migrate();
		expect(await cityNames(handle)).toEqual(['Aachen', 'Bonn']);
	} finally {
		await handle.close();
	}
}

describe('backup and restore drill', () => {
	let folder: string;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'ikz-backup-'));
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('embedded database: PGlite dump of the data folder, the old folder kept aside', async () => {
		const dataDir = join(folder, 'data');
		const file = join(folder, 'embedded.tar.gz');
		await drill(() => openDatabase({ dataDir }), { DATA_DIR: dataDir }, file);
		expect(readdirSync(dataDir).some((n) => n.startsWith('pglite.before-restore-'))).toBe(true);
	}, 120_000);

	const { DATABASE_URL } = parseEnv();
	it.skipIf(!DATABASE_URL)(
		'PostgreSQL server: pg_dump and pg_restore',
		async () => {
			const name = `ikz_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
			const admin = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database "${name}"`);
			const url = new URL(DATABASE_URL!);
			url.pathname = `/${name}`;
			try {
				await drill(
					() => openDatabase({ databaseUrl: url.toString(), poolMax: 2 }),
					{ DATABASE_URL: url.toString() },
					join(folder, 'server.dump')
				);
			} finally {
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
				await admin.end();
			}
		},
		120_000
	);
});
