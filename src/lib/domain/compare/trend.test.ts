import { describe, expect, it } from 'vitest';
import type { VersionRow } from '../scorecard/types';
import { buildTrend, defaultRange, quarterSpan, type TrendRow } from './trend';

const version = (over: Partial<VersionRow> = {}): VersionRow => ({
	id: 1,
	kpiId: 7,
	validFromYear: 2020,
	validFromQuarter: 1,
	nameDe: 'Krankenquote',
	nameEn: 'Sick leave rate',
	definitionDe: '',
	definitionEn: '',
	unit: 'percent',
	decimals: 1,
	polarity: 'lower_is_better',
	aggregation: 'mean',
	denominator: 'none',
	source: '',
	plausibleChangePercent: null,
	greenMin: null,
	greenMax: '5',
	yellowMin: null,
	yellowMax: '6',
	...over
});
const v2 = version({
	id: 2,
	validFromYear: 2025,
	validFromQuarter: 1,
	greenMax: '6',
	yellowMax: '7'
});

const city = (organisationId: number, slug: string, name: string) => ({
	organisationId,
	slug,
	name
});
const koeln = city(1, 'koeln', 'Köln');
const essen = city(2, 'essen', 'Essen');
const bonn = city(3, 'aachen', 'Aachen');
const row = (
	c: ReturnType<typeof city>,
	year: number,
	quarter: number,
	value: string,
	over: Partial<TrendRow> = {}
): TrendRow => ({
	organisationId: c.organisationId,
	kpiVersionId: year >= 2025 ? 2 : 1,
	year,
	quarter,
	value,
	state: 'released',
	comment: '',
	cityTarget: null,
	...over
});

describe('quarter ranges', () => {
	it('spans from–to inclusive, either way round', () => {
		expect(quarterSpan({ year: 2024, quarter: 3 }, { year: 2025, quarter: 1 })).toEqual([
			{ year: 2024, quarter: 3 },
			{ year: 2024, quarter: 4 },
			{ year: 2025, quarter: 1 }
		]);
		expect(quarterSpan({ year: 2025, quarter: 1 }, { year: 2024, quarter: 4 })).toHaveLength(2);
	});

	it('defaults to the last twelve quarters with values, or fewer', () => {
		const available = quarterSpan({ year: 2023, quarter: 4 }, { year: 2026, quarter: 3 });
		expect(defaultRange(available)).toEqual({
			from: { year: 2023, quarter: 4 },
			to: { year: 2026, quarter: 3 }
		});
		expect(defaultRange(available.slice(-3))?.from).toEqual({ year: 2026, quarter: 1 });
		expect(defaultRange([])).toBeNull();
	});
});

describe('buildTrend', () => {
	const rows = [
		row(koeln, 2024, 4, '5.5'),
		row(koeln, 2025, 1, '6.4'),
		row(koeln, 2025, 4, '6.1', { state: 'draft' }),
		row(essen, 2024, 4, '4.0'),
		row(essen, 2025, 1, '6.0'),
		row(essen, 2025, 4, '5.0'),
		row(bonn, 2025, 1, '7.0'),
		row(bonn, 2025, 4, '6.0', { kpiVersionId: 1 })
	];
	const q = (year: number, quarter: number) => ({ year, quarter });
	// Which values count is decided in the database (tests/integration/trend-statistics.test.ts):
	// the page gets a median per quarter and definition and shows the one in force.
	const medians = [
		{ ...q(2024, 4), kpiVersionId: 1, median: 4.75 },
		{ ...q(2025, 1), kpiVersionId: 2, median: 6.4 },
		{ ...q(2025, 4), kpiVersionId: 1, median: 6 },
		{ ...q(2025, 4), kpiVersionId: 2, median: 5 }
	];
	const trend = buildTrend({
		versions: [version(), v2],
		cities: [koeln, essen, bonn, city(4, 'hagen', 'Hagen')],
		rows,
		medians,
		available: [q(2024, 4), q(2025, 1), q(2025, 4)],
		chosen: ['koeln', 'essen', 'atlantis'],
		from: { year: 2024, quarter: 4 },
		to: { year: 2025, quarter: 4 },
		ownOrganisationIds: [1],
		locale: 'de'
	});

	it('draws the chosen cities in the order chosen, ignoring unknown ones', () => {
		expect(trend.series.map((s) => s.slug)).toEqual(['koeln', 'essen']);
		expect(trend.series[0]!.own).toBe(true);
		expect(trend.cities.map((c) => c.name)).toEqual(['Aachen', 'Essen', 'Hagen', 'Köln']);
		expect(trend.quarters).toHaveLength(5);
		expect(trend.series[0]!.points.map((p) => p.value)).toEqual([5.5, 6.4, null, null, 6.1]);
		expect(trend.series[0]!.points[4]!.state).toBe('draft');
	});

	it('names the definition in force at the end, with its common target per quarter and the break', () => {
		expect(trend.kpi.name).toBe('Krankenquote');
		expect(trend.targetMax).toEqual([5, 6, 6, 6, 6]);
		expect(trend.targetMin).toEqual([null, null, null, null, null]);
		expect(trend.breaks).toEqual([1]);
	});

	it('gives the same quarter last year, and no change across a definition break', () => {
		const koelnQ4 = trend.series[0]!.points[4]!;
		// 2025 Q4 vs 2024 Q4: 6.1 (v2) against 5.5 (v1): shown, but not compared
		expect(koelnQ4.sameQuarterLastYear).toBe(5.5);
		expect(koelnQ4.lastYearOtherDefinition).toBe(true);
		expect(koelnQ4.changeToLastYear).toBeNull();
		const essenQ1 = trend.series[1]!.points[1]!;
		expect(essenQ1.sameQuarterLastYear).toBeNull();
	});

	it('computes the change to last year under one definition', () => {
		const later = buildTrend({
			versions: [version(), v2],
			cities: [essen],
			rows: [row(essen, 2025, 1, '6.0'), row(essen, 2026, 1, '5.2')],
			medians: [],
			available: [],
			chosen: ['essen'],
			from: { year: 2026, quarter: 1 },
			to: { year: 2026, quarter: 1 },
			ownOrganisationIds: [],
			locale: 'de'
		});
		expect(later.series[0]!.points[0]!.changeToLastYear).toBeCloseTo(-0.8, 10);
	});

	it('shows the median of the definition in force in each quarter', () => {
		expect(trend.median[0]).toBe(4.75);
		expect(trend.median[1]).toBe(6.4);
		// 2025 Q4: Aachen's value under the old definition has a median of its own, not shown
		expect(trend.median[4]).toBe(5);
		expect(trend.median[2]).toBeNull();
		expect(trend.series[0]!.points[4]!.otherDefinition).toBe(false);
	});

	it('passes on every quarter with a value for the range pickers', () => {
		expect(trend.available.map((q) => `${q.year}-${q.quarter}`)).toEqual([
			'2024-4',
			'2025-1',
			'2025-4'
		]);
	});
});
