import { describe, expect, it } from 'vitest';
import { cellState, countState, emptyCounts, isDelivered } from './states';

const counts = (missing: number, draft: number, submitted: number, released: number) => ({
	kpis: missing + draft + submitted + released,
	missing,
	draft,
	submitted,
	released
});

describe('delivery states', () => {
	it('sums a cell up as its least advanced KPI', () => {
		expect(cellState(undefined)).toBe('no_scorecard');
		expect(cellState(emptyCounts())).toBe('no_kpis');
		expect(cellState(counts(1, 1, 1, 5))).toBe('missing');
		expect(cellState(counts(0, 1, 1, 5))).toBe('draft');
		expect(cellState(counts(0, 0, 1, 5))).toBe('submitted');
		expect(cellState(counts(0, 0, 0, 5))).toBe('released');
	});

	it('counts a city as delivered once every KPI is at least submitted', () => {
		expect(isDelivered(counts(0, 0, 3, 2))).toBe(true);
		expect(isDelivered(counts(0, 1, 3, 2))).toBe(false);
		expect(isDelivered(counts(1, 0, 0, 0))).toBe(false);
		expect(isDelivered(emptyCounts())).toBe(true);
	});

	it('counts one KPI per call', () => {
		const c = emptyCounts();
		countState(c, 'draft');
		countState(c, 'missing');
		countState(c, 'draft');
		expect(c).toEqual(counts(1, 2, 0, 0));
	});
});
