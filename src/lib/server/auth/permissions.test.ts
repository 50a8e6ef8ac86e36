import { describe, expect, it } from 'vitest';
import { role as roleEnum } from '../db/schema/enums';
import {
	can,
	canSomewhere,
	scopesOf,
	capabilities,
	capabilityMatrix,
	capabilityScope,
	roleScope,
	roles,
	mustEnrolSecondFactor,
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

/**
 * The expectations, written out by hand from the domain brief and decisions 0005, 0010 and 0013
 * (never derived from `capabilityMatrix`): `all` in every city and field, `own` only in the role's
 * own city (city roles) or field (field lead), `-` never. The last column is an account without
 * any role. A change to the rules must change this table too.
 */
const table = `
capability                    admin  observer  city_leadership  controller  approver  field_lead  none
ring:read                     all    all       all              all         all       all         all
account:manage_own            all    all       all              all         all       all         all
exchange:write                all    all       all              all         all       all         all
completeness:read             all    all       -                -           -         all         -
measurement:read_unreleased   -      -         own              own         own       -           -
measurement:write             -      -         -                own         -         -           -
measurement:submit            -      -         -                own         -         -           -
measurement:release           -      -         -                -           own       -           -
measurement:reopen            -      -         -                -           own       -           -
scorecard:write               -      -         -                own         -         -           -
catalogue:write               -      -         -                -           -         own         -
pilot:write                   -      -         -                -           -         own         -
period:manage                 all    -         -                -           -         own         -
peer_group:manage             all    -         -                -           -         -           -
exchange:moderate             all    -         -                -           -         -           -
user:admin                    all    -         -                -           -         -           -
audit:read_all                all    -         -                -           -         -           -
audit:read_own_city           -      -         own              -           -         -           -
`;

type Grant = 'all' | 'own' | '-';
const [header, ...lines] = table
	.trim()
	.split('\n')
	.map((line) => line.trim().split(/\s+/));
const columns = header!.slice(1) as (Role | 'none')[];
const expectedGrant = new Map(
	lines.flatMap(([capability, ...grants]) =>
		columns.map((column, i) => [`${column} ${capability}`, grants[i] as Grant] as const)
	)
);

const scopes = {
	ownOrganisation: { organisationId: OWN },
	foreignOrganisation: { organisationId: FOREIGN },
	ownField: { fieldId: OWN },
	foreignField: { fieldId: FOREIGN },
	none: {}
} as const;
type ScopeName = keyof typeof scopes;

/** The role's own scope, as the domain describes it (not read from `roleScope`). */
const ownScopeOf: Record<Role, ScopeName | null> = {
	admin: null,
	observer: null,
	city_leadership: 'ownOrganisation',
	controller: 'ownOrganisation',
	approver: 'ownOrganisation',
	field_lead: 'ownField'
};

function expected(column: Role | 'none', capability: Capability, scopeName: ScopeName): boolean {
	const grant = expectedGrant.get(`${column} ${capability}`);
	if (grant === undefined) throw new Error(`table lacks ${column} × ${capability}`);
	if (grant === 'all') return true;
	if (grant === '-') return false;
	return column !== 'none' && ownScopeOf[column] === scopeName;
}

const cases = columns.flatMap((role) =>
	capabilities.flatMap((capability) =>
		(Object.keys(scopes) as ScopeName[]).map((scopeName) => ({
			role,
			capability,
			scopeName,
			allowed: expected(role, capability, scopeName)
		}))
	)
);

const holderOf = (column: Role | 'none') =>
	column === 'none' ? principal() : principal(assignment(column));

describe('can', () => {
	it('covers every role and capability of the schema', () => {
		expect([...roles]).toEqual(roleEnum.enumValues);
		expect(Object.keys(capabilityMatrix).sort()).toEqual([...roles].sort());
		expect([...columns].sort()).toEqual([...roles, 'none'].sort());
		expect(lines.map(([capability]) => capability).sort()).toEqual([...capabilities].sort());
		expect(cases).toHaveLength((roles.length + 1) * capabilities.length * 5);
	});

	it.each(cases)('$role · $capability · $scopeName → $allowed', (c) => {
		expect(can(holderOf(c.role), c.capability, scopes[c.scopeName])).toBe(c.allowed);
	});

	it('grants an account without roles only what every account may do', () => {
		for (const capability of capabilities) {
			const allowed = ['ring:read', 'exchange:write', 'account:manage_own'].includes(capability);
			expect(can(principal(), capability, { organisationId: OWN, fieldId: OWN })).toBe(allowed);
		}
	});

	it('never lets a role of city A act on city B, even with all city roles at once', () => {
		const allOfA = principal(
			assignment('city_leadership'),
			assignment('controller'),
			assignment('approver')
		);
		for (const capability of capabilities) {
			if (capabilityScope[capability] !== 'organisation') continue;
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

	it('tells where a capability is held somewhere, for menus', () => {
		expect(canSomewhere(principal(assignment('city_leadership')), 'audit:read_own_city')).toBe(
			true
		);
		expect(canSomewhere(principal(assignment('controller')), 'audit:read_own_city')).toBe(false);
		expect(canSomewhere(principal(), 'ring:read')).toBe(true);
		expect(canSomewhere(principal(assignment('observer')), 'user:admin')).toBe(false);
	});

	it('asks only account administrators to enrol a second factor', () => {
		expect(mustEnrolSecondFactor(principal(assignment('admin')))).toBe(true);
		for (const role of roles.filter((r) => r !== 'admin')) {
			expect(mustEnrolSecondFactor(principal(assignment(role)))).toBe(false);
		}
	});

	it('only gives a role capabilities its scope can reach', () => {
		for (const role of roles) {
			for (const capability of capabilityMatrix[role]) {
				const kind = capabilityScope[capability];
				expect(kind === 'global' || roleScope[role] === 'global' || roleScope[role] === kind).toBe(
					true
				);
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

describe('scopesOf', () => {
	it('lists the cities and fields a capability is held in, each once, and global roles apart', () => {
		const principal = {
			userId: 1,
			roles: [
				{ role: 'controller' as const, organisationId: 7, fieldId: null },
				{ role: 'controller' as const, organisationId: 7, fieldId: null },
				{ role: 'approver' as const, organisationId: 9, fieldId: null },
				{ role: 'field_lead' as const, organisationId: null, fieldId: 3 },
				{ role: 'observer' as const, organisationId: null, fieldId: null }
			]
		};
		expect(scopesOf(principal, 'measurement:submit')).toEqual({
			global: false,
			organisationIds: [7],
			fieldIds: []
		});
		expect(scopesOf(principal, 'measurement:release').organisationIds).toEqual([9]);
		expect(scopesOf(principal, 'pilot:write')).toEqual({
			global: false,
			organisationIds: [],
			fieldIds: [3]
		});
		// Observer (global) and field lead both read the completeness overview.
		expect(scopesOf(principal, 'completeness:read')).toEqual({
			global: true,
			organisationIds: [],
			fieldIds: [3]
		});
		// Everyone may read the ring, but no role grants it: no scope.
		expect(scopesOf(principal, 'ring:read')).toEqual({
			global: false,
			organisationIds: [],
			fieldIds: []
		});
	});
});
