import { describe, expect, it, vi } from 'vitest';
import { blockingRows, evaluateRows, readGridPost } from './form';
import type { EntryGrid, GridRow } from './grid';

/** The grid's fields for the given rows, in the order the page posts them. */
function gridForm(rows: { kpi: string; value?: string; comment?: string; version?: string }[]) {
	const form = new FormData();
	for (const r of rows) {
		form.append('kpi', r.kpi);
		form.append(`version_${r.kpi}`, r.version ?? '0');
		form.append(`value_${r.kpi}`, r.value ?? '');
		form.append(`comment_${r.kpi}`, r.comment ?? '');
	}
	return form;
}

describe('readGridPost', () => {
	it('reads each posted row with its value, comment and version', () => {
		const form = gridForm([
			{ kpi: '7', value: '1.234,5', comment: '  Umzug\u0000 ', version: '3' },
			{ kpi: '9' }
		]);
		// A second field of the same name does not override the first, as with `form.get`.
		form.append('value_7', '99');
		expect(readGridPost(form)).toEqual([
			{ kpiId: 7, value: '1.234,5', comment: 'Umzug', version: 3 },
			{ kpiId: 9, value: '', comment: '', version: 0 }
		]);
		const missing = new FormData();
		missing.append('kpi', '5');
		expect(readGridPost(missing)).toEqual([{ kpiId: 5, value: '', comment: '', version: 0 }]);
	});

	it('refuses rows that are not rows of a grid', () => {
		expect(readGridPost(gridForm([{ kpi: 'abc' }]))).toBeNull();
		expect(readGridPost(gridForm([{ kpi: '3', version: '-1' }]))).toBeNull();
		expect(readGridPost(gridForm([{ kpi: '3', value: 'x'.repeat(65) }]))).toBeNull();
		const file = new FormData();
		file.append('kpi', new Blob(['1']), '1');
		expect(readGridPost(file)).toBeNull();
	});

	it('walks the form once instead of looking up each field', () => {
		const form = gridForm(
			Array.from({ length: 50 }, (_, i) => ({ kpi: String(i + 1), value: '1' }))
		);
		const get = vi.spyOn(form, 'get');
		const getAll = vi.spyOn(form, 'getAll');
		const walk = vi.spyOn(form, Symbol.iterator as never);
		expect(readGridPost(form)).toHaveLength(50);
		expect(get).not.toHaveBeenCalled();
		expect(getAll).not.toHaveBeenCalled();
		expect(walk).toHaveBeenCalledTimes(1);
	});

	it('answers a hostile post of 20,000 fields at once, and a full grid of 500 rows too', () => {
		const hostile = new FormData();
		for (let i = 0; i < 20_000; i++) hostile.append('kpi', String(i + 1));
		let started = performance.now();
		expect(readGridPost(hostile)).toBeNull();
		const hostileMs = performance.now() - started;

		const full = gridForm(
			Array.from({ length: 500 }, (_, i) => ({ kpi: String(i + 1), value: '2' }))
		);
		started = performance.now();
		expect(readGridPost(full)).toHaveLength(500);
		const fullMs = performance.now() - started;
		// Generous: both take milliseconds; looking fields up one by one took 9–16 s for 20,000.
		expect(hostileMs).toBeLessThan(1_000);
		expect(fullMs).toBeLessThan(1_000);
	});
});

describe('evaluateRows', () => {
	const row = (kpiId: number, decimals: number): GridRow => ({
		kpiId,
		code: `K${kpiId}`,
		name: `KPI ${kpiId}`,
		comparable: true,
		kpiVersionId: kpiId * 10,
		unit: 'count',
		decimals,
		polarity: 'higher_is_better',
		plausibleChangePercent: null,
		bands: null,
		current: null,
		previousQuarter: null,
		sameQuarterLastYear: null
	});
	const grid = {
		rows: [row(1, 1), row(2, 0), row(3, 2)]
	} as unknown as EntryGrid;
	const posted = (kpiId: number, value: string) => ({ kpiId, value, comment: '', version: 0 });

	it('refuses a value with more decimals than the KPI keeps, as import and API do', () => {
		const { drafts, checks } = evaluateRows(
			grid,
			[posted(1, '12,34'), posted(2, '7,5'), posted(3, '1,25')],
			'de'
		);
		expect(checks.map((c) => c.problem)).toEqual(['too_many_decimals', 'too_many_decimals', null]);
		// Never rounded and saved: only the value within its decimals becomes a draft.
		expect(drafts.map((d) => [d.kpiId, d.value])).toEqual([[3, 1.25]]);
	});

	it('takes values within the decimals and empty cells', () => {
		const { drafts, checks } = evaluateRows(
			grid,
			[posted(1, '12,3'), posted(2, '1.000'), posted(3, '')],
			'de'
		);
		expect(checks.every((c) => c.problem === null)).toBe(true);
		expect(drafts.map((d) => d.value)).toEqual([12.3, 1000, null]);
	});
});

describe('blockingRows', () => {
	it('blocks drafts whose checks fail, never rows already submitted or released', () => {
		const grid = {
			rows: [
				{ kpiId: 1, current: { state: 'draft' } },
				{ kpiId: 2, current: { state: 'submitted' } },
				{ kpiId: 3, current: null },
				{ kpiId: 4, current: null }
			]
		} as unknown as EntryGrid;
		const check = (kpiId: number, failing: boolean) => ({
			kpiId,
			problem: null,
			errors: failing ? (['comment_required_red'] as const).slice() : [],
			warnings: []
		});
		expect(
			blockingRows(grid, [check(1, true), check(2, true), check(3, true), check(4, false)])
		).toEqual([1, 3]);
	});
});
