import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { DataDirLockedError } from '../../src/lib/server/db/data-dir-lock';
import { describeStartupError } from '../../src/lib/server/app/startup-errors';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

describe('migrations', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());

	it('a second run applies nothing and keeps the schema', async () => {
		const count = async () =>
			(await handle.db.execute<{ n: number }>(
				sql`select count(*)::int as n from drizzle.__drizzle_migrations`
			)) as unknown;
		const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows);
		const before = rows(await count())[0].n;
		await handle.migrate();
		expect(rows(await count())[0].n).toBe(before);
		expect(before).toBeGreaterThanOrEqual(1);
	});

	it('enforces the unique key of a measurement and the quarter range', async () => {
		const insertOrg = sql`insert into organisations (kind, name, slug, ags) values ('city', 'Teststadt', 'teststadt', '05999000') returning id`;
		await handle.db.execute(insertOrg);
		await expect(handle.db.execute(insertOrg)).rejects.toThrow();
		await expect(
			handle.db.execute(
				sql`insert into organisations (kind, name, slug, ags) values ('city', 'Ohne AGS', 'ohne-ags', null)`
			)
		).rejects.toThrow();
	});
});

// Each test creates a PGlite data folder (initdb in WebAssembly, CPU-bound): on the loaded
// 2-core machine 27 s for the file alone and over 30 s beside the other files.
describe('embedded data folder', { timeout: 90_000 }, () => {
	let parent: string;
	beforeAll(() => {
		parent = mkdtempSync(join(tmpdir(), 'ikz-lock-'));
	});
	afterAll(() => rmSync(parent, { recursive: true, force: true }));

	it('refuses a folder that another live process holds, with a message naming it', async () => {
		const dataDir = join(parent, 'held');
		const first = await openDatabase({ dataDir });
		// Simulate another process: the lock names a live pid that is not ours.
		writeFileSync(join(dataDir, 'pglite.lock'), String(process.ppid));
		const attempt = openDatabase({ dataDir });
		await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
		await expect(attempt).rejects.toThrow(/in use by another process/);
		writeFileSync(join(dataDir, 'pglite.lock'), String(process.pid));
		await first.close();
	});

	it('takes over a lock left by a process that no longer runs, and keeps the data', async () => {
		const dataDir = join(parent, 'stale');
		const first = await openDatabase({ dataDir });
		await first.migrate();
		await first.close();
		writeFileSync(join(dataDir, 'pglite.lock'), '999999');
		const second = await openDatabase({ dataDir });
		await second.migrate();
		const result = await second.db.execute(
			sql`select count(*)::int as n from drizzle.__drizzle_migrations`
		);
		expect((result as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(1);
		await second.close();
	});
});

describe('start-up failures', () => {
	it('says clearly that an unreachable server refused the connection', async () => {
		const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere' });
		const error = await handle.migrate().catch((e: unknown) => e);
		await handle.close();
		expect(describeStartupError(error)).toMatch(/refused the connection.*DATABASE_URL/);
	});
});
