import { describe, expect, it } from 'vitest';
import { claimHolds, versionAfterWrite } from './version-claim';

describe('the optimistic-version claim', () => {
	it('holds only for the version stored now; 0 claims that nothing is stored', () => {
		expect(claimHolds(3, { version: 3 })).toBe(true);
		expect(claimHolds(2, { version: 3 })).toBe(false);
		expect(claimHolds(0, undefined)).toBe(true);
		expect(claimHolds(0, { version: 1 })).toBe(false);
		expect(claimHolds(1, null)).toBe(false);
	});

	it('predicts the version after a write: first on insert, one more on update, 0 when cleared', () => {
		expect(versionAfterWrite(undefined, 5)).toBe(1);
		expect(versionAfterWrite({ version: 4 }, 5)).toBe(5);
		expect(versionAfterWrite({ version: 4 }, null)).toBe(0);
	});
});
