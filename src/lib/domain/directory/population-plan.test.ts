import { describe, expect, it } from 'vitest';
import { checkRows } from './official-rows';
import { planPopulationLoad, type DirectoryEntry } from './population-plan';

const directory = new Map<string, DirectoryEntry>([
	[
		'05315000',
		{
			ags: '05315000',
			name: 'Köln',
			kreis: 'kreisfrei',
			regierungsbezirk: 'Köln',
			current: 1_017_355
		}
	],
	[
		'05314000',
		{
			ags: '05314000',
			name: 'Bonn',
			kreis: 'kreisfrei',
			regierungsbezirk: 'Köln',
			current: 321_544
		}
	],
	[
		'05554004',
		{ ags: '05554004', name: 'Ahaus', kreis: 'Borken', regierungsbezirk: 'Münster', current: null }
	]
]);

const row = (ags: string, name: string, kreis: string, rb: string, n: string) => ({
	ags,
	name,
	kreis,
	regierungsbezirk: rb,
	einwohner_zensus_2022: n
});

describe('planPopulationLoad', () => {
	it('lists changed figures, counts unchanged ones and refuses bad rows with their reasons', () => {
		const { rows, refusals } = checkRows([
			row('05315000', 'Köln', 'kreisfrei', 'Köln', '1.017.979'),
			row('05314000', 'Bonn', 'kreisfrei', 'Köln', '321544'),
			row('5554004', 'Ahaus', 'Borken', 'Münster', '39443'),
			row('05315000', 'Köln', 'kreisfrei', 'Köln', '1'),
			row('05999999', 'Nirgendwo', 'kreisfrei', 'Arnsberg', '100'),
			row('05314000', 'Bonn', 'Rhein-Sieg-Kreis', 'Köln', '-5'),
			row('09162000', 'München', 'kreisfrei', 'Oberbayern', '1500000'),
			row('05111000', 'Düsseldorf', 'kreisfrei', 'Köln', '611258')
		]);
		const plan = planPopulationLoad(rows, refusals, directory);
		expect(plan.changes).toEqual([
			{ ags: '05315000', name: 'Köln', before: 1_017_355, after: 1_017_979 },
			{ ags: '05554004', name: 'Ahaus', before: null, after: 39_443 }
		]);
		expect(plan.unchanged).toBe(1);
		expect(plan.refusals).toEqual([
			{ line: 5, ags: '05315000', problems: ['duplicate_ags'] },
			{ line: 6, ags: '05999999', problems: ['ags_unknown'] },
			{ line: 7, ags: '05314000', problems: ['inhabitants_invalid', 'duplicate_ags'] },
			{ line: 8, ags: '09162000', problems: ['ags_not_nrw', 'regierungsbezirk_mismatch'] },
			{ line: 9, ags: '05111000', problems: ['regierungsbezirk_mismatch'] }
		]);
	});
});
