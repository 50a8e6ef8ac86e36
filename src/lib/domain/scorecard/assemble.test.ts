import { describe, expect, it } from 'vitest';
import { assembleScorecard } from './assemble';
import type { MeasurementRow, StructureRow, TargetRow, VersionRow } from './types';

const structureRow = (over: Partial<StructureRow> = {}): StructureRow => ({
	perspectiveId: 1,
	perspectiveKey: 'customers',
	perspectiveNameDe: 'Bürger / Kunden',
	perspectiveNameEn: 'Citizens and customers',
	objectiveId: 10,
	objectiveTitle: 'Erreichbarkeit sichern',
	objectiveDescription: '',
	objectiveOwner: 'Leitung 115',
	scorecardKpiId: 100,
	kpiId: 1000,
	kpiCode: 'D115-SL30',
	kpiIsLocal: false,
	weight: '1.00',
	...over
});

const version = (over: Partial<VersionRow> = {}): VersionRow => ({
	id: 1,
	kpiId: 1000,
	validFromYear: 2020,
	validFromQuarter: 1,
	nameDe: 'Servicelevel',
	nameEn: 'Service level',
	definitionDe: 'Anteil der Anrufe, die innerhalb von 30 Sekunden angenommen werden.',
	definitionEn: 'Share of calls answered within 30 seconds.',
	unit: 'percent',
	decimals: 1,
	polarity: 'higher_is_better',
	aggregation: 'mean',
	denominator: 'none',
	source: 'ACD-Statistik',
	plausibleChangePercent: 20,
	greenMin: '75',
	greenMax: null,
	yellowMin: '65',
	yellowMax: null,
	...over
});

const value = (
	year: number,
	quarter: number,
	v: string,
	over: Partial<MeasurementRow> = {}
): MeasurementRow => ({
	kpiId: 1000,
	kpiVersionId: 1,
	year,
	quarter,
	value: v,
	state: 'released',
	comment: '',
	...over
});

