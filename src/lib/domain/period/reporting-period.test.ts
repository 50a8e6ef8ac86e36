import { describe, expect, it } from 'vitest';
import {
	deadlineProblem,
	latestOpenableQuarter,
	openProblem,
	periodStamp,
	quarterEndDate,
	quarterStartDate,
	runningQuarter,
	suggestedDeadline,
	suggestedQuarter
} from './reporting-period';

const day = new Date('2026-11-24T10:00:00Z');

describe('reporting period rules', () => {
	it('knows the running and the latest openable quarter', () => {
		expect(runningQuarter(day)).toEqual({ year: 2026, quarter: 4 });
		expect(latestOpenableQuarter(day)).toEqual({ year: 2027, quarter: 1 });
		expect(latestOpenableQuarter(new Date('2026-03-31T23:59:59Z'))).toEqual({
			year: 2026,
			quarter: 2
		});
	});

	it('gives first and last days, including leap years', () => {
		expect(quarterStartDate({ year: 2026, quarter: 3 })).toBe('2026-07-01');
		expect(quarterEndDate({ year: 2026, quarter: 3 })).toBe('2026-09-30');
		expect(quarterEndDate({ year: 2024, quarter: 1 })).toBe('2024-03-31');
		expect(quarterEndDate({ year: 2026, quarter: 4 })).toBe('2026-12-31');
		expect(suggestedDeadline({ year: 2026, quarter: 3 })).toBe('2026-11-30');
		expect(suggestedDeadline({ year: 2026, quarter: 4 })).toBe('2027-02-28');
		expect(suggestedDeadline({ year: 2027, quarter: 4 })).toBe('2028-02-29');
	});

	it('suggests the quarter after the newest, capped at the latest openable one', () => {
		expect(suggestedQuarter([], day)).toEqual({ year: 2026, quarter: 3 });
		expect(
			suggestedQuarter(
				[
					{ year: 2026, quarter: 2 },
					{ year: 2026, quarter: 3 }
				],
				day
			)
		).toEqual({ year: 2026, quarter: 4 });
		expect(suggestedQuarter([{ year: 2027, quarter: 1 }], day)).toEqual({
			year: 2027,
			quarter: 1
		});
	});

	it('refuses a deadline before the quarter has ended, accepts its last day and later', () => {
		const q = { year: 2026, quarter: 4 };
		expect(deadlineProblem(q, '2026-10-01')).toBe('deadline_before_end');
		expect(deadlineProblem(q, '2026-09-30')).toBe('deadline_before_end');
		expect(deadlineProblem(q, '2026-12-31')).toBeNull();
		expect(deadlineProblem(q, '2027-02-28')).toBeNull();
	});

	it('refuses opening more than one quarter ahead, allows late openings', () => {
		expect(openProblem({ year: 2027, quarter: 2 }, '2027-08-31', day)).toBe('too_far_ahead');
		expect(openProblem({ year: 2030, quarter: 1 }, '2030-05-31', day)).toBe('too_far_ahead');
		expect(openProblem({ year: 2027, quarter: 1 }, '2027-05-31', day)).toBeNull();
		expect(openProblem({ year: 2023, quarter: 3 }, '2023-11-30', day)).toBeNull();
		expect(openProblem({ year: 2027, quarter: 1 }, '2027-01-15', day)).toBe('deadline_before_end');
	});

	it('stamps every kind of change differently', () => {
		const openedAt = new Date('2026-07-01T08:00:00Z');
		const base = periodStamp({ deadline: '2026-11-30', openedAt, closedAt: null });
		const closed = periodStamp({
			deadline: '2026-11-30',
			openedAt,
			closedAt: new Date('2026-12-01T08:00:00Z')
		});
		const reopened = periodStamp({
			deadline: '2026-11-30',
			openedAt: new Date('2026-12-02T08:00:00Z'),
			closedAt: null
		});
		const moved = periodStamp({ deadline: '2026-12-15', openedAt, closedAt: null });
		expect(new Set([base, closed, reopened, moved]).size).toBe(4);
		expect(periodStamp({ deadline: '2026-11-30', openedAt, closedAt: null })).toBe(base);
	});
});
