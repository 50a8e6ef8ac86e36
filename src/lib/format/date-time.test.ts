import { describe, expect, it } from 'vitest';
import { formatDateTime } from './date-time';

describe('formatDateTime', () => {
	it('writes German local time, summer and winter', () => {
		expect(formatDateTime(new Date('2026-07-01T10:05:00Z'), 'de')).toBe('01.07.2026, 12:05');
		expect(formatDateTime(new Date('2026-01-15T23:30:00Z'), 'de')).toBe('16.01.2026, 00:30');
	});
	it('uses the English date order in English', () => {
		expect(formatDateTime(new Date('2026-07-01T10:05:00Z'), 'en')).toBe('1 Jul 2026, 12:05');
	});
});
