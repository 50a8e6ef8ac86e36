import { describe, expect, it } from 'vitest';
import type { ObjectiveView, StatusCounts } from '$lib/domain/scorecard/types';
import type { Rollup } from '$lib/domain/scoring/rollup';
import { objectiveStatus } from './objective-status';

const objective = (rollup: Partial<Rollup>, counts: Partial<StatusCounts> = {}) =>
	({
		id: 1,
		title: 'Ziel',
		statusCounts: { green: 0, yellow: 0, red: 0, no_data: 0, no_target: 0, ...counts },
		rollup: {
			score: null,
			status: 'no_data',
			kpiCount: 0,
			scoredCount: 0,
			coverage: 0,
			weightCoverage: 0,
			...rollup
		}
	}) as Partial<ObjectiveView> as ObjectiveView;

describe('objectiveStatus', () => {
	it('shows the weighted roll-up, not the worst KPI', () => {
		// One red KPI among heavier green ones: the roll-up (score 83) is green.
		expect(objectiveStatus(objective({ score: 83, status: 'green' }, { green: 2, red: 1 }))).toBe(
			'green'
		);
		expect(objectiveStatus(objective({ score: 40, status: 'red' }, { red: 1 }))).toBe('red');
	});

	it('says no target when values exist but nothing can be judged', () => {
		expect(objectiveStatus(objective({}, { no_target: 1, no_data: 1 }))).toBe('no_target');
	});

	it('gives no data without KPIs or without any values', () => {
		expect(objectiveStatus(objective({}))).toBe('no_data');
		expect(objectiveStatus(objective({}, { no_data: 4 }))).toBe('no_data');
	});
});
