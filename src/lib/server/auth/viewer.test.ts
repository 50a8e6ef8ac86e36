import { describe, expect, it } from 'vitest';
import { unreleasedOrganisations, visibleStates } from './viewer';

const controllerOf = (organisationId: number) => ({
	kind: 'user' as const,
	principal: { userId: 1, roles: [{ role: 'controller' as const, organisationId, fieldId: null }] }
});

describe('visibleStates', () => {
	it('shows an anonymous visitor only released values, never drafts or submissions', () => {
		expect(visibleStates({ kind: 'anonymous' }, 1)).toEqual(['released']);
	});

	it("shows a controller every state of the own city, and only released values of another's", () => {
		expect(visibleStates(controllerOf(7), 7).sort()).toEqual(['draft', 'released', 'submitted']);
		expect(visibleStates(controllerOf(7), 8)).toEqual(['released']);
	});
});

describe('unreleasedOrganisations', () => {
	it('lists the own city of city roles, nothing for anonymous visitors and global readers', () => {
		expect(unreleasedOrganisations(controllerOf(7))).toEqual([7]);
		expect(unreleasedOrganisations({ kind: 'anonymous' })).toEqual([]);
		const observer = {
			kind: 'user' as const,
			principal: {
				userId: 2,
				roles: [{ role: 'observer' as const, organisationId: null, fieldId: null }]
			}
		};
		expect(unreleasedOrganisations(observer)).toEqual([]);
	});
});
