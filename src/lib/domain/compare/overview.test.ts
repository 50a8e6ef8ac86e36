import { describe, expect, it } from 'vitest';
import { assembleScorecard } from '../scorecard/assemble';
import type { MeasurementRow, StructureRow, VersionRow } from '../scorecard/types';
import {
	keyKpis,
	movers,
	overviewRows,
	perspectiveColumns,
	positions,
	ringQuarter,
	standing,
	type OverviewInput
} from './overview';
import type { CityValueRow } from './types';

const structure = (
	kpiId: number,
	code: string,
	over: Partial<StructureRow> = {}
): StructureRow => ({
	perspectiveId: 1,
	perspectiveKey: 'customers',
	perspectiveNameDe: 'Bürger / Kunden',
	perspectiveNameEn: 'Citizens and customers',
	objectiveId: 10,
	objectiveTitle: 'Erreichbar sein',
	objectiveDescription: '',
	objectiveOwner: '',
	scorecardKpiId: kpiId * 10,
	kpiId,
	kpiCode: code,
	kpiIsLocal: false,
	weight: '1',
	...over
});

const version = (kpiId: number, over: Partial<VersionRow> = {}): VersionRow => ({
	id: kpiId,
	kpiId,
	validFromYear: 2020,
	validFromQuarter: 1,
	nameDe: `Kennzahl ${kpiId}`,
	nameEn: `KPI ${kpiId}`,
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
	...over
});

const value = (
	kpiId: number,
	quarter: number,
	v: string,
	state: MeasurementRow['state'] = 'released'
): MeasurementRow => ({
	kpiId,
	kpiVersionId: kpiId,
	year: 2026,
	quarter,
	value: v,
	state,
	comment: ''
});

// KPI 1: common target, 70 → 74 (score 75 → 95); KPI 2: no common target (city target), 80 → 70;
// KPI 3: local, 90 → 60; KPI 4: lower is better, days, 8 → 9 within green (no movement).
const d115 = assembleScorecard({
	structure: [
		structure(1, 'D115-SL30'),
		structure(2, 'D115-ELQ', {
			perspectiveId: 2,
			perspectiveKey: 'processes',
			perspectiveNameDe: 'Prozesse',
			objectiveId: 20
		}),
		structure(3, 'K-LOKAL', { kpiIsLocal: true, objectiveId: 10 }),
		structure(4, 'D115-WARTE', { objectiveId: 10 })
	],
	versions: [
		version(1),
		version(2, { greenMin: null, yellowMin: null }),
		version(3, { greenMin: null, yellowMin: null }),
		version(4, {
			unit: 'days',
			polarity: 'lower_is_better',
			greenMin: null,
			greenMax: '10',
			yellowMin: null,
			yellowMax: '12'
		})
	],
	targets: [
		{
			scorecardKpiId: 20,
			year: 2026,
			greenMin: '80',
			greenMax: null,
			yellowMin: '60',
			yellowMax: null
		},
		{
			scorecardKpiId: 30,
			year: 2026,
			greenMin: '85',
			greenMax: null,
			yellowMin: '65',
			yellowMax: null
		}
	],
	measurements: [
		value(1, 2, '70'),
		value(1, 3, '74', 'draft'),
		value(2, 2, '80'),
		value(2, 3, '70'),
		value(3, 2, '90'),
		value(3, 3, '60'),
		value(4, 2, '8'),
		value(4, 3, '9')
	],
	locale: 'de'
});
const field = { slug: 'service-center-d115', name: 'D115' };
const inputs: OverviewInput[] = [
	{ field, scorecard: d115 },
	{ field: { slug: 'geschaeftsprozessoptimierung', name: 'GPO' }, scorecard: null }
];
const versionOf = (kpiId: number) => ({ versionId: kpiId, hasTarget: kpiId === 1 || kpiId === 4 });

