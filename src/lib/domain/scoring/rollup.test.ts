import { describe, expect, it } from 'vitest';
import { redBelow, rollUpGroups, rollUpKpis, weightProblems, type ScoredKpi } from './rollup';

const kpi = (weight: number, score: number | null, status: ScoredKpi['status']): ScoredKpi => ({
	weight,
	score,
	status
});

describe('rollUpKpis', () => {
	it('takes the weighted mean when every KPI has a score', () => {
		// (2 · 90 + 1 · 60) / 3 = 240 / 3 = 80
		expect(rollUpKpis([kpi(2, 90, 'yellow'), kpi(1, 60, 'yellow')])).toEqual({
			score: 80,
			status: 'green',
			kpiCount: 2,
			scoredCount: 2,
			coverage: 1,
			weightCoverage: 1
		});
	});

	it('re-normalises the weights over the KPIs that have a score', () => {
		// weights 2, 1, 1; the second has no value:
		// (2 · 75 + 1 · 100) / (2 + 1) = 250 / 3 = 83.333… → 83.3
		const rollup = rollUpKpis([
			kpi(2, 75, 'yellow'),
			kpi(1, null, 'no_data'),
			kpi(1, 100, 'green')
		]);
		expect(rollup.score).toBe(83.3);
		expect(rollup.status).toBe('green');
		expect(rollup.kpiCount).toBe(3);
		expect(rollup.scoredCount).toBe(2);
		// 2 of 3 KPIs, 3 of 4 weight units
		expect(rollup.coverage).toBeCloseTo(2 / 3, 12);
		expect(rollup.weightCoverage).toBe(0.75);
	});

	it('re-normalises when the heavy KPI is the missing one', () => {
		// weights 2, 1, 1; the first has no value: (1 · 40 + 1 · 70) / 2 = 55
		const rollup = rollUpKpis([kpi(2, null, 'no_data'), kpi(1, 40, 'red'), kpi(1, 70, 'yellow')]);
		expect(rollup.score).toBe(55);
		expect(rollup.status).toBe('yellow');
		// 2 of 4 weight units
		expect(rollup.weightCoverage).toBe(0.5);
	});

	it('rounds the weighted mean half up to one decimal', () => {
		// (3 · 62.5 + 1 · 37.5) / 4 = 225 / 4 = 56.25 → 56.3
		expect(rollUpKpis([kpi(3, 62.5, 'yellow'), kpi(1, 37.5, 'red')]).score).toBe(56.3);
	});

	it('has no score when no KPI has one, never 0', () => {
		expect(rollUpKpis([kpi(1, null, 'no_data'), kpi(2, null, 'no_data')])).toEqual({
			score: null,
			status: 'no_data',
			kpiCount: 2,
			scoredCount: 0,
			coverage: 0,
			weightCoverage: 0
		});
	});

	it('has no score and no coverage without KPIs', () => {
		expect(rollUpKpis([])).toEqual({
			score: null,
			status: 'no_data',
			kpiCount: 0,
			scoredCount: 0,
			coverage: 0,
			weightCoverage: 0
		});
	});

	it('counts a KPI without a target but does not score it', () => {
		// only the first KPI scores: 25; 1 of 2 KPIs, 1 of 2 weight units
		const rollup = rollUpKpis([kpi(1, 25, 'red'), kpi(1, null, 'no_target')]);
		expect(rollup).toEqual({
			score: 25,
			status: 'red',
			kpiCount: 2,
			scoredCount: 1,
			coverage: 0.5,
			weightCoverage: 0.5
		});
	});

	it('lets the status decide: no_target and no_data never score', () => {
		const rollup = rollUpKpis([kpi(1, 80, 'yellow'), kpi(1, 0, 'no_target'), kpi(1, 0, 'no_data')]);
		expect(rollup.score).toBe(80);
		expect(rollup.scoredCount).toBe(1);
	});

	it('rejects weights that are not positive and finite', () => {
		for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => rollUpKpis([kpi(1, 50, 'yellow'), kpi(weight, 50, 'yellow')])).toThrow(
				RangeError
			);
			// also when that KPI has no score
			expect(() => rollUpKpis([kpi(weight, null, 'no_data')])).toThrow(RangeError);
		}
	});

	it('rejects scores outside 0–100', () => {
		expect(() => rollUpKpis([kpi(1, 101, 'green')])).toThrow(RangeError);
		expect(() => rollUpKpis([kpi(1, -1, 'red')])).toThrow(RangeError);
		expect(() => rollUpKpis([kpi(1, Number.NaN, 'red')])).toThrow(RangeError);
	});
});

