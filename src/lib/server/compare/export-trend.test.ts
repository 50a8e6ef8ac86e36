import { describe, expect, it } from 'vitest';
import { trendTable } from './export-trend';
import type { TrendPage } from './trend-page';

const field = { id: 7, slug: 'personal-management', nameDe: 'Personal', nameEn: 'HR' };
const point = (quarter: number, value: number | null, over = {}) => ({
	year: 2025,
	quarter,
	value,
	state: value === null ? null : ('released' as const),
	otherDefinition: false,
	sameQuarterLastYear: 5.5,
	lastYearOtherDefinition: false,
	changeToLastYear: value === null ? null : value - 5.5,
	note: null,
	...over
});
const page: TrendPage = {
	fields: [field],
	field,
	kpis: [{ code: 'PERS-KRANK', nameDe: 'Krankenquote', nameEn: 'Sick leave' }],
	code: 'PERS-KRANK',
	chosen: ['koeln'],
	dropped: [],
	groups: [],
	group: null,
	ownGroups: [],
	trend: {
		kpi: {
			kpiId: 1,
			name: 'Krankenquote',
			unit: 'percent',
			decimals: 1,
			polarity: 'lower_is_better'
		},
		quarters: [
			{ year: 2025, quarter: 1 },
			{ year: 2025, quarter: 2 }
		],
		available: [],
		cities: [],
		series: [
			{
				organisationId: 1,
				slug: 'koeln',
				name: 'Köln',
				own: true,
				points: [
					point(1, 6.4, { lastYearOtherDefinition: true, changeToLastYear: null }),
					point(2, 6.1, { state: 'draft', note: 'Krankheitswelle' })
				]
			}
		],
		targetMin: [null, null],
		targetMax: [6, 6],
		median: [6.2, null],
		breaks: [0]
	}
};

describe('trend export', () => {
	it('writes one row per city and quarter with last year, change, note, median and target', () => {
		const table = trendTable(page, 'de');
		expect(table.headers.slice(0, 5)).toEqual(['Stadt', 'Kennung', 'Kennzahl', 'Quartal', 'Wert']);
		expect(table.rows).toEqual([
			[
				'Köln',
				'PERS-KRANK',
				'Krankenquote',
				'Q1/2025',
				6.4,
				'Prozent',
				'freigegeben',
				5.5,
				null,
				'eigene Stadt; Definitionswechsel; andere Definition',
				'',
				6.2,
				null,
				6
			],
			[
				'Köln',
				'PERS-KRANK',
				'Krankenquote',
				'Q2/2025',
				6.1,
				'Prozent',
				'Entwurf',
				5.5,
				0.6,
				'eigene Stadt; noch nicht freigegeben',
				'Krankheitswelle',
				null,
				null,
				6
			]
		]);
		expect(table.baseName).toBe('verlauf-PERS-KRANK-2025-Q1-2025-Q2');
	});

	it('writes only headers when there is nothing to show', () => {
		const table = trendTable({ ...page, code: null, trend: null }, 'de');
		expect(table.rows).toEqual([]);
		expect(table.baseName).toBe('verlauf-personal-management');
	});
});