describe('assembleScorecard', () => {
	it('reports the latest value against the field target and fills gaps with no data', () => {
		const view = assembleScorecard({
			structure: [structureRow()],
			versions: [version()],
			targets: [],
			measurements: [value(2026, 1, '80.0'), value(2026, 3, '70.5')],
			locale: 'de'
		});
		const kpi = view.perspectives[0]!.objectives[0]!.kpis[0]!;
		expect(view.latestQuarter).toEqual({ year: 2026, quarter: 3 });
		expect(kpi.series).toHaveLength(12);
		expect(kpi.latest?.value).toBe(70.5);
		expect(kpi.status).toBe('yellow');
		expect(kpi.targetSource).toBe('field');
		expect(kpi.series.find((p) => p.year === 2026 && p.quarter === 2)?.status).toBe('no_data');
		expect(view.perspectives[0]!.statusCounts.yellow).toBe(1);
	});

	it("lets the city's yearly target override the field's", () => {
		const targets: TargetRow[] = [
			{
				scorecardKpiId: 100,
				year: 2026,
				greenMin: '70',
				greenMax: null,
				yellowMin: '60',
				yellowMax: null
			}
		];
		const view = assembleScorecard({
			structure: [structureRow()],
			versions: [version()],
			targets,
			measurements: [value(2026, 3, '70.5')],
			locale: 'en'
		});
		const kpi = view.perspectives[0]!.objectives[0]!.kpis[0]!;
		expect(kpi.status).toBe('green');
		expect(kpi.targetSource).toBe('city');
		expect(kpi.name).toBe('Service level');
	});

	it('marks the quarter where values switch to a new definition version', () => {
		const versions = [
			version(),
			version({ id: 2, validFromYear: 2025, validFromQuarter: 1, nameDe: 'Servicelevel (neu)' })
		];
		const view = assembleScorecard({
			structure: [structureRow()],
			versions,
			targets: [],
			measurements: [
				value(2024, 3, '76'),
				value(2024, 4, '77'),
				value(2025, 1, '78', { kpiVersionId: 2 }),
				value(2025, 2, '79', { kpiVersionId: 2 })
			],
			locale: 'de'
		});
		const kpi = view.perspectives[0]!.objectives[0]!.kpis[0]!;
		const breaks = kpi.series.filter((p) => p.definitionBreak).map((p) => `${p.year}-${p.quarter}`);
		expect(breaks).toEqual(['2025-1']);
		expect(kpi.name).toBe('Servicelevel (neu)');
	});

	it('marks a new definition where it takes effect, even before any value uses it', () => {
		const versions = [
			version(),
			version({ id: 2, validFromYear: 2026, validFromQuarter: 2, nameDe: 'Servicelevel 20 s' })
		];
		const view = assembleScorecard({
			structure: [structureRow()],
			versions,
			targets: [],
			// Values entered before the field lead versioned the KPI keep version 1.
			measurements: [value(2026, 1, '76'), value(2026, 2, '77'), value(2026, 3, '78')],
			locale: 'de'
		});
		const kpi = view.perspectives[0]!.objectives[0]!.kpis[0]!;
		const breaks = kpi.series.filter((p) => p.definitionBreak).map((p) => `${p.year}-${p.quarter}`);
		expect(breaks).toEqual(['2026-2']);
	});

	it('scores each KPI and rolls up with weights re-normalised over KPIs with data', () => {
		const view = assembleScorecard({
			structure: [
				structureRow({ scorecardKpiId: 100, kpiId: 1000, weight: '2.00' }),
				structureRow({ scorecardKpiId: 101, kpiId: 1001, kpiCode: 'D115-FCR', weight: '1.00' }),
				structureRow({ scorecardKpiId: 102, kpiId: 1002, kpiCode: 'D115-X', weight: '1.00' })
			],
			versions: [version(), version({ id: 2, kpiId: 1001 }), version({ id: 3, kpiId: 1002 })],
			targets: [],
			measurements: [
				// 80 ≥ 75: green, score 100. 70 in yellow [65, 75): 50 + 30·(1 − 5/10) = 65.
				value(2026, 3, '80'),
				value(2026, 3, '70', { kpiId: 1001, kpiVersionId: 2 })
				// D115-X has no value: no_data, its weight drops out.
			],
			locale: 'de'
		});
		const objective = view.perspectives[0]!.objectives[0]!;
		expect(objective.kpis.map((k) => k.score)).toEqual([100, 65, null]);
		// (2·100 + 1·65) / 3 = 88.3; 2 of 3 KPIs scored.
		expect(objective.rollup.score).toBe(88.3);
		expect(objective.rollup.status).toBe('green');
		expect(objective.rollup.scoredCount).toBe(2);
		expect(objective.rollup.kpiCount).toBe(3);
		expect(view.perspectives[0]!.rollup.score).toBe(88.3);
		expect(view.rollup.coverage).toBeCloseTo(2 / 3);
	});

	it('forms the yearly figure by the aggregation and judges it against the year target', () => {
		const view = assembleScorecard({
			structure: [structureRow()],
			versions: [version({ aggregation: 'sum', greenMin: '300', yellowMin: '280' })],
			targets: [],
			measurements: [
				value(2025, 1, '70'),
				value(2025, 2, '80'),
				value(2025, 3, '75'),
				value(2025, 4, '70')
			],
			locale: 'de'
		});
		const kpi = view.perspectives[0]!.objectives[0]!.kpis[0]!;
		// 70 + 80 + 75 + 70 = 295: below 300, inside yellow from 280.
		expect(kpi.yearly).toMatchObject({ year: 2025, value: 295, complete: true, status: 'yellow' });
	});

	it('keeps empty perspectives and says there is no data when nothing was released', () => {
		const view = assembleScorecard({
			structure: [
				structureRow(),
				structureRow({
					perspectiveId: 2,
					perspectiveKey: 'finance',
					objectiveId: null,
					scorecardKpiId: null,
					kpiId: null,
					kpiCode: null
				})
			],
			versions: [version()],
			targets: [],
			measurements: [],
			locale: 'de'
		});
		expect(view.latestQuarter).toBeNull();
		expect(view.perspectives).toHaveLength(2);
		expect(view.perspectives[1]!.objectives).toEqual([]);
		expect(view.perspectives[0]!.objectives[0]!.kpis[0]!.status).toBe('no_data');
	});
});