describe('rollUpGroups', () => {
	// The worked example of docs/scoring.md.
	// Objective A: weights 2, 1, 1 with 75, –, 100 → 83.3 (see above); 3 KPIs, 2 scored, 3/4 weight
	const a = rollUpKpis([kpi(2, 75, 'yellow'), kpi(1, null, 'no_data'), kpi(1, 100, 'green')]);
	// Objective B: 25 and a KPI without target → 25; 2 KPIs, 1 scored, 1/2 weight
	const b = rollUpKpis([kpi(1, 25, 'red'), kpi(1, null, 'no_target')]);
	// Objective C: one KPI without value → no score; 1 KPI, 0 scored, weight coverage 0
	const c = rollUpKpis([kpi(1, null, 'no_data')]);
	// Objective D: (100 + 80) / 2 = 90; 2 KPIs, both scored
	const d = rollUpKpis([kpi(1, 100, 'green'), kpi(1, 80, 'yellow')]);
	// Objective E: no KPIs yet
	const e = rollUpKpis([]);

	it('averages the objectives that have a score, each counting equally', () => {
		const perspective = rollUpGroups([a, b, c]);
		// (83.3 + 25) / 2 = 54.15 → 54.2 (C has no score and does not count)
		expect(perspective.score).toBe(54.2);
		expect(perspective.status).toBe('yellow');
		// 3 + 2 + 1 KPIs, 2 + 1 + 0 scored
		expect(perspective.kpiCount).toBe(6);
		expect(perspective.scoredCount).toBe(3);
		expect(perspective.coverage).toBe(0.5);
		// (0.75 + 0.5 + 0) / 3 = 0.41666…
		expect(perspective.weightCoverage).toBeCloseTo(1.25 / 3, 12);
	});

	it('ignores objectives without KPIs for score and weight coverage', () => {
		expect(rollUpGroups([d, e])).toEqual({
			score: 90,
			status: 'green',
			kpiCount: 2,
			scoredCount: 2,
			coverage: 1,
			weightCoverage: 1
		});
	});

	it('rolls perspectives up to the scorecard from their rounded scores', () => {
		const p1 = rollUpGroups([a, b, c]); // 54.2
		const p2 = rollUpGroups([d, e]); // 90
		const scorecard = rollUpGroups([p1, p2]);
		// (54.2 + 90) / 2 = 72.1; not the mean of the objectives, (83.3 + 25 + 90) / 3 = 66.1
		expect(scorecard.score).toBe(72.1);
		expect(scorecard.status).toBe('yellow');
		// 6 + 2 KPIs, 3 + 2 scored: 5 / 8
		expect(scorecard.kpiCount).toBe(8);
		expect(scorecard.scoredCount).toBe(5);
		expect(scorecard.coverage).toBe(0.625);
		// (0.41666… + 1) / 2 = 0.70833…
		expect(scorecard.weightCoverage).toBeCloseTo((1.25 / 3 + 1) / 2, 12);
	});

	it('has no score when no child has one', () => {
		expect(rollUpGroups([c, e])).toEqual({
			score: null,
			status: 'no_data',
			kpiCount: 1,
			scoredCount: 0,
			coverage: 0,
			weightCoverage: 0
		});
		expect(rollUpGroups([]).score).toBeNull();
		expect(rollUpGroups([]).status).toBe('no_data');
	});

	it('rejects child scores outside 0–100', () => {
		expect(() => rollUpGroups([{ ...d, score: 120 }])).toThrow(RangeError);
	});
});

describe('weightProblems', () => {
	it('accepts positive, reasonably even weights', () => {
		expect(weightProblems([])).toEqual([]);
		expect(weightProblems([5])).toEqual([]);
		expect(weightProblems([1, 2, 3])).toEqual([]);
		// exactly 100 times is still allowed
		expect(weightProblems([1, 100])).toEqual([]);
		expect(weightProblems([0.5, 50])).toEqual([]);
	});

	it('names weights that are not positive and finite', () => {
		expect(weightProblems([1, 0])).toEqual(['not_positive']);
		expect(weightProblems([-1])).toEqual(['not_positive']);
		expect(weightProblems([1, Number.NaN])).toEqual(['not_positive']);
		expect(weightProblems([1, Number.POSITIVE_INFINITY])).toEqual(['not_positive']);
	});

	it('names one weight more than 100 times another', () => {
		expect(weightProblems([1, 100.01])).toEqual(['too_uneven']);
		expect(weightProblems([0.5, 2, 51])).toEqual(['too_uneven']);
	});

	it('names both problems at once', () => {
		expect(weightProblems([0, 1, 200])).toEqual(['not_positive', 'too_uneven']);
	});
});

describe('redBelow', () => {
	const group = (score: number) => rollUpKpis([kpi(1, score, score === 100 ? 'green' : 'red')]);

	it('counts red perspectives under a field that reads green on average', () => {
		// (100 + 100 + 100 + 100 + 0) / 5 = 80: green, though one perspective has 0 of 100
		const parts = [group(100), group(100), group(100), group(100), group(0)];
		const field = rollUpGroups(parts);
		expect(field.score).toBe(80);
		expect(field.status).toBe('green');
		expect(redBelow(field, parts)).toBe(1);
	});

	it('counts them under a yellow figure too, and says nothing when none is red', () => {
		const parts = [group(100), group(10)];
		expect(rollUpGroups(parts).status).toBe('yellow');
		expect(redBelow(rollUpGroups(parts), parts)).toBe(1);
		expect(redBelow(rollUpGroups([group(100), group(60)]), [group(100), group(60)])).toBe(0);
	});

	it('needs no explanation when the figure is red itself or has no score', () => {
		const parts = [group(10), group(20)];
		expect(redBelow(rollUpGroups(parts), parts)).toBe(0);
		expect(redBelow(null, parts)).toBe(0);
	});
});
