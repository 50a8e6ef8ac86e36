import { describe, expect, it } from 'vitest';
import type { Bands } from '../status/status';
import { judgeYear, yearlyBands } from './yearly-judgement';

const atLeast75: Bands = { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null };
const q = (quarter: number, value: number | null) => ({ quarter, value });

describe('judging a yearly figure', () => {
	it('judges a mean against the quarterly bands', () => {
		// (80 + 70 + 72 + 78) / 4 = 75 → green
		const year = judgeYear([q(1, 80), q(2, 70), q(3, 72), q(4, 78)], 'mean', atLeast75);
		expect(year).toEqual({
			value: 75,
			quartersWithData: 4,
			complete: true,
			status: 'green',
			score: 100
		});
	});

	it('judges a sum against four times the quarterly bands', () => {
		expect(yearlyBands(atLeast75, 'sum')).toEqual({
			greenMin: 300,
			greenMax: null,
			yellowMin: 260,
			yellowMax: null
		});
		// 70 · 4 = 280: yellow, d = 20, w = 40 → 50 + 30 · 0.5 = 65, as the quarterly mean 70 would be
		const year = judgeYear([q(1, 70), q(2, 70), q(3, 70), q(4, 70)], 'sum', atLeast75);
		expect(year.value).toBe(280);
		expect(year.status).toBe('yellow');
		expect(year.score).toBe(65);
	});

	it('has no yearly sum while a quarter is missing, so no verdict either', () => {
		const year = judgeYear([q(1, 70), q(2, 70), q(3, 70)], 'sum', atLeast75);
		expect(year).toMatchObject({
			value: null,
			quartersWithData: 3,
			complete: false,
			status: 'no_data'
		});
	});

	it('takes the last quarter with a value for a stock figure', () => {
		const year = judgeYear([q(1, 50), q(2, 80), q(3, null)], 'last', atLeast75);
		expect(year).toMatchObject({ value: 80, complete: false, status: 'green' });
	});

	it('leaves bands alone for mean and last, and no bands stay none', () => {
		expect(yearlyBands(atLeast75, 'mean')).toBe(atLeast75);
		expect(yearlyBands(null, 'sum')).toBeNull();
		expect(judgeYear([q(4, 3)], 'last', null).status).toBe('no_target');
	});
});
