import { describe, expect, it } from 'vitest';
import { role as roleEnum } from '../db/schema/enums';
import {
	can,
	capabilities,
	capabilityMatrix,
	capabilityScope,
	roleScope,
	roles,
	visibleStatesFor,
	type Capability,
	type Principal,
	type Role,
	type RoleAssignment
} from './permissions';

// Organisation and field ids deliberately share numbers, so a field role can never be mistaken
// for a city role of the same id (and vice versa).
const OWN = 1;
const FOREIGN = 2;

function assignment(role: Role, id = OWN): RoleAssignment {
	switch (roleScope[role]) {
		case 'global':
			return { role, organisationId: null, fieldId: null };
		case 'organisation':
			return { role, organisationId: id, fieldId: null };
		case 'field':
			return { role, organisationId: null, fieldId: id };
	}
}

const principal = (...assignments: RoleAssignment[]): Principal => ({
	userId: 42,
	roles: assignments
});

/** Written out independently of capabilityMatrix, so a change to the matrix fails a test. */
const expectedOwn: Record<Role, Capability[]> = {
	admin: [
		'user:admin',
		'audit:read_all',
		'period:manage',
		'peer_group:manage',
		'exchange:moderate'
	],
	observer: [],
	city_leadership: ['measurement:read_unreleased', 'audit:read_own_city'],
	controller: [
		'measurement:read_unreleased',
		'measurement:write',
		'measurement:submit',
		'scorecard:write'
	],
	approver: ['measurement:read_unreleased', 'measurement:release', 'measurement:reopen'],
	field_lead: ['catalogue:write', 'pilot:write', 'period:manage']
};

const scopes = {
	ownOrganisation: { organisationId: OWN },
	foreignOrganisation: { organisationId: FOREIGN },
	ownField: { fieldId: OWN },
	foreignField: { fieldId: FOREIGN },
	none: {}
} as const;
type ScopeName = keyof typeof scopes;

function expected(role: Role, capability: Capability, scopeName: ScopeName): boolean {
	if (!expectedOwn[role].includes(capability)) return false;
	switch (roleScope[role]) {
		case 'global':
			return true;
		case 'organisation':
			return scopeName === 'ownOrganisation';
		case 'field':
			return scopeName === 'ownField';
	}
}

const cases = roles.flatMap((role) =>
	capabilities.flatMap((capability) =>
		(Object.keys(scopes) as ScopeName[]).map((scopeName) => ({
			role,
			capability,
			scopeName,
			allowed: expected(role, capability, scopeName)
		}))
	)
);

describe('can', () => {
	it('covers every role and capability of the schema', () => {
		expect([...roles]).toEqual(roleEnum.enumValues);
		expect(Object.keys(capabilityMatrix).sort()).toEqual([...roles].sort());
		expect(cases).toHaveLength(roles.length * capabilities.length * 5);
	});

	it.each(cases)('$role · $capability · $scopeName → $allowed', (c) => {
		expect(can(principal(assignment(c.role)), c.capability, scopes[c.scopeName])).toBe(c.allowed);
	});

	it('grants nothing without roles', () => {
		for (const capability of capabilities) {
			expect(can(principal(), capability, { organisationId: OWN, fieldId: OWN })).toBe(false);
		}
	});

	it('never lets a role of city A act on city B, even with all city roles at once', () => {
		const allOfA = principal(
			assignment('city_leadership'),
			assignment('controller'),
			assignment('approver')
		);
		for (const capability of capabilities) {
			expect(can(allOfA, capability, { organisationId: FOREIGN })).toBe(false);
		}
		expect(visibleStatesFor(allOfA, FOREIGN)).toEqual(['released']);
	});

	it('combines the roles of a person holding several', () => {
		const p = principal(
			assignment('controller', OWN),
			assignment('approver', FOREIGN),
			assignment('field_lead', FOREIGN)
		);
		expect(can(p, 'measurement:write', { organisationId: OWN })).toBe(true);
		expect(can(p, 'measurement:release', { organisationId: OWN })).toBe(false);
		expect(can(p, 'measurement:release', { organisationId: FOREIGN })).toBe(true);
		expect(can(p, 'measurement:write', { organisationId: FOREIGN })).toBe(false);
		expect(can(p, 'catalogue:write', { fieldId: FOREIGN })).toBe(true);
		expect(can(p, 'catalogue:write', { fieldId: OWN })).toBe(false);
		expect(can(p, 'user:admin')).toBe(false);
		expect(can(principal(assignment('observer'), assignment('admin')), 'user:admin')).toBe(true);
	});

	it('only gives a role capabilities its scope can reach', () => {
		for (const role of roles) {
			for (const capability of capabilityMatrix[role]) {
				const kind = capabilityScope[capability];
				expect(roleScope[role] === 'global' || roleScope[role] === kind).toBe(true);
			}
		}
	});
});

describe('visibleStatesFor', () => {
	const all = ['draft', 'submitted', 'released'];

	it.each([
		['city_leadership', OWN, all],
		['controller', OWN, all],
		['approver', OWN, all],
		['city_leadership', FOREIGN, ['released']],
		['controller', FOREIGN, ['released']],
		['approver', FOREIGN, ['released']],
		['admin', OWN, ['released']],
		['observer', OWN, ['released']],
		['field_lead', OWN, ['released']]
	] as const)('%s looking at organisation %i sees %j', (role, organisationId, states) => {
		expect(visibleStatesFor(principal(assignment(role)), organisationId)).toEqual(states);
	});

	it('shows a person without roles only released values', () => {
		expect(visibleStatesFor(principal(), OWN)).toEqual(['released']);
	});
});
