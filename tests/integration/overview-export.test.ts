import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { overviewTable } from '../../src/lib/server/compare/overview-export';
import { tableFile } from '../../src/lib/server/tabular/table-file';
import { createScorecard, createValues } from '../helpers/factories';
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
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		const koeln = await idOf('koeln');
		const duesseldorf = await idOf('duesseldorf');
		// Köln: two built scorecards, one value of Q3/2026 not released yet; Düsseldorf: the ring.
		const archive = await createScorecard(db, {
			organisationId: koeln,
			field: 'archivierung',
			kpis: [
				{ code: 'ARCH-DIGITAL', perspective: 'customers' },
				{ code: 'ARCH-ERSCHL', perspective: 'mandate' }
			]
		});
		const beihilfe = await createScorecard(db, {
			organisationId: koeln,
			field: 'beihilfe',
			kpis: [{ code: 'BH-DAUER', perspective: 'mandate' }]
		});
		const values = { '2025-Q3': 10, '2026-Q1': 12, '2026-Q2': 14 };
		for (const [card, code] of [
			[archive, 'ARCH-DIGITAL'],
			[archive, 'ARCH-ERSCHL'],
			[beihilfe, 'BH-DAUER']
		] as const)
			await createValues(db, { organisationId: koeln, kpiId: card.kpiIds.get(code)!, values });
		await createValues(db, {
			organisationId: koeln,
			kpiId: archive.kpiIds.get('ARCH-DIGITAL')!,
			values: { '2026-Q3': 16 },
			state: 'submitted'
		});
		const ring = await createScorecard(db, {
			organisationId: duesseldorf,
			field: 'archivierung',
			kpis: [{ code: 'ARCH-DIGITAL' }]
		});
		await createValues(db, {
			organisationId: duesseldorf,
			kpiId: ring.kpiIds.get('ARCH-DIGITAL')!,
			values: { '2026-Q2': 11 }
		});
	});
	afterAll(() => handle.close());

	it('exports what the page shows: every field, its perspectives, movers and key KPIs', async () => {
		const viewer = controllerOf(await idOf('duesseldorf'));
		const page = (await loadOverviewPage(handle.db, viewer, { city: 'koeln' }, 'de'))!;
		const table = overviewTable({ ...page, city: page.city! });
		const statusRows = table.rows.filter((r) => r[0] === 'Status je Scorecard und Perspektive');
		const built = page.rows.filter((r) => r.rollup);
		expect(built.map((r) => r.field.name)).toEqual(['Beihilfe', 'Archivierung']);
		expect(page.positions).toHaveLength(2);
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
		expect(unreleased(own)).toBe(1);
	});
});
