import { describe, expect, it } from 'vitest';
import { buildHeatmap, type HeatmapCellRow, type HeatmapDefinitionRow } from './heatmap';
import { parsePeriod } from './period';

const definition = (over: Partial<HeatmapDefinitionRow> = {}): HeatmapDefinitionRow => ({
	id: 1,
	kpiId: 10,
	code: 'D115-SL30',
	kpiSortOrder: 1,
	validFromYear: 2020,
	validFromQuarter: 1,
	nameDe: 'Servicelevel',
	nameEn: 'Service level',
	definitionDe: '',
	definitionEn: '',
	unit: 'percent',
	decimals: 1,
	polarity: 'higher_is_better',
	aggregation: 'mean',
	denominator: 'none',
	source: '',
	plausibleChangePercent: null,
	greenMin: '75',
	greenMax: null,
	yellowMin: '65',
	yellowMax: null,
	// The column statistics come with the definitions, computed in the database
	// (tests/integration/heatmap-statistics.test.ts: which values count, and how).
	median: null,
	statisticsCount: 0,
	...over
});

const cell = (over: Partial<HeatmapCellRow> = {}): HeatmapCellRow => ({
	organisationId: 1,
	citySlug: 'koeln',
	cityName: 'Köln',
	kpiId: 10,
	year: 2026,
	quarter: 3,
	value: '80.0',
	state: 'released',
	kpiVersionId: 1,
	hasComment: false,
	targetGreenMin: null,
	targetGreenMax: null,
	targetYellowMin: null,
	targetYellowMax: null,
	...over
});

const essen = { organisationId: 2, citySlug: 'essen', cityName: 'Essen' };
const empty = {
	year: null,
	quarter: null,
	value: null,
	state: null,
	kpiVersionId: null,
	hasComment: null
};

describe('buildHeatmap', () => {
	it('judges each cell against the common target and gives a city without value no data', () => {
		const map = buildHeatmap({
			definitions: [definition({ median: 70, statisticsCount: 1 })],
			cells: [cell({ value: '70.0' }), cell({ ...essen, ...empty })],
			period: parsePeriod('2026-Q3')!,
			ownOrganisationIds: [],
			locale: 'de'
		});
		expect(map.columns).toMatchObject([
			{
				code: 'D115-SL30',
				name: 'Servicelevel',
				commonTarget: { greenMin: 75 },
				median: 70,
				statisticsCount: 1
			}
		]);
		expect(map.rows.map((r) => r.name)).toEqual(['Köln', 'Essen']);
		// d = 5 below 75 over a yellow width of 10: 50 + 30 · 0.5 = 65
		expect(map.rows[0]!.cells[0]).toMatchObject({
			value: 70,
			status: 'yellow',
			score: 65,
			targetSource: 'field'
		});
		expect(map.rows[1]!.cells[0]).toMatchObject({ value: null, status: 'no_data', state: null });
	});

	it("lets a city's own target for the year win, as on its scorecard", () => {
		const map = buildHeatmap({
			definitions: [definition()],
			cells: [cell({ value: '70.0', targetGreenMin: '68', targetYellowMin: '60' })],
			period: parsePeriod('2026-Q3')!,
			ownOrganisationIds: [],
			locale: 'en'
		});
		expect(map.columns[0]!.name).toBe('Service level');
		expect(map.rows[0]!.cells[0]).toMatchObject({ status: 'green', targetSource: 'city' });
	});

	it("marks the own city's unreleased values and counts them", () => {
		const map = buildHeatmap({
			definitions: [definition()],
			cells: [cell({ state: 'draft', hasComment: true }), cell({ ...essen })],
			period: parsePeriod('2026-Q3')!,
			ownOrganisationIds: [1],
			locale: 'de'
		});
		expect(map.rows[0]).toMatchObject({ own: true, cells: [{ state: 'draft', hasComment: true }] });
		expect(map.rows[1]).toMatchObject({ own: false, cells: [{ state: 'released' }] });
		expect(map.unreleasedCells).toBe(1);
	});

	it('forms the yearly figure by the aggregation and keeps the least released state', () => {
		const year = [
			cell({ quarter: 1, value: '70', year: 2025 }),
			cell({ quarter: 2, value: '74', year: 2025 }),
			cell({ quarter: 3, value: '78', year: 2025, state: 'submitted' }),
			cell({ quarter: 4, value: '82', year: 2025 })
		];
		const map = buildHeatmap({
			definitions: [definition()],
			cells: year,
			period: parsePeriod('2025')!,
			ownOrganisationIds: [1],
			locale: 'de'
		});
		// (70 + 74 + 78 + 82) / 4 = 76 → green
		expect(map.rows[0]!.cells[0]).toMatchObject({
			value: 76,
			status: 'green',
			quartersWithData: 4,
			complete: true,
			state: 'submitted'
		});
	});

	it('flags a definition change inside the period and values under another definition', () => {
		const v1 = definition({ median: 81, statisticsCount: 1 });
		const v2 = definition({
			id: 2,
			validFromYear: 2025,
			validFromQuarter: 1,
			greenMin: '80',
			median: 81.5,
			statisticsCount: 2
		});
		const map = buildHeatmap({
			definitions: [v1, v2],
			cells: [
				cell({ year: 2025, quarter: 1, value: '81', kpiVersionId: 2 }),
				cell({ ...essen, year: 2025, quarter: 1, value: '81', kpiVersionId: 1 })
			],
			period: parsePeriod('2025-Q1')!,
			ownOrganisationIds: [],
			locale: 'de'
		});
		expect(map.columns[0]!.definitionChangedFrom).toEqual({ year: 2025, quarter: 1 });
		expect(map.columns[0]!.commonTarget?.greenMin).toBe(80);
		expect(map.rows[0]!.cells[0]!.otherVersionFrom).toBeNull();
		expect(map.rows[1]!.cells[0]!.otherVersionFrom).toEqual({ year: 2020, quarter: 1 });
		// The median of the definition in force, not of the earlier one.
		expect(map.columns[0]).toMatchObject({ median: 81.5, statisticsCount: 2 });
		// A later quarter is judged by the same definition, but it did not change there.
		const later = buildHeatmap({
			definitions: [v1, v2],
			cells: [cell({ year: 2025, quarter: 2, kpiVersionId: 2 })],
			period: parsePeriod('2025-Q2')!,
			ownOrganisationIds: [],
			locale: 'de'
		});
		expect(later.columns[0]!.definitionChangedFrom).toBeNull();
	});

	it('orders columns by the catalogue and counts a KPI twice on a scorecard once', () => {
		const map = buildHeatmap({
			definitions: [
				definition({ id: 5, kpiId: 20, code: 'D115-ELQ', kpiSortOrder: 2 }),
				definition({ id: 1, kpiId: 10, code: 'D115-SL30', kpiSortOrder: 1 })
			],
			cells: [
				cell({ kpiId: 20, kpiVersionId: 5, year: 2025, quarter: 4, value: '50' }),
				cell({
					kpiId: 20,
					kpiVersionId: 5,
					year: 2025,
					quarter: 4,
					value: '50',
					targetGreenMin: '40'
				}),
				cell({ kpiId: 10, ...empty })
			],
			period: parsePeriod('2025')!,
			ownOrganisationIds: [],
			locale: 'de'
		});
		expect(map.columns.map((c) => c.code)).toEqual(['D115-SL30', 'D115-ELQ']);
		expect(map.rows[0]!.cells[1]).toMatchObject({
			value: 50,
			quartersWithData: 1,
			complete: false,
			targetSource: 'city'
		});
	});
});
