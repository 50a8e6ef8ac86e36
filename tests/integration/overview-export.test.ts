import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { overviewTable } from '../../src/lib/server/compare/overview-export';
import { tableFile } from '../../src/lib/server/tabular/table-file';
import { createTestDatabase } from '../helpers/test-database';

describe('overview export', () => {
	let handle: DatabaseHandle;
	const controllerOf = (organisationId: number): Viewer => ({
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'controller', organisationId, fieldId: null }] }
	});
	const idOf = async (slug: string) =>
		(await handle.db.select().from(organisations).where(eq(organisations.slug, slug)))[0]!.id;
	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
	});
	afterAll(() => handle.close());

	it('exports what the page shows: every field, its perspectives, movers and key KPIs', async () => {
		const viewer = controllerOf(await idOf('duesseldorf'));
		const page = (await loadOverviewPage(handle.db, viewer, { city: 'koeln' }, 'de'))!;
		const table = overviewTable({ ...page, city: page.city! });
		const statusRows = table.rows.filter((r) => r[0] === 'Status je Scorecard und Perspektive');
		const built = page.rows.filter((r) => r.rollup);
		expect(statusRows).toHaveLength(
			page.rows.length + built.reduce((n, r) => n + r.perspectives.length, 0)
		);
		const overall = statusRows.find((r) => r[1] === built[0]!.field.name && r[2] === 'Gesamt')!;
		expect(overall[5]).toBe(built[0]!.rollup!.score);
		expect(
			table.rows.filter((r) => r[0] === 'Position im Ring bei den Schlüsselkennzahlen')
		).toHaveLength(page.positions.length);
		const csv = (await tableFile(table, 'csv', 'de')).body as string;
		expect(csv.startsWith('\uFEFFTeil;Kooperationsfeld;')).toBe(true);
	});

	it("gives another city nothing of Köln's unreleased values, and Köln its own", async () => {
		const other = (await loadOverviewPage(
			handle.db,
			controllerOf(await idOf('duesseldorf')),
			{ city: 'koeln' },
			'de'
		))!;
		const own = (await loadOverviewPage(
			handle.db,
			controllerOf(await idOf('koeln')),
			{ city: 'koeln' },
			'de'
		))!;
		const unreleased = (p: typeof own) => p.rows.reduce((n, r) => n + r.unreleased, 0);
		expect(unreleased(other)).toBe(0);
		expect(unreleased(own)).toBeGreaterThan(0);
	});
});
