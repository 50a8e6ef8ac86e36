import { describe, expect, it } from 'vitest';
import { shapeDrilldown, type DrilldownRow } from './drilldown';

const Q = { year: 2026, quarter: 3 };
const row = (
	org: [number, string],
	kpi: [number, string] | null,
	state: DrilldownRow['state'],
	local = false
): DrilldownRow => ({
	organisationId: org[0],
	organisationSlug: org[1].toLowerCase(),
	organisationName: org[1],
	kpiId: kpi?.[0] ?? null,
	code: kpi?.[1] ?? null,
	local,
	nameDe: kpi ? `Kennzahl ${kpi[1]}` : null,
	nameEn: kpi ? `KPI ${kpi[1]}` : null,
	state
});

describe('shapeDrilldown', () => {
	it('gives each city its KPIs with states, shared KPIs as columns, own KPIs counted', () => {
		const koeln: [number, string] = [1, 'Köln'];
		const bonn: [number, string] = [2, 'Bonn'];
		const essen: [number, string] = [3, 'Essen'];
		const d = shapeDrilldown(Q, 7, [
			row(koeln, [10, 'A'], 'released'),
			row(koeln, [10, 'A'], 'released'), // the same KPI under a second objective
			row(koeln, [11, 'B'], null),
			row(bonn, [11, 'B'], 'draft'),
			row(bonn, [12, 'B-OWN'], 'submitted', true),
			row(essen, null, null)
		]);
		expect(d.kpis.map((k) => k.code)).toEqual(['A', 'B']);
		expect(d.cities.map((c) => c.name)).toEqual(['Bonn', 'Essen', 'Köln']);
		const [b, e, k] = d.cities;
		expect(k!.states).toEqual({ 10: 'released', 11: 'missing' });
		expect(k!.counts).toMatchObject({ kpis: 2, released: 1, missing: 1 });
		expect(b!.states).toEqual({ 11: 'draft' });
		expect(b!.local).toMatchObject({ kpis: 1, submitted: 1 });
		expect(b!.kpis.map((x) => [x.code, x.state, x.local])).toEqual([
			['B', 'draft', false],
			['B-OWN', 'submitted', true]
		]);
		expect(e!.kpis).toEqual([]);
	});
});
