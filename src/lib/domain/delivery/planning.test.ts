import { describe, expect, it } from 'vitest';
import { classifyRows } from './classify';
import { neededKeys, resolveRows } from './resolve';
import type { Catalog, KpiCandidate, StoredState } from './plan-model';
import type { DeliveryRow } from './types';

const noBands = { greenMin: null, greenMax: null, yellowMin: null, yellowMax: null };
const kpi = (kpiId: number, code: string, fieldId: number, onScorecard = true): KpiCandidate => ({
	kpiId,
	code,
	fieldId,
	onScorecard,
	versions: [
		{
			id: kpiId * 10,
			validFromYear: 2024,
			validFromQuarter: 1,
			unit: 'percent',
			decimals: 1,
			polarity: 'higher_is_better',
			plausibleChangePercent: 10,
			bands: { greenMin: 80, greenMax: null, yellowMin: 70, yellowMax: null }
		}
	],
	targets: new Map()
});
const fieldA = { id: 1, slug: 'feld-a' };
const fieldB = { id: 2, slug: 'feld-b' };
const catalog: Catalog = {
	organisationId: 7,
	cities: new Map([
		['koeln', { id: 7, slug: 'koeln' }],
		['bonn', { id: 8, slug: 'bonn' }]
	]),
	fields: new Map([
		['feld-a', fieldA],
		['feld-b', fieldB]
	]),
	fieldsById: new Map([
		[1, fieldA],
		[2, fieldB]
	]),
	kpis: new Map([
		['SHARE', [kpi(1, 'SHARE', 1)]],
		['TWICE', [kpi(2, 'TWICE', 1), kpi(3, 'TWICE', 2)]],
		['OFF', [kpi(4, 'OFF', 1, false)]]
	])
};
const open = (...keys: string[]): StoredState => ({
	periods: new Map(keys.map((k) => [k, 'open' as const])),
	values: new Map(),
	previous: new Map()
});
let line = 0;
const row = (r: Partial<DeliveryRow>): DeliveryRow => ({
	line: ++line,
	city: 'koeln',
	kpi: 'SHARE',
	year: 2026,
	quarter: 3,
	value: 90,
	comment: '',
	...r
});
const kinds = (rows: DeliveryRow[], state: StoredState, c: Catalog = catalog) =>
	classifyRows(resolveRows(rows, c), state).map((p) => p.error?.code ?? p.kind);

