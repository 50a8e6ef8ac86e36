import { describe, expect, it } from 'vitest';
import { buildComparison, type ComparisonInput, type ComparisonRow } from './comparison';

const population = (inhabitants: number) => ({
	inhabitants,
	referenceDate: '2022-05-15',
	source: 'Zensus 2022',
	estimate: false
});

let nextId = 1;
function city(
	name: string,
	values: (number | null)[],
	options: Partial<ComparisonRow> & { inhabitants?: number } = {}
): ComparisonRow[] {
	const organisationId = options.organisationId ?? nextId++;
	const base = {
		organisationId,
		slug: name.toLowerCase(),
		name,
		population: population(options.inhabitants ?? 100_000),
		caseCount: null,
		state: 'released' as const,
		kpiVersionId: 1,
		comment: '',
		cityTarget: null,
		...options
	};
	if (values.every((v) => v === null))
		return [{ ...base, quarter: null, value: null, state: null, kpiVersionId: null }];
	return values.flatMap((value, i) => (value === null ? [] : [{ ...base, quarter: i + 1, value }]));
}

const d115: ComparisonInput['kpi'] = {
	polarity: 'higher_is_better',
	aggregation: 'mean',
	denominator: 'none',
	versionId: 1,
	commonTarget: { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null }
};
const quarter3 = { kind: 'quarter' as const, year: 2026, quarter: 3 };

