import { describe, expect, it } from 'vitest';
import { rankByPolarity } from './ranking';

const cities = [
	{ city: 'Köln', value: 71 },
	{ city: 'Essen', value: 80 },
	{ city: 'Hagen', value: 71 },
	{ city: 'Hamm', value: 65 }
];
const names = (r: ReturnType<typeof rankByPolarity<(typeof cities)[number]>>) =>
	r!.map((x) => `${x.rank}:${x.item.city}`);

describe('rankByPolarity', () => {
	it('ranks the highest first when higher is better, ties share a rank', () => {
		expect(names(rankByPolarity(cities, (c) => c.value, 'higher_is_better'))).toEqual([
			'1:Essen',
			'2:Köln',
			'2:Hagen',
			'4:Hamm'
		]);
	});
	it('ranks the lowest first when lower is better', () => {
		expect(names(rankByPolarity(cities, (c) => c.value, 'lower_is_better'))).toEqual([
			'1:Hamm',
			'2:Köln',
			'2:Hagen',
			'4:Essen'
		]);
	});
	it('gives no ranking for a band KPI, where better is not defined', () => {
		expect(rankByPolarity(cities, (c) => c.value, 'target_band')).toBeNull();
	});
});