describe('delivery plan', () => {
	it('asks for the field when a code is on two scorecards of the city', () => {
		expect(kinds([row({ kpi: 'twice' })], open('1|2026|3'))).toEqual(['ambiguous_kpi']);
		expect(kinds([row({ kpi: 'TWICE', field: 'feld-b' })], open('2|2026|3'))).toEqual(['new']);
		expect(kinds([row({ kpi: 'OFF' })], open('1|2026|3'))).toEqual(['kpi_not_on_scorecard']);
	});

	it('compares with the previous quarter as it will be after the delivery', () => {
		const state = open('1|2026|2', '1|2026|3');
		state.previous.set('1|2026|2', 90);
		// Alone, 99 after 90 is a jump of 10 %: within the tolerance.
		const alone = classifyRows(resolveRows([row({ value: 99 })], catalog), state);
		expect(alone[0]!.warnings).toBeUndefined();
		// Delivered together with a new Q2 of 80, it is a jump of 23.75 %.
		const both = classifyRows(
			resolveRows([row({ quarter: 2, value: 80, comment: 'x' }), row({ value: 99 })], catalog),
			state
		);
		expect(both[1]!.warnings).toEqual(['change_exceeds_tolerance']);
	});

	it('asks for the keys of resolved rows only, previous quarters not delivered themselves', () => {
		const resolved = resolveRows(
			[row({ quarter: 2 }), row({ quarter: 3 }), row({ kpi: 'NOPE' })],
			catalog
		);
		expect(neededKeys(resolved)).toEqual({
			periods: [
				{ fieldId: 1, year: 2026, quarter: 2 },
				{ fieldId: 1, year: 2026, quarter: 3 }
			],
			values: [
				{ kpiId: 1, year: 2026, quarter: 2 },
				{ kpiId: 1, year: 2026, quarter: 3 }
			],
			previous: [{ kpiId: 1, year: 2026, quarter: 1 }]
		});
	});

	it('updates a draft, deletes it when emptied, and never touches other states', () => {
		const state = open('1|2026|3', '1|2026|4');
		state.values.set('1|2026|3', { id: 5, value: 85, comment: '', state: 'draft', version: 2 });
		state.values.set('1|2026|4', { id: 6, value: 85, comment: '', state: 'released', version: 3 });
		const planned = classifyRows(
			resolveRows([row({ value: 86 }), row({ quarter: 4, value: null })], catalog),
			state
		);
		expect(planned[0]!.write).toEqual({
			op: 'update',
			id: 5,
			kpiVersionId: 10,
			value: 86,
			comment: ''
		});
		expect(planned[1]!.error?.code).toBe('value_locked');
		const cleared = classifyRows(resolveRows([row({ value: null })], catalog), state);
		expect(cleared[0]!.write).toEqual({ op: 'delete', id: 5 });
	});

	it('never deletes for an empty value cell of a file: the stored value and comment stay', () => {
		const state = open('1|2026|3', '1|2026|4');
		state.values.set('1|2026|3', {
			id: 5,
			value: 85,
			comment: 'geprüft',
			state: 'draft',
			version: 2
		});
		const planned = classifyRows(
			resolveRows(
				[row({ value: null, blank: true }), row({ quarter: 4, value: null, blank: true })],
				catalog
			),
			state
		);
		expect(planned[0]).toMatchObject({
			kind: 'unchanged',
			before: { value: 85, comment: 'geprüft' },
			after: { value: 85, comment: 'geprüft' },
			emptyValueCell: true
		});
		expect(planned[0]!.write).toBeUndefined();
		expect(planned[1]).toMatchObject({ kind: 'unchanged', before: null });
		expect(planned[1]!.write).toBeUndefined();
		// A new comment alone is not taken: it belongs to a value.
		const comment = resolveRows([row({ value: null, blank: true, comment: 'neu' })], catalog);
		expect(classifyRows(comment, state)[0]!.error).toEqual({
			code: 'invalid_value',
			detail: { problem: 'comment_without_value', text: '' }
		});
	});

	it('refuses a row with a spreadsheet error in any column, before anything else', () => {
		const resolved = resolveRows(
			[
				row({
					value: null,
					quarter: Number.NaN,
					fault: { column: 'value', fault: 'error', cell: 'D2', code: null, formula: '1/0' }
				}),
				row({
					comment: '',
					fault: { column: 'comment', fault: 'uncomputed', cell: 'E3', formula: 'A1' }
				})
			],
			catalog
		);
		expect(resolved.map((r) => (r.ok ? 'ok' : [r.code, r.detail]))).toEqual([
			[
				'invalid_value',
				{ problem: 'formula_error', column: 'value', cell: 'D2', code: '', formula: '1/0' }
			],
			[
				'invalid_value',
				{ problem: 'formula_uncomputed', column: 'comment', cell: 'E3', code: '', formula: 'A1' }
			]
		]);
	});

	it('quotes year and quarter as the file wrote them', () => {
		const [bad] = resolveRows(
			[row({ year: 2026, quarter: Number.NaN, written: { year: '2026', quarter: '3,5' } })],
			catalog
		);
		expect(bad).toMatchObject({
			ok: false,
			code: 'invalid_period',
			detail: { year: '2026', quarter: '3,5' }
		});
	});

	it('judges red by the city target of the year before the common target', () => {
		const own = { ...catalog, kpis: new Map([['SHARE', [{ ...kpi(1, 'SHARE', 1) }]]]) };
		own.kpis.get('SHARE')![0]!.targets.set(2026, { ...noBands, greenMin: 50 });
		expect(kinds([row({ value: 60 })], open('1|2026|3'), own)).toEqual(['new']);
		expect(kinds([row({ value: 60 })], open('1|2026|3'))).toEqual(['red_needs_comment']);
	});

	it('checks a row’s version claim, keeps an omitted comment and refuses extra decimals', () => {
		const state = open('1|2026|3');
		state.values.set('1|2026|3', { id: 5, value: 85, comment: 'alt', state: 'draft', version: 2 });
		const plan = (rows: Partial<DeliveryRow>[]) =>
			classifyRows(resolveRows(rows.map(row), catalog), state);
		const [stale] = plan([{ value: 86, version: 1 }]);
		expect(stale).toMatchObject({
			error: { code: 'version_conflict', detail: { version: '2', expected: '1' } },
			before: { value: 85, comment: 'alt', version: 2 }
		});
		expect(plan([{ value: 86, version: 2 }])[0]).toMatchObject({
			kind: 'changed',
			after: { value: 86, version: 3 }
		});
		// A claim on an unchanged row does not matter: nothing is written.
		expect(plan([{ value: 85, comment: 'alt', version: 1 }])[0]!.kind).toBe('unchanged');
		expect(plan([{ value: 86, comment: undefined }])[0]!.write).toMatchObject({
			op: 'update',
			comment: 'alt'
		});
		expect(plan([{ value: 86, comment: '' }])[0]!.write).toMatchObject({ comment: '' });
		expect(plan([{ value: 86.25, comment: 'x' }])[0]!.error).toEqual({
			code: 'too_many_decimals',
			detail: { decimals: '1', text: '86.25' }
		});
	});
});
