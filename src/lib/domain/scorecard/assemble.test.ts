import { describe, expect, it } from 'vitest';
import { assembleScorecard, versionAt } from './assemble';
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

describe('versionAt', () => {
	it('picks the newest version valid in the quarter', () => {
		const versions = [version(), version({ id: 2, validFromYear: 2025, validFromQuarter: 1 })];
		expect(versionAt(versions, { year: 2024, quarter: 4 })?.id).toBe(1);
		expect(versionAt(versions, { year: 2025, quarter: 1 })?.id).toBe(2);
		expect(versionAt(versions, { year: 2019, quarter: 4 })).toBeUndefined();
	});
});
