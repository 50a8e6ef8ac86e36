import { describe, expect, it } from 'vitest';
import { dueNotice, retryDelayMs } from './due';

const open = { deadline: '2026-11-30', reminderDaysBefore: 7, closed: false, delivered: false };

describe('dueNotice', () => {
	it('says nothing earlier than N days before the deadline', () => {
		expect(dueNotice(open, '2026-11-22')).toBeNull();
	});

	it('reminds from N days before up to the deadline day itself', () => {
		expect(dueNotice(open, '2026-11-23')).toBe('reminder');
		expect(dueNotice(open, '2026-11-30')).toBe('reminder');
	});

	it('follows the field setting: 0 reminds on the deadline day only', () => {
		const sameDay = { ...open, reminderDaysBefore: 0 };
		expect(dueNotice(sameDay, '2026-11-29')).toBeNull();
		expect(dueNotice(sameDay, '2026-11-30')).toBe('reminder');
	});

	it('is overdue from the day after the deadline', () => {
		expect(dueNotice(open, '2026-12-01')).toBe('overdue');
		expect(dueNotice(open, '2027-02-01')).toBe('overdue');
	});

	it('chases nobody who has delivered, and nothing in a closed quarter', () => {
		expect(dueNotice({ ...open, delivered: true }, '2026-11-25')).toBeNull();
		expect(dueNotice({ ...open, delivered: true }, '2026-12-05')).toBeNull();
		expect(dueNotice({ ...open, closed: true }, '2026-12-05')).toBeNull();
	});
});

describe('retryDelayMs', () => {
	it('doubles from a minute and stops at six hours', () => {
		expect(retryDelayMs(1)).toBe(60_000);
		expect(retryDelayMs(2)).toBe(120_000);
		expect(retryDelayMs(4)).toBe(480_000);
		expect(retryDelayMs(20)).toBe(6 * 3_600_000);
	});
});
