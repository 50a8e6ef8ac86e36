import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpis, measurements, organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadHeatmapPage, type HeatmapPage } from '../../src/lib/server/compare/heatmap-page';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { readTrendRequest } from '../../src/lib/server/compare/trend-request';
import { MAX_TREND_CITIES } from '../../src/lib/domain/compare/trend';
import { heatmapTable } from '../../src/lib/server/compare/export-heatmap';
import { trendTable } from '../../src/lib/server/compare/export-trend';
import { tableFile } from '../../src/lib/server/tabular/table-file';
import { parsePeriod } from '../../src/lib/domain/compare/period';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import { createTestDatabase } from '../helpers/test-database';

/**
 * The heatmap and trend views against the demo data: Köln's Archivierung Q3/2026 values are
 * drafts and its Kfz values submitted; Düsseldorf's Archivierung values are drafts too.
 */
describe('compare views', () => {
	let handle: DatabaseHandle;
	const sent: string[] = [];
	const ids = new Map<string, number>();
	let koeln: Viewer;
	let duesseldorf: Viewer;
	const observer: Viewer = {
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
	};
	/** Unreleased values of Q3/2026 as "city|KPI code" → value. */
	const unreleased = new Map<string, number>();

	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'demo' });
		for (const o of await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations)) {
			ids.set(o.slug, o.id);
		}
		const city = (role: 'city_leadership' | 'controller', slug: string): Viewer => ({
			kind: 'user',
			principal: { userId: 2, roles: [{ role, organisationId: ids.get(slug)!, fieldId: null }] }
		});
		koeln = city('city_leadership', 'koeln');
		duesseldorf = city('controller', 'duesseldorf');
		const rows = await handle.db
			.select({ city: organisations.slug, code: kpis.code, value: measurements.value })
			.from(measurements)
			.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					ne(measurements.state, 'released'),
					eq(measurements.year, 2026),
					eq(measurements.quarter, 3)
				)
			);
		for (const r of rows) unreleased.set(`${r.city}|${r.code}`, Number(r.value));
	});
	afterAll(() => handle.close());

	const heatmap = async (viewer: Viewer, field: string, period: string) =>
		(await loadHeatmapPage(handle.db, viewer, { field, period: parsePeriod(period) }, 'de'))!;
	const cellsOf = (page: HeatmapPage, city: string) => {
		const row = page.heatmap!.rows.find((r) => r.slug === city)!;
		return row.cells.map((c, i) => ({ ...c, code: page.heatmap!.columns[i]!.code }));
	};
	/** Every cell of another city than `own` that the database holds unreleased must be empty. */
	const expectNoForeignDrafts = (page: HeatmapPage, own: string | null) => {
		let checked = 0;
		for (const row of page.heatmap!.rows) {
			if (row.slug === own) continue;
			row.cells.forEach((cell, i) => {
				const code = page.heatmap!.columns[i]!.code;
				if (!unreleased.has(`${row.slug}|${code}`)) return;
				checked++;
				expect(cell.value, `${row.slug} ${code}`).toBeNull();
				expect(cell.state).toBeNull();
			});
			expect(row.own).toBe(false);
		}
		return checked;
	};

	describe('heatmap', () => {
		it('shows Köln its own Archivierung drafts, marked, and Düsseldorf none of them', async () => {
			sent.length = 0;
			const page = await heatmap(koeln, 'archivierung', '2026-Q3');
			expect(sent).toHaveLength(3);
			const own = cellsOf(page, 'koeln');
			expect(own.length).toBe(5);
			expect(own.every((c) => c.state === 'draft' && c.value !== null)).toBe(true);
			expect(own.map((c) => c.value)).toEqual(own.map((c) => unreleased.get(`koeln|${c.code}`)));
			expect(page.heatmap!.rows.find((r) => r.slug === 'koeln')!.own).toBe(true);
			expect(page.heatmap!.unreleasedCells).toBe(5);
			expect(expectNoForeignDrafts(page, 'koeln')).toBeGreaterThan(5);

			const theirs = await heatmap(duesseldorf, 'archivierung', '2026-Q3');
			expect(cellsOf(theirs, 'koeln').every((c) => c.value === null && c.state === null)).toBe(
				true
			);
			expect(cellsOf(theirs, 'duesseldorf').every((c) => c.state === 'draft')).toBe(true);
			expectNoForeignDrafts(theirs, 'duesseldorf');
		});

		it('shows the observer released values only, in every field', async () => {
			for (const field of ['archivierung', 'kfz-zulassungswesen', 'service-center-d115']) {
				const page = await heatmap(observer, field, '2026-Q3');
				expect(page.heatmap!.unreleasedCells).toBe(0);
				expect(
					page.heatmap!.rows.every((r) =>
						r.cells.every((c) => c.state === null || c.state === 'released')
					)
				).toBe(true);
				expectNoForeignDrafts(page, null);
			}
		});

		it("keeps Köln's submitted Kfz values to Köln, also in the yearly figure", async () => {
			const mine = await heatmap(koeln, 'kfz-zulassungswesen', '2026');
			expect(cellsOf(mine, 'koeln').some((c) => c.state === 'submitted')).toBe(true);
			expect(cellsOf(mine, 'koeln').find((c) => c.code === 'KFZ-WARTEZEIT')).toMatchObject({
				quartersWithData: 3,
				state: 'submitted'
			});
			const observed = await heatmap(observer, 'kfz-zulassungswesen', '2026');
			const wait = cellsOf(observed, 'koeln').find((c) => c.code === 'KFZ-WARTEZEIT')!;
			expect(wait).toMatchObject({ quartersWithData: 2, state: 'released' });
			// The yearly mean of Q1 and Q2 only: not Köln's submitted Q3 value.
			expect(wait.value).not.toBe(
				cellsOf(mine, 'koeln').find((c) => c.code === 'KFZ-WARTEZEIT')!.value
			);
		});

		it('exports what it shows: the drafts for Köln, marked, and nothing of them for others', async () => {
			const mine = heatmapTable(await heatmap(koeln, 'archivierung', '2026-Q3'), 'de');
			const koelnRows = mine.rows.filter((r) => r[0] === 'Köln');
			expect(koelnRows).toHaveLength(5);
			expect(koelnRows.every((r) => String(r[8]).includes('noch nicht freigegeben'))).toBe(true);

			for (const viewer of [observer, duesseldorf]) {
				const page = await heatmap(viewer, 'archivierung', '2026-Q3');
				const csv = String((await tableFile(heatmapTable(page, 'de'), 'csv', 'de')).body);
				const koelnLines = csv.split('\r\n').filter((l) => l.startsWith('Köln;'));
				expect(koelnLines).toHaveLength(5);
				// City;Code;Name;Period;Value;…: no value, no state
				expect(koelnLines.every((l) => l.split(';')[4] === '' && l.split(';')[7] === '')).toBe(
					true
				);
				const drafts = csv.split('\r\n').filter((l) => l.includes('Entwurf'));
				expect(drafts.every((l) => viewer === duesseldorf && l.startsWith('Düsseldorf;'))).toBe(
					true
				);
			}
		});

		it('answers an unknown field with nothing, and a field without period with no grid', async () => {
			expect(
				await loadHeatmapPage(handle.db, observer, { field: 'atlantis', period: null }, 'de')
			).toBeNull();
			const page = await loadHeatmapPage(
				handle.db,
				observer,
				{ field: 'archivierung', period: null },
				'de'
			);
			expect(page!.period).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
		});
	});

	describe('trend', () => {
		const trend = (viewer: Viewer, query: string) =>
			loadTrendPage(handle.db, viewer, readTrendRequest(new URLSearchParams(query))!, 'de');

		it("preselects the viewer's own city and shows Köln its submitted Kfz value", async () => {
			sent.length = 0;
			const page = (await trend(koeln, 'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT'))!;
			// Fields and peer groups at once, then definitions, then values: three steps, four reads.
			expect(sent).toHaveLength(4);
			expect(page.chosen).toEqual(['koeln']);
			const series = page.trend!.series[0]!;
			expect(page.trend!.quarters).toHaveLength(12);
			const q3 = series.points.at(-1)!;
			expect(q3).toMatchObject({ year: 2026, quarter: 3, state: 'submitted' });
			expect(q3.value).toBe(unreleased.get('koeln|KFZ-WARTEZEIT'));
			expect(q3.sameQuarterLastYear).not.toBeNull();
		});

		it("never gives another city Köln's or Essen's unreleased Kfz values", async () => {
			const query =
				'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT&cities=koeln,essen,wuppertal&from=2025-Q3&to=2026-Q3';
			for (const viewer of [observer, duesseldorf]) {
				const page = (await trend(viewer, query))!;
				expect(page.chosen).toEqual(['koeln', 'essen', 'wuppertal']);
				for (const s of page.trend!.series) {
					const q3 = s.points.at(-1)!;
					expect(unreleased.has(`${s.slug}|KFZ-WARTEZEIT`)).toBe(true);
					expect(q3.value).toBeNull();
					expect(q3.state).toBeNull();
				}
				const csv = String((await tableFile(trendTable(page, 'de'), 'csv', 'de')).body);
				expect(csv).not.toContain('eingereicht');
				expect(csv).not.toContain('noch nicht freigegeben');
			}
			const mine = (await trend(koeln, query))!;
			expect(mine.trend!.series.find((s) => s.slug === 'koeln')!.points.at(-1)!.state).toBe(
				'submitted'
			);
			expect(mine.trend!.series.find((s) => s.slug === 'essen')!.points.at(-1)!.value).toBeNull();
			// The ring's median never includes an unreleased value, not even Köln's own.
			const observed = (await trend(observer, query))!;
			expect(mine.trend!.median).toEqual(observed.trend!.median);
		});

		it('marks the definition change of PERS-KRANK in Q1/2025 and compares nothing across it', async () => {
			const page = (await trend(
				observer,
				'field=personal-management&kpi=PERS-KRANK&cities=dortmund&from=2024-Q1&to=2025-Q4'
			))!;
			const t = page.trend!;
			expect(t.breaks.map((i) => t.quarters[i])).toEqual([{ year: 2025, quarter: 1 }]);
			const points = t.series[0]!.points;
			const q1 = points.find((p) => p.year === 2025 && p.quarter === 1)!;
			expect(q1.lastYearOtherDefinition).toBe(true);
			expect(q1.changeToLastYear).toBeNull();
			expect(points.find((p) => p.year === 2025 && p.quarter === 2)!.changeToLastYear).toBeNull();
		});

		it('draws up to ten cities and names the ones beyond the limit', async () => {
			const eleven = [
				'aachen',
				'bielefeld',
				'bochum',
				'dortmund',
				'duesseldorf',
				'essen',
				'gelsenkirchen',
				'hagen',
				'hamm',
				'koeln',
				'wuppertal'
			];
			const page = (await trend(observer, `field=archivierung&cities=${eleven.join(',')}`))!;
			expect(MAX_TREND_CITIES).toBe(10);
			expect(page.chosen).toEqual(eleven.slice(0, 10));
			expect(page.dropped).toEqual(['wuppertal']);
			expect(page.trend!.series.map((s) => s.slug)).toEqual(eleven.slice(0, 10));
		});

		it('drops unknown cities and keeps an explicit empty choice empty', async () => {
			const page = (await trend(koeln, 'field=archivierung&cities=koeln,atlantis'))!;
			expect(page.chosen).toEqual(['koeln']);
			expect(page.dropped).toEqual(['atlantis']);
			const none = (await trend(koeln, 'field=archivierung&cities='))!;
			expect(none.chosen).toEqual([]);
			expect(none.trend!.median.some((v) => v !== null)).toBe(true);
			expect(await trend(observer, 'field=atlantis')).toBeNull();
		});
	});

	describe("mayors' overview", () => {
		const overview = (viewer: Viewer, city: string | null = null) =>
			loadOverviewPage(handle.db, viewer, { city }, 'de');

		it('shows a city role its own city across all fields in four reads, drafts marked', async () => {
			sent.length = 0;
			const page = (await overview(koeln))!;
			expect(sent).toHaveLength(4);
			expect(page.city).toEqual({ slug: 'koeln', name: 'Köln' });
			expect(page.own).toBe(true);
			expect(page.rows).toHaveLength(10);
			expect(page.asOf).toEqual({ year: 2026, quarter: 3 });
			const row = (slug: string) => page.rows.find((r) => r.field.slug === slug)!;
			expect(row('geschaeftsprozessoptimierung').built).toBe(false);
			expect(row('archivierung').unreleased).toBe(5);
			expect(row('kfz-zulassungswesen').unreleased).toBeGreaterThan(0);
			expect(row('service-center-d115').unreleased).toBe(0);
			expect(page.columns.map((c) => c.column)).toEqual([
				'mandate',
				'customers',
				'finance',
				'processes',
				'staff'
			]);
		});

		it('rolls each scorecard up exactly as its own page does', async () => {
			for (const viewer of [koeln, observer]) {
				const page = (await overview(viewer, 'koeln'))!;
				for (const field of ['service-center-d115', 'archivierung', 'kfz-zulassungswesen']) {
					const scorecard = (await loadScorecardPage(handle.db, viewer, 'koeln', field, 'de'))!;
					const row = page.rows.find((r) => r.field.slug === field)!;
					expect(row.rollup).toEqual(scorecard.rollup);
					expect(row.perspectives.map((p) => p.rollup)).toEqual(
						scorecard.perspectives.map((p) => p.rollup)
					);
				}
			}
		});

		it("gives the observer Köln's released figures only", async () => {
			const page = (await overview(observer, 'koeln'))!;
			expect(page.own).toBe(false);
			expect(page.rows.every((r) => r.unreleased === 0)).toBe(true);
			expect(page.rows.find((r) => r.field.slug === 'archivierung')!.latestQuarter).toEqual({
				year: 2026,
				quarter: 2
			});
			const readings = [...page.improvements, ...page.declines].flatMap((x) => [x.before, x.after]);
			expect(readings.length).toBeGreaterThan(0);
			expect(readings.every((r) => r.state === 'released')).toBe(true);
			expect(page.positions.every((p) => p.state === 'released')).toBe(true);
			const json = JSON.stringify(page);
			// Köln's Archivierung Q3 is a draft: the ring comparison falls back to Q2 for the observer.
			expect(page.positions.find((p) => p.code === 'ARCH-MAGAZIN')!.quarter).toEqual({
				year: 2026,
				quarter: 2
			});
			expect(json).not.toContain('"draft"');
			expect(json).not.toContain('"submitted"');
		});

		it('places the key KPIs against the released values of the ring in the same quarter', async () => {
			const page = (await overview(koeln))!;
			const codes = page.positions.map((p) => p.code);
			// Common targets in six fields; the four fields without one bring their first shared KPI.
			expect(codes).toEqual(
				expect.arrayContaining(['D115-SL30', 'D115-ELQ', 'ARCH-MAGAZIN', 'KFZ-WARTEZEIT'])
			);
			expect(page.positions.filter((p) => p.reason === 'first_shared')).toHaveLength(3);
			const magazine = page.positions.find((p) => p.code === 'ARCH-MAGAZIN')!;
			expect(magazine).toMatchObject({ state: 'draft', quarter: { year: 2026, quarter: 3 } });
			const released = await handle.db
				.select({ value: measurements.value })
				.from(measurements)
				.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
				.where(
					and(
						eq(kpis.code, 'ARCH-MAGAZIN'),
						eq(measurements.year, 2026),
						eq(measurements.quarter, 3),
						eq(measurements.state, 'released')
					)
				);
			expect(magazine.count).toBe(released.length);
			expect(magazine.standing).not.toBeNull();
		});

		it('lists movers by score change, improvements up and declines down', async () => {
			const page = (await overview(koeln))!;
			expect(page.improvements.length).toBeGreaterThan(0);
			expect(page.declines.length).toBeGreaterThan(0);
			expect(page.improvements.every((x) => x.scoreChange > 0)).toBe(true);
			expect(page.declines.every((x) => x.scoreChange < 0)).toBe(true);
			const changes = page.improvements.map((x) => x.scoreChange);
			expect(changes).toEqual([...changes].sort((a, b) => b - a));
		});

		it('asks a global role to pick a city, and knows no Atlantis', async () => {
			sent.length = 0;
			const page = (await overview(observer))!;
			expect(sent).toHaveLength(1);
			expect(page.city).toBeNull();
			expect(page.cities).toHaveLength(13);
			expect(await overview(observer, 'atlantis')).toBeNull();
		});
	});
});