describe('mayors overview', () => {
	it('lists each scorecard with its roll-up and perspectives, unbuilt ones too', () => {
		const rows = overviewRows(inputs);
		expect(rows[0]).toMatchObject({
			built: true,
			latestQuarter: { year: 2026, quarter: 3 },
			unreleased: 1
		});
		expect(rows[0]!.rollup).toEqual(d115.rollup);
		expect(rows[0]!.perspectives.map((p) => p.column)).toEqual(['customers', 'processes']);
		expect(rows[1]).toMatchObject({ built: false, rollup: null, perspectives: [], unreleased: 0 });
		expect(perspectiveColumns(rows)).toEqual([
			{ column: 'customers', name: 'Bürger / Kunden' },
			{ column: 'processes', name: 'Prozesse' }
		]);
	});

	it('ranks movers by score change, best first, and ignores changes inside green', () => {
		const { improvements, declines } = movers(inputs, false);
		// KPI 1: 70 → 74 against 75/65: 50 + 30·(1 − 5/10) = 65 → 50 + 30·(1 − 1/10) = 77: +12
		expect(improvements.map((x) => [x.code, x.scoreChange])).toEqual([['D115-SL30', 12]]);
		expect(improvements[0]!.after.state).toBe('draft');
		// K-LOKAL: 90 → 60 against 85/65: 100 → 37.5 (red: 50 · (1 − 5/20)) = −62.5;
		// D115-ELQ: 80 → 70 against 80/60: 100 → 50 + 30·(1 − 10/20) = 65 = −35. The worst decline first.
		expect(declines.map((x) => [x.code, x.scoreChange])).toEqual([
			['K-LOKAL', -62.5],
			['D115-ELQ', -35]
		]);
		expect(declines[1]!.valueChange).toBe(-10);
	});

	it('takes KPIs with a common target as key, or else the first shared one, never a local one', () => {
		const keys = keyKpis(inputs, (id) => versionOf(id), false);
		expect(keys.map((k) => [k.code, k.reason])).toEqual([
			['D115-SL30', 'common_target'],
			['D115-WARTE', 'common_target']
		]);
		const none = keyKpis(inputs, (id) => ({ versionId: id, hasTarget: false }), false);
		expect(none.map((k) => [k.code, k.reason])).toEqual([['D115-SL30', 'first_shared']]);
		expect(none[0]).toMatchObject({
			value: 74,
			state: 'draft',
			quarter: { year: 2026, quarter: 3 }
		});
	});

	it("places the city's value against the median of the ring's released values", () => {
		const keys = keyKpis(inputs, (id) => versionOf(id), false);
		const ring = (
			kpiId: number,
			value: string,
			over: Partial<CityValueRow> = {}
		): CityValueRow => ({
			organisationId: Number(value),
			kpiId,
			kpiVersionId: kpiId,
			year: 2026,
			quarter: 3,
			value,
			state: 'released',
			...over
		});
		const [sl30, wait] = positions(keys, [
			ring(1, '70'),
			ring(1, '72'),
			ring(1, '80'),
			ring(1, '90', { state: 'submitted' }),
			ring(1, '95', { kpiVersionId: 99 }),
			ring(1, '99', { quarter: 2 }),
			ring(4, '9'),
			ring(4, '11')
		]);
		// released, same quarter, same definition: 70, 72, 80 → median 72; 74 is better
		expect(sl30).toMatchObject({ median: 72, count: 3, standing: 'better', ringQuarter: 2 });
		// 9 days against 9 and 11: median 10; fewer days are better
		expect(wait).toMatchObject({ median: 10, count: 2, standing: 'better', ringQuarter: 1 });
		expect(positions(keys, [])[0]).toMatchObject({
			median: null,
			count: 0,
			standing: null,
			ringQuarter: null
		});
	});

	it('says better or worse by polarity, above or below in a corridor', () => {
		expect(standing(5, 4, 'higher_is_better')).toBe('better');
		expect(standing(5, 4, 'lower_is_better')).toBe('worse');
		expect(standing(4, 4, 'lower_is_better')).toBe('equal');
		expect(standing(5, 4, 'target_band')).toBe('above');
		expect(standing(3, 4, 'target_band')).toBe('below');
		expect(ringQuarter('top', 'higher_is_better')).toBe(1);
		expect(ringQuarter('top', 'lower_is_better')).toBe(4);
		expect(ringQuarter('bottom', 'lower_is_better')).toBe(1);
		expect(ringQuarter('top', 'target_band')).toBeNull();
	});
});
