import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { overviewTable } from '../../src/lib/server/compare/overview-export';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import { comparisonTable } from '../../src/lib/server/compare/comparison-table';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { trendTable } from '../../src/lib/server/compare/export-trend';
import { loadBriefing } from '../../src/lib/server/briefing/load';
import { tableFile } from '../../src/lib/server/tabular/table-file';
import { createScorecard, createValues } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

/**
 * Issue 16, point 5: the comment a controller wrote on a red or amber value travels with the
 * value to every reader, and only where the value itself is visible. Köln's ARCH-DIGITAL against
 * its own 2026 target (green from 100, amber from 60): Q1 120 green with a comment, Q2 40 red
 * with a comment (released), Q3 80 amber with a comment, submitted only.
 */
const GREEN_NOTE = 'Neue Scanstraße läuft';
const RED_NOTE = 'Personalausfall im Lesesaal';
const DRAFT_NOTE = 'Umzug des Magazins';

describe('notes travel with the numbers', () => {
	let handle: DatabaseHandle;
	let koeln: Viewer;
	let duesseldorf: Viewer;
	const idOf = async (slug: string) =>
		(await handle.db.select().from(organisations).where(eq(organisations.slug, slug)))[0]!.id;
	const controllerOf = (organisationId: number): Viewer => ({
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'controller', organisationId, fieldId: null }] }
	});
	const comparisonOf = (viewer: Viewer, period: string) => {
		const [year, quarter] = period.split('-Q').map(Number) as [number, number];
		return loadComparison(handle.db, viewer, {
			field: 'archivierung',
			kpi: 'ARCH-DIGITAL',
			period: quarter ? { kind: 'quarter', year, quarter } : { kind: 'year', year },
			group: null,
			basis: 'defined'
		});
	};
	const trendOf = (viewer: Viewer) =>
		loadTrendPage(
			handle.db,
			viewer,
			{
				field: 'archivierung',
				kpi: 'ARCH-DIGITAL',
				cities: ['koeln', 'duesseldorf'],
				group: null,
				from: { year: 2026, quarter: 1 },
				to: { year: 2026, quarter: 3 }
			},
			'de'
		);
	const csvOf = async (table: Parameters<typeof tableFile>[0]) =>
		String((await tableFile(table, 'csv', 'de')).body);

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		const koelnId = await idOf('koeln');
		const duesseldorfId = await idOf('duesseldorf');
		koeln = controllerOf(koelnId);
		duesseldorf = controllerOf(duesseldorfId);
		const card = await createScorecard(db, {
			organisationId: koelnId,
			field: 'archivierung',
			kpis: [{ code: 'ARCH-DIGITAL', targets: { 2026: { greenMin: '100', yellowMin: '60' } } }]
		});
		const kpiId = card.kpiIds.get('ARCH-DIGITAL')!;
		await createValues(db, {
			organisationId: koelnId,
			kpiId,
			values: { '2026-Q1': 120, '2026-Q2': 40 },
			comments: { '2026-Q1': GREEN_NOTE, '2026-Q2': RED_NOTE }
		});
		await createValues(db, {
			organisationId: koelnId,
			kpiId,
			values: { '2026-Q3': 80 },
			comments: { '2026-Q3': DRAFT_NOTE },
			state: 'submitted'
		});
		await createScorecard(db, {
			organisationId: duesseldorfId,
			field: 'archivierung',
			kpis: [{ code: 'ARCH-DIGITAL' }]
		});
		await createValues(db, {
			organisationId: duesseldorfId,
			kpiId,
			values: { '2026-Q1': 100, '2026-Q2': 110 }
		});
	});
	afterAll(() => handle.close());

	describe('overview', () => {
		it('shows another city the note on its released red value, in the declines and the ring', async () => {
			const page = (await loadOverviewPage(handle.db, duesseldorf, { city: 'koeln' }, 'de'))!;
			const decline = page.declines.find((d) => d.code === 'ARCH-DIGITAL')!;
			expect(decline.after).toMatchObject({ value: 40, status: 'red', note: RED_NOTE });
			expect(decline.before).toMatchObject({ value: 120, status: 'green', note: null });
			expect(page.positions.find((p) => p.code === 'ARCH-DIGITAL')).toMatchObject({
				value: 40,
				note: RED_NOTE
			});
			expect(JSON.stringify(page)).not.toContain(GREEN_NOTE);
			expect(JSON.stringify(page)).not.toContain(DRAFT_NOTE);
		});

		it('shows the city its own submitted amber value with its note', async () => {
			const page = (await loadOverviewPage(handle.db, koeln, { city: 'koeln' }, 'de'))!;
			const rise = page.improvements.find((d) => d.code === 'ARCH-DIGITAL')!;
			expect(rise.after).toMatchObject({ value: 80, status: 'yellow', note: DRAFT_NOTE });
			expect(rise.before).toMatchObject({ value: 40, note: RED_NOTE });
			expect(page.positions.find((p) => p.code === 'ARCH-DIGITAL')!.note).toBe(DRAFT_NOTE);
		});
	});

	describe('comparison', () => {
		it('puts the note of a released red value into the city’s row for everyone', async () => {
			const page = (await comparisonOf(duesseldorf, '2026-Q2'))!;
			const row = page.comparison.entries.find((e) => e.slug === 'koeln')!;
			expect(row.notes).toEqual([{ quarter: 2, text: RED_NOTE }]);
			expect(page.comparison.entries.find((e) => e.slug === 'duesseldorf')!.notes).toEqual([]);
		});

		it('leaves the note of a green value out', async () => {
			const page = (await comparisonOf(duesseldorf, '2026-Q1'))!;
			expect(page.comparison.entries.find((e) => e.slug === 'koeln')!.notes).toEqual([]);
			expect(JSON.stringify(page)).not.toContain(GREEN_NOTE);
		});

		it('never shows another city an unreleased value’s note, but the city itself', async () => {
			const other = (await comparisonOf(duesseldorf, '2026-Q3'))!;
			expect(other.comparison.missing.map((x) => x.slug)).toContain('koeln');
			expect(JSON.stringify(other)).not.toContain(DRAFT_NOTE);
			// A year of a sum KPI with two quarters has no figure: no row, and no note either.
			const year = (await comparisonOf(duesseldorf, '2026'))!;
			expect(year.comparison.missing.map((x) => x.slug)).toContain('koeln');
			expect(JSON.stringify(year.comparison)).not.toContain(DRAFT_NOTE);
			const own = (await comparisonOf(koeln, '2026-Q3'))!;
			expect(own.comparison.entries.find((e) => e.slug === 'koeln')!.notes).toEqual([
				{ quarter: 3, text: DRAFT_NOTE }
			]);
		});
	});

	describe('trend', () => {
		it('carries the note of the red quarter only, and no unreleased one to another city', async () => {
			const page = (await trendOf(duesseldorf))!;
			const series = page.trend!.series.find((s) => s.slug === 'koeln')!;
			expect(series.points.map((p) => [p.quarter, p.value, p.note])).toEqual([
				[1, 120, null],
				[2, 40, RED_NOTE],
				[3, null, null]
			]);
			expect(JSON.stringify(page)).not.toContain(DRAFT_NOTE);
			expect(JSON.stringify(page)).not.toContain(GREEN_NOTE);
			const own = (await trendOf(koeln))!;
			const mine = own.trend!.series.find((s) => s.slug === 'koeln')!;
			expect(mine.points.map((p) => p.note)).toEqual([null, RED_NOTE, DRAFT_NOTE]);
		});
	});

	describe('briefing', () => {
		it('quotes the red value’s comment to another city, and nothing unreleased or green', async () => {
			const b = (await loadBriefing(
				handle.db,
				duesseldorf,
				{ city: 'koeln', quarter: { year: 2026, quarter: 3 } },
				'de'
			))!;
			expect(b.attention.map((a) => [a.code, a.status, a.comment])).toEqual([
				['ARCH-DIGITAL', 'red', RED_NOTE]
			]);
			expect(JSON.stringify(b)).not.toContain(DRAFT_NOTE);
			expect(JSON.stringify(b)).not.toContain(GREEN_NOTE);
		});
	});

	describe('exports', () => {
		it('writes the note beside the value in the overview, comparison and trend files', async () => {
			const overview = (await loadOverviewPage(handle.db, duesseldorf, { city: 'koeln' }, 'de'))!;
			const table = overviewTable({ ...overview, city: overview.city! });
			const column = table.headers.findIndex((h) => h === 'Kommentar der Stadt');
			expect(column).toBeGreaterThan(0);
			const declines = table.rows.filter((r) => r[0] === 'Verschlechterungen');
			expect(declines.map((r) => [r[4], r[column]])).toEqual([[40, RED_NOTE]]);

			const comparison = comparisonTable((await comparisonOf(duesseldorf, '2026-Q2'))!, 'de');
			const trend = trendTable((await trendOf(duesseldorf))!, 'de');
			for (const t of [table, comparison, trend]) {
				const csv = await csvOf(t);
				expect(csv).toContain('Kommentar der Stadt');
				expect(csv).toContain(RED_NOTE);
				expect(csv).not.toContain(GREEN_NOTE);
				expect(csv).not.toContain(DRAFT_NOTE);
			}
			const koelnRow = comparison.rows.find((r) => r[1] === 'Köln')!;
			const noteColumn = comparison.headers.findIndex((h) => h === 'Kommentar der Stadt');
			expect(koelnRow[noteColumn]).toBe(RED_NOTE);
		});

		it('gives the city its own unreleased note in its files', async () => {
			const own = trendTable((await trendOf(koeln))!, 'de');
			expect(await csvOf(own)).toContain(DRAFT_NOTE);
		});
	});
});
