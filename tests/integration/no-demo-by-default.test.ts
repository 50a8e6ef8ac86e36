import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { organisations, users } from '../../src/lib/server/db/schema';
import { isDemoInstallation } from '../../src/lib/server/directory/queries';

describe('a plain start on an empty embedded database', () => {
	let folder: string;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'ikz-nodemo-'));
		// What `node build` sees without `npm start`'s defaults: no DEMO_DATA, no DATABASE_URL.
		vi.stubEnv('DATABASE_URL', '');
		vi.stubEnv('DEMO_DATA', '');
		vi.stubEnv('DATA_DIR', folder);
	});
	afterAll(() => {
		vi.unstubAllEnvs();
		rmSync(folder, { recursive: true, force: true });
	});

	it('migrates but seeds no demo data, no demo accounts, and is no demo installation', async () => {
		const { startApp } = await import('../../src/lib/server/app/startup');
		const { closeAppDatabase } = await import('../../src/lib/server/db');
		const lines: string[] = [];
		await startApp((line) => lines.push(line));
		await closeAppDatabase();
		expect(lines.join('\n')).not.toMatch(/Demo/);

		const handle = await openDatabase({ dataDir: folder });
		try {
			expect(await handle.db.$count(organisations)).toBe(0);
			expect(await handle.db.$count(users)).toBe(0);
			expect(await isDemoInstallation(handle.db)).toBe(false);
		} finally {
			await handle.close();
		}
	}, 120_000);
});
