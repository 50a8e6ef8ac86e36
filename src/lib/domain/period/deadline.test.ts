import { describe, expect, it } from 'vitest';
import {
	berlinDate,
	berlinMidnight,
	daysFromTo,
	deadlineStanding,
	deadlineStandingAt
} from './deadline';

describe('berlinDate', () => {
	it('is the date in Cologne, not in UTC, on both sides of midnight', () => {
		// 23:30 UTC on 30 November is 00:30 on 1 December in winter time (UTC+1).
		expect(berlinDate(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
		expect(berlinDate(new Date('2026-11-30T22:59:00Z'))).toBe('2026-11-30');
		// Summer time is UTC+2.
		expect(berlinDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
	});

	it('counts calendar days across the change to winter time', () => {
		expect(daysFromTo('2026-10-24', '2026-10-26')).toBe(2);
		expect(daysFromTo('2026-12-01', '2026-11-30')).toBe(-1);
	});
});

describe('deadlineStanding', () => {
	it('counts the days left, the deadline day itself still in time', () => {
		expect(deadlineStanding('2026-11-30', '2026-11-25')).toEqual({
			kind: 'due',
			deadline: '2026-11-30',
			daysLeft: 5
		});
		expect(deadlineStanding('2026-11-30', '2026-11-30')).toMatchObject({
			kind: 'due',
			daysLeft: 0
		});
	});

	it('is overdue from the day after, counting the days since', () => {
		expect(deadlineStanding('2026-11-30', '2026-12-01')).toMatchObject({
			kind: 'overdue',
			daysOverdue: 1
		});
		// The example: on 5 December a 30 November deadline is five days overdue.
		expect(deadlineStanding('2026-11-30', '2026-12-05')).toMatchObject({
			kind: 'overdue',
			daysOverdue: 5
		});
	});

	it('turns overdue at midnight in Berlin, not at midnight UTC', () => {
		// 23:59 in Berlin on the deadline day (22:59 UTC): still in time.
		expect(deadlineStandingAt('2026-11-30', new Date('2026-11-30T22:59:59Z'))).toMatchObject({
			kind: 'due',
			daysLeft: 0
		});
		// 00:00 in Berlin on the next day (23:00 UTC the day before): overdue, although UTC
		// still reads 30 November.
		expect(deadlineStandingAt('2026-11-30', new Date('2026-11-30T23:00:00Z'))).toMatchObject({
			kind: 'overdue',
			daysOverdue: 1
		});
		// Summer time (UTC+2): 22:00 UTC on 31 August is 00:00 on 1 September in Berlin.
		expect(deadlineStandingAt('2026-08-31', new Date('2026-08-31T21:59:00Z')).kind).toBe('due');
		expect(deadlineStandingAt('2026-08-31', new Date('2026-08-31T22:00:00Z')).kind).toBe('overdue');
	});
});

describe('berlinMidnight', () => {
	it('is 00:00 German time: 23:00 UTC the day before in winter, 22:00 in summer', () => {
		expect(berlinMidnight('2026-11-30').toISOString()).toBe('2026-11-29T23:00:00.000Z');
		expect(berlinMidnight('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
		// The days the clocks change still begin at midnight in the old offset.
		expect(berlinMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(berlinMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
	});
});