describe('buildComparison', () => {
	it('sorts best first, ranks, judges against the common target and computes the spread', () => {
		const c = buildComparison({
			kpi: d115,
			period: quarter3,
			basis: 'defined',
			rows: [...city('Essen', [80]), ...city('Hagen', [60]), ...city('Köln', [72])],
			ownOrganisations: [],
			group: null
		});
		expect(c.entries.map((e) => [e.name, e.rank, e.status])).toEqual([
			['Essen', 1, 'green'],
			['Köln', 2, 'yellow'],
			['Hagen', 3, 'red']
		]);
		expect(c.distribution).toMatchObject({ min: 60, median: 72, max: 80, count: 3 });
		expect(c.ranked).toBe(true);
	});

	it("shows the own city's draft, marked, but leaves it out of ranking and statistics", () => {
		const c = buildComparison({
			kpi: d115,
			period: quarter3,
			basis: 'defined',
			rows: [
				...city('Essen', [80]),
				...city('Köln', [90], { organisationId: 500, state: 'draft' })
			],
			ownOrganisations: [500],
			group: null
		});
		const koeln = c.entries.find((e) => e.name === 'Köln')!;
		expect(koeln).toMatchObject({ own: true, released: false, rank: null });
		expect(c.distribution).toMatchObject({ count: 1, median: 80 });
	});

	it('flags values under another definition and keeps them out of the statistics', () => {
		const c = buildComparison({
			kpi: d115,
			period: quarter3,
			basis: 'defined',
			rows: [...city('Essen', [80]), ...city('Hamm', [70], { kpiVersionId: 2 })],
			ownOrganisations: [],
			group: null
		});
		expect(c.entries.find((e) => e.name === 'Hamm')).toMatchObject({
			otherDefinition: true,
			rank: null
		});
		expect(c.distribution?.count).toBe(1);
	});

	it('lists participants without a value as missing, never as zero', () => {
		const c = buildComparison({
			kpi: d115,
			period: quarter3,
			basis: 'defined',
			rows: [...city('Essen', [80]), ...city('Bochum', [null])],
			ownOrganisations: [],
			group: null
		});
		expect(c.entries).toHaveLength(1);
		expect(c.missing).toEqual([{ slug: 'bochum', name: 'Bochum' }]);
	});

	it('gives a band KPI no ranking and sorts it by value', () => {
		const c = buildComparison({
			kpi: { ...d115, polarity: 'target_band', commonTarget: null },
			period: quarter3,
			basis: 'defined',
			rows: [...city('A', [5]), ...city('B', [7])],
			ownOrganisations: [],
			group: null
		});
		expect(c.ranked).toBe(false);
		expect(c.entries.map((e) => [e.name, e.rank, e.status])).toEqual([
			['B', null, 'no_target'],
			['A', null, 'no_target']
		]);
	});

	it('scales per-1,000-inhabitant values back to totals, without target or ranking', () => {
		// 1,250 € per 1,000 inhabitants × 1,017,355 / 1,000 = 1,271,693.75 €.
		const kpi = {
			...d115,
			polarity: 'lower_is_better' as const,
			denominator: 'per_1000_inhabitants' as const,
			commonTarget: { greenMin: null, greenMax: 1300, yellowMin: null, yellowMax: 1400 }
		};
		const rows = [
			...city('Köln', [1250], { inhabitants: 1_017_355 }),
			...city('Hamm', [1400], { inhabitants: 179_070 })
		];
		const defined = buildComparison({
			kpi,
			period: quarter3,
			basis: 'defined',
			rows,
			ownOrganisations: [],
			group: null
		});
		expect(defined.entries.map((e) => [e.name, e.value, e.rank])).toEqual([
			['Köln', 1250, 1],
			['Hamm', 1400, 2]
		]);
		const absolute = buildComparison({
			kpi,
			period: quarter3,
			basis: 'absolute',
			rows,
			ownOrganisations: [],
			group: null
		});
		expect(absolute.entries.map((e) => [e.name, e.value, e.rank, e.status])).toEqual([
			['Köln', 1_271_693.75, null, 'no_target'],
			['Hamm', 250_698, null, 'no_target']
		]);
		expect(absolute.target).toBeNull();
		expect(absolute.ranked).toBe(false);
	});

	it('multiplies per-case values by the cases, and misses a city that gave no case count', () => {
		const kpi = { ...d115, polarity: 'lower_is_better' as const, denominator: 'per_case' as const };
		const c = buildComparison({
			kpi,
			period: quarter3,
			basis: 'absolute',
			rows: [...city('Essen', [4.5], { caseCount: 1000 }), ...city('Hagen', [5])],
			ownOrganisations: [],
			group: null
		});
		expect(c.entries.map((e) => [e.name, e.value])).toEqual([['Essen', 4500]]);
		expect(c.missing.map((m) => m.name)).toEqual(['Hagen']);
	});

	it('forms the year by the aggregation and marks a mean of fewer than four quarters', () => {
		const year = { kind: 'year' as const, year: 2025 };
		const c = buildComparison({
			kpi: d115,
			period: year,
			basis: 'defined',
			rows: [...city('Essen', [70, 80, 75, 75]), ...city('Hagen', [60, null, 70, null])],
			ownOrganisations: [],
			group: null
		});
		expect(c.entries.map((e) => [e.name, e.value, e.incomplete])).toEqual([
			['Essen', 75, false],
			['Hagen', 65, true]
		]);
		const sum = buildComparison({
			kpi: { ...d115, aggregation: 'sum' },
			period: year,
			basis: 'defined',
			rows: [...city('Essen', [1, 2, 3, 4]), ...city('Hagen', [1, 2, 3, null])],
			ownOrganisations: [],
			group: null
		});
		// A partial sum would understate the year: Hagen has no yearly figure.
		expect(sum.entries.map((e) => [e.name, e.value])).toEqual([['Essen', 10]]);
		expect(sum.missing.map((m) => m.name)).toEqual(['Hagen']);
	});

	it('keeps only the members of the chosen peer group', () => {
		const rows = [
			...city('Essen', [80], { organisationId: 900 }),
			...city('Hagen', [60], { organisationId: 901 })
		];
		const c = buildComparison({
			kpi: d115,
			period: quarter3,
			basis: 'defined',
			rows,
			ownOrganisations: [],
			group: new Set([901])
		});
		expect(c.entries.map((e) => e.name)).toEqual(['Hagen']);
		expect(c.distribution?.count).toBe(1);
	});

	it('carries each quarter’s comment on a red or amber value, judged as on the city’s scorecard', () => {
		const noted = (
			name: string,
			values: number[],
			comments: string[],
			options: Partial<ComparisonRow> = {}
		) => city(name, values, options).map((r, i) => ({ ...r, comment: comments[i] ?? '' }));
		const c = buildComparison({
			kpi: d115,
			period: { kind: 'year', year: 2026 },
			basis: 'defined',
			// 80 green, 70 amber, 50 red, 90 green against the common target (75 / 65).
			rows: [
				...noted('Bonn', [80, 70, 50, 90], ['gut', 'Umstellung', 'Streik', 'wieder gut']),
				// Essen's own target (green from 40) makes its 50 green: its comment stays home.
				...noted('Essen', [50], ['eigenes Ziel erreicht'], {
					cityTarget: { greenMin: '40', greenMax: null, yellowMin: null, yellowMax: null }
				}),
				...noted('Hamm', [50, 50], ['', '  '])
			],
			ownOrganisations: [],
			group: null
		});
		const notes = Object.fromEntries(c.entries.map((e) => [e.name, e.notes]));
		expect(notes['Bonn']).toEqual([
			{ quarter: 2, text: 'Umstellung' },
			{ quarter: 3, text: 'Streik' }
		]);
		expect(notes['Essen']).toEqual([]);
		expect(notes['Hamm']).toEqual([]);
	});
});
