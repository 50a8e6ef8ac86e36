import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';

/**
 * Every table's rows as text, hashed: the columns a seed fills from the clock (`default now()`)
 * or with a random salt (password hashes) are left out; everything else, ids included, counts.
 */
async function tableChecksums(handle: DatabaseHandle): Promise<Record<string, string>> {
	const { db } = handle;
	const columns = (await db.execute(
		`select table_name as t, string_agg(quote_ident(column_name), ', ' order by ordinal_position) as cols
		   from information_schema.columns
		  where table_schema = 'public'
		    and coalesce(column_default, '') not like '%now()%'
		    and column_name <> 'password_hash'
		  group by table_name order by table_name` as never
	)) as unknown as { rows: { t: string; cols: string }[] };
	const sums: Record<string, string> = {};
	for (const { t, cols } of columns.rows) {
		const result = (await db.execute(
			`select count(*) || ':' || coalesce(md5(string_agg(r, E'\\n' order by r)), '-') as sum
			   from (select (${cols})::text as r from ${t}) rows` as never
		)) as unknown as { rows: { sum: string }[] };
		sums[t] = result.rows[0]!.sum;
	}
	return sums;
}

/** `npm start` on an empty data folder: startApp as the init hook runs it, then the folder's content. */
async function startOn(folder: string, snapshot?: string) {
	vi.resetModules();
	vi.stubEnv('DATABASE_URL', '');
	vi.stubEnv('DEMO_DATA', 'auto');
	vi.stubEnv('DATA_DIR', folder);
	vi.stubEnv('DEMO_SNAPSHOT', snapshot ?? '');
	const { startApp } = await import('../../src/lib/server/app/startup');
	const { closeAppDatabase } = await import('../../src/lib/server/db');
	const lines: string[] = [];
	try {
		await startApp((line) => lines.push(line));
	} finally {
		await closeAppDatabase();
		vi.unstubAllEnvs();
	}
	const handle = await openDatabase({ dataDir: folder });
	try {
		return { lines, sums: await tableChecksums(handle) };
	} finally {
		await handle.close();
	}
}

// Three embedded databases (initdb in WebAssembly): tens of seconds on the loaded 2-core machine.
describe('npm start from the build’s demo snapshot', { timeout: 240_000 }, () => {
	let parent: string;
	beforeAll(() => {
		parent = mkdtempSync(join(tmpdir(), 'ikz-snapshot-'));
	});
	afterAll(() => rmSync(parent, { recursive: true, force: true }));

	it('starts an empty folder with exactly the demo that seeding at start gives', async () => {
		const seeded = await startOn(join(parent, 'seeded'));
		expect(seeded.lines.join('\n')).toMatch(/Demo data seeded/);

		const { writeDemoSnapshot } = await import('../../src/lib/server/db/demo-snapshot');
		const archive = join(parent, 'demo-data.tar.gz');
		await writeDemoSnapshot(archive);
		expect(existsSync(archive)).toBe(true);

		const loaded = await startOn(join(parent, 'loaded'), archive);
		expect(loaded.lines.join('\n')).not.toMatch(/Demo data seeded/);
		expect(loaded.lines.join('\n')).toMatch(/Demo data loaded from/);

		// Not an empty comparison: the demo's own tables are there and filled.
		expect(seeded.sums.measurements).toMatch(/^7916:/);
		expect(Object.keys(seeded.sums).length).toBeGreaterThan(30);
		expect(loaded.sums).toEqual(seeded.sums);
	});

	it('leaves a folder that already holds a database as it is', async () => {
		const folder = join(parent, 'loaded');
		const again = await startOn(folder, join(parent, 'no-such-archive.tar.gz'));
		expect(again.lines.join('\n')).not.toMatch(/Demo data (seeded|loaded)/);
		expect(again.sums.measurements).toMatch(/^7916:/);
	});

	it('stops on a damaged archive without leaving a half-made database behind', async () => {
		const folder = join(parent, 'damaged');
		const archive = join(parent, 'damaged.tar.gz');
		writeFileSync(archive, 'not an archive of a data folder');
		await expect(startOn(folder, archive)).rejects.toThrow();
		expect(existsSync(join(folder, 'pglite'))).toBe(false);
		expect(existsSync(join(folder, 'pglite.lock'))).toBe(false);
	});
});
