import { describe, expect, it } from 'vitest';
import { canSeeCompleteness } from './access';

const with_ = (...roles: string[]) => ({ roles: roles.map((role) => ({ role })) });

describe('who sees the completeness overview', () => {
	it('admits the ring coordinators and refuses city roles', () => {
		expect(canSeeCompleteness(with_('admin'))).toBe(true);
		expect(canSeeCompleteness(with_('observer'))).toBe(true);
		expect(canSeeCompleteness(with_('field_lead'))).toBe(true);
		for (const role of ['controller', 'approver', 'city_leadership'])
			expect(canSeeCompleteness(with_(role))).toBe(false);
		expect(canSeeCompleteness(with_())).toBe(false);
		expect(canSeeCompleteness(with_('controller', 'field_lead'))).toBe(true);
	});
});
