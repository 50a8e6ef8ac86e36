import { describe, expect, it } from 'vitest';
import { visibleStates } from './viewer';

describe('visibleStates', () => {
	it('shows an anonymous visitor only released values, never drafts or submissions', () => {
		expect(visibleStates({ kind: 'anonymous' }, 1)).toEqual(['released']);
	});
});
