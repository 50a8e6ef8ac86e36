import { describe, expect, it } from 'vitest';
import { shapeMatrix, type MatrixRow } from './matrix';

const Q = { year: 2026, quarter: 3 };
const field = (id: number, period: Partial<MatrixRow> = {}) => ({
	fieldId: id,
	fieldSlug: `f${id}`,
	fieldNameDe: `Feld ${id}`,
	fieldNameEn: `Field ${id}`,
	periodExists: true,
	deadline: '2026-11-30',
	closedAt: null,
	...period
});
const none = {
	organisationId: null,
	organisationSlug: null,
	organisationName: null,
	kpis: null,
	missing: null,
	draft: null,
	submitted: null,
	released: null
};

describe('shapeMatrix', () => {
	it('keeps field order, sorts cities by German name and reads counts from strings', () => {
		const rows: MatrixRow[] = [
			{
				...field(2),
				organisationId: 20,
				organisationSlug: 'wuppertal',
				organisationName: 'Wuppertal',
				kpis: '4',
				missing: '1',
				draft: '1',
				submitted: '1',
				released: '1'
			},
			{
				...field(2),
				organisationId: 10,
				organisationSlug: 'duesseldorf',
				organisationName: 'Düsseldorf',
				kpis: 2,
				missing: 0,
				draft: 0,
				submitted: 0,
				released: 2
			},
			{ ...field(1, { periodExists: false, deadline: null }), ...none },
			{ ...field(3, { closedAt: new Date('2026-12-01T00:00:00Z') }), ...none }
		];
		const m = shapeMatrix(Q, rows);
		expect(m.fields.map((f) => f.id)).toEqual([2, 1, 3]);
		expect(m.fields.map((f) => f.period.state)).toEqual(['open', 'missing', 'closed']);
		expect(m.fields[1]!.period.deadline).toBeNull();
		expect(m.cities.map((c) => c.name)).toEqual(['Düsseldorf', 'Wuppertal']);
		expect(m.cells).toEqual([
			{
				organisationId: 20,
				fieldId: 2,
				kpis: 4,
				missing: 1,
				draft: 1,
				submitted: 1,
				released: 1,
				state: 'missing'
			},
			{
				organisationId: 10,
				fieldId: 2,
				kpis: 2,
				missing: 0,
				draft: 0,
				submitted: 0,
				released: 2,
				state: 'released'
			}
		]);
	});

	it('shows a scorecard without KPIs as a cell with nothing to report', () => {
		const m = shapeMatrix(Q, [
			{
				...field(1),
				...none,
				organisationId: 5,
				organisationSlug: 'bonn',
				organisationName: 'Bonn'
			}
		]);
		expect(m.cells[0]).toMatchObject({ kpis: 0, state: 'no_kpis' });
	});
});
