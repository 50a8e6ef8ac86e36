import { describe, expect, it } from 'vitest';
import { firstVersion, versionAt, versionForQuarter } from './versions';

const v = (id: number, validFromYear: number, validFromQuarter: number) => ({
	id,
	validFromYear,
	validFromQuarter
});
// Deliberately not in date order: the rule must not depend on how a query sorted the rows.
const versions = [v(3, 2026, 3), v(1, 2024, 1), v(2, 2025, 2)];

describe('versionAt', () => {
	it('picks the newest version that took effect in or before the quarter', () => {
		expect(versionAt(versions, { year: 2024, quarter: 1 })?.id).toBe(1);
		expect(versionAt(versions, { year: 2025, quarter: 1 })?.id).toBe(1);
		expect(versionAt(versions, { year: 2025, quarter: 2 })?.id).toBe(2);
		expect(versionAt(versions, { year: 2026, quarter: 2 })?.id).toBe(2);
		expect(versionAt(versions, { year: 2027, quarter: 4 })?.id).toBe(3);
	});

	it('has none before the first version took effect', () => {
		expect(versionAt(versions, { year: 2023, quarter: 4 })).toBeUndefined();
		expect(versionAt([], { year: 2025, quarter: 1 })).toBeUndefined();
	});
});

describe('versionForQuarter', () => {
	it('is the version in force once one is', () => {
		expect(versionForQuarter(versions, { year: 2026, quarter: 3 })?.id).toBe(3);
	});

	it('falls back to the first version for an earlier quarter, whatever the order', () => {
		expect(versionForQuarter(versions, { year: 2020, quarter: 2 })?.id).toBe(1);
		expect(firstVersion(versions)?.id).toBe(1);
	});

	it('has none for a KPI without versions', () => {
		expect(versionForQuarter([], { year: 2025, quarter: 1 })).toBeUndefined();
	});
});
