import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateLong,
	formatDateTime,
	formatDateTimeSeconds,
	formatDay
} from './date-time';

describe('calendar dates', () => {
	it('writes a date the German way, day and month with two digits', () => {
		expect(formatDate('2026-09-30', 'de')).toBe('30.09.2026');
		expect(formatDate('2026-12-05', 'de')).toBe('05.12.2026');
		expect(formatDate('2022-05-15', 'de')).toBe('15.05.2022');
	});
	it('writes the British short month in English', () => {
		expect(formatDate('2026-09-30', 'en')).toBe('30 Sept 2026');
		expect(formatDate('2026-12-05', 'en')).toBe('5 Dec 2026');
	});
	it('writes the month out in running text', () => {
		expect(formatDateLong('2026-11-24', 'de')).toBe('24. November 2026');
		expect(formatDateLong('2026-12-05', 'de')).toBe('5. Dezember 2026');
		expect(formatDateLong('2026-11-24', 'en')).toBe('24 November 2026');
	});
	it('keeps the day whatever the server’s time zone (the date has no time of day)', () => {
		expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
		expect(formatDate('2026-12-31', 'de')).toBe('31.12.2026');
	});
});

describe('moments', () => {
	it('writes German local time, summer and winter', () => {
		expect(formatDateTime(new Date('2026-07-01T10:05:00Z'), 'de')).toBe('01.07.2026, 12:05');
		expect(formatDateTime(new Date('2026-01-15T23:30:00Z'), 'de')).toBe('16.01.2026, 00:30');
	});
	it('uses the English date order in English, still German local time', () => {
		expect(formatDateTime(new Date('2026-07-01T10:05:00Z'), 'en')).toBe('1 Jul 2026, 12:05');
		expect(formatDateTime(new Date('2026-09-30T08:00:00Z'), 'en')).toBe('30 Sept 2026, 10:00');
	});
	it('writes seconds for the audit log', () => {
		expect(formatDateTimeSeconds(new Date('2026-12-05T08:07:09Z'), 'de')).toBe(
			'05.12.2026, 09:07:09'
		);
		expect(formatDateTimeSeconds(new Date('2026-12-05T08:07:09Z'), 'en')).toBe(
			'5 Dec 2026, 09:07:09'
		);
	});
	it('takes the day of a moment in Cologne, not in UTC', () => {
		// 23:30 UTC on 30 November is 00:30 on 1 December in Cologne.
		expect(formatDay(new Date('2026-11-30T23:30:00Z'), 'de')).toBe('01.12.2026');
		expect(formatDay(new Date('2026-11-30T22:30:00Z'), 'de')).toBe('30.11.2026');
	});
});
