import { describe, expect, it } from 'vitest';
import { ifMatchHolds } from './etag';

describe('ifMatchHolds', () => {
	const tag = '"v3-abc"';
	it('matches *, the tag itself or a list holding it (strong comparison)', () => {
		expect(ifMatchHolds('*', tag)).toBe(true);
		expect(ifMatchHolds('"v3-abc"', tag)).toBe(true);
		expect(ifMatchHolds('"x", "v3-abc"', tag)).toBe(true);
		expect(ifMatchHolds('W/"v3-abc"', tag)).toBe(false);
		expect(ifMatchHolds('"v3-abd"', tag)).toBe(false);
		expect(ifMatchHolds('v3-abc', tag)).toBe(false);
		expect(ifMatchHolds('', tag)).toBe(false);
	});
});
