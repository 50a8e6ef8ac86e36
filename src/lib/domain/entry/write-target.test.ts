import { describe, expect, it } from 'vitest';
import { unseenChanges, writeQuarter } from './write-target';

describe('writeQuarter', () => {
	it('takes the quarter the form names, with or without the same one in the address', () => {
		expect(writeQuarter('2025-3', null)).toEqual({ ok: true, quarter: { year: 2025, quarter: 3 } });
		expect(writeQuarter('2025-3', '2025-3')).toEqual({
			ok: true,
			quarter: { year: 2025, quarter: 3 }
		});
		// A page opened from an older link (?q=2025-3) posts the quarter as 2025-Q3: the same one.
		expect(writeQuarter('2025-Q3', '2025-3')).toEqual({
			ok: true,
			quarter: { year: 2025, quarter: 3 }
		});
	});

	it('never falls back to a default: a missing or malformed quarter is refused', () => {
		for (const posted of [null, undefined, '', '2025', '2025-5', '2025-Q5', ' 2025-3', '1999-4']) {
			expect(writeQuarter(posted, null)).toEqual({ ok: false, reason: 'quarter_missing' });
			expect(writeQuarter(posted, '2025-3')).toEqual({ ok: false, reason: 'quarter_missing' });
		}
		// A file field is no quarter either.
		expect(writeQuarter(new File(['2025-3'], 'q.txt'), null)).toMatchObject({ ok: false });
	});

	it('refuses a form whose quarter is not the one the page shows', () => {
		expect(writeQuarter('2026-3', '2025-3')).toEqual({
			ok: false,
			reason: 'quarter_mismatch',
			posted: { year: 2026, quarter: 3 }
		});
		expect(writeQuarter('2025-3', 'x')).toMatchObject({ ok: false, reason: 'quarter_mismatch' });
	});
});

describe('unseenChanges', () => {
	const seen = new Map([
		[1, 3],
		[2, 1],
		[5, 2]
	]);

	it('is empty when every row to change was shown at its version', () => {
		expect(
			unseenChanges(seen, [
				{ kpiId: 1, version: 3 },
				{ kpiId: 2, version: 1 }
			])
		).toEqual([]);
		expect(unseenChanges(seen, [])).toEqual([]);
	});

	it('names rows changed since they were shown and rows never shown', () => {
		expect(
			unseenChanges(seen, [
				{ kpiId: 9, version: 1 },
				{ kpiId: 2, version: 2 },
				{ kpiId: 1, version: 3 }
			])
		).toEqual([2, 9]);
	});
});
