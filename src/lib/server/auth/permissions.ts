/**
 * The one place that decides who may do what. Pure (no database, no request), so every rule is
 * unit-tested in isolation and routes only ask `can(...)`.
 */
import type { MeasurementState } from '../../domain/entry/workflow';

export const roles = [
	'admin',
	'observer',
	'city_leadership',
	'controller',
	'approver',
	'field_lead'
] as const;
export type Role = (typeof roles)[number];

// The value states are the entry workflow's; re-exported for the callers that read them here.
export type { MeasurementState };

/** A role held by a person, with the scope the database's check constraint enforces. */
export interface RoleAssignment {
	role: Role;
	organisationId: number | null;
	fieldId: number | null;
}

export interface Principal {
	userId: number;
	roles: RoleAssignment[];
}

export const capabilities = [
	'ring:read',
	'account:manage_own',
	'exchange:write',
	'completeness:read',
	'measurement:read_unreleased',
	'measurement:write',
	'measurement:submit',
	'measurement:release',
	'measurement:reopen',
	'scorecard:write',
	'catalogue:write',
	'pilot:write',
	'period:manage',
	'peer_group:manage',
	'exchange:moderate',
	'user:admin',
	'audit:read_all',
	'audit:read_own_city'
] as const;
export type Capability = (typeof capabilities)[number];

export type ScopeKind = 'global' | 'organisation' | 'field';

/** What a capability is about: a check for an organisation-scoped one needs an organisationId. */
export const capabilityScope: Record<Capability, ScopeKind> = {
	'ring:read': 'global',
	'account:manage_own': 'global',
	'exchange:write': 'global',
	'completeness:read': 'global',
	'measurement:read_unreleased': 'organisation',
	'measurement:write': 'organisation',
	'measurement:submit': 'organisation',
	'measurement:release': 'organisation',
	'measurement:reopen': 'organisation',
	'scorecard:write': 'organisation',
	'catalogue:write': 'field',
	'pilot:write': 'field',
	'period:manage': 'field',
	'peer_group:manage': 'global',
	'exchange:moderate': 'global',
	'user:admin': 'global',
	'audit:read_all': 'global',
	'audit:read_own_city': 'organisation'
};

/**
 * What every logged-in person may do, whatever roles they hold (even none): read the ring's
 * released figures, scorecards, catalogue, pilots and comparisons, write notes in the experience
 * exchange (which values a note may concern is the exchange policy's rule, decision 0014), and
 * manage their own account (password, second factor, API tokens). Named, so a route asks for them like for any other
 * capability and the guard-coverage test can tell a deliberate "any account" from a forgotten check.
 */
export const everyoneCapabilities: readonly Capability[] = [
	'ring:read',
	'exchange:write',
	'account:manage_own'
];

/** Where a role applies: global roles hold everywhere, the others only in their own scope. */
export const roleScope: Record<Role, ScopeKind> = {
	admin: 'global',
	observer: 'global',
	city_leadership: 'organisation',
	controller: 'organisation',
	approver: 'organisation',
	field_lead: 'field'
};

/**
 * Role → capabilities, also rendered in the docs. Reading released values needs no capability:
 * anonymous visitors may already do it. The admin manages accounts but deliberately does not
 * enter or release figures (separation of duties); an observer only reads released values.
 * Controller (enter, submit) and approver (release, reopen) are separate so one person cannot
 * release their own figures unless explicitly given both roles. Opening and closing reporting
 * quarters is coordination, not figures: the field lead does it for the field, the admin for all.
 * The admin may also remove any exchange note (moderation, e.g. personal data posted by mistake).
 * The ring's coordinators (admin, observer for the Städtetag, field leads) see the ring-wide
 * completeness overview; city roles do not (decision 0010).
 */
export const capabilityMatrix: Record<Role, readonly Capability[]> = {
	admin: [
		'completeness:read',
		'user:admin',
		'audit:read_all',
		'period:manage',
		'peer_group:manage',
		'exchange:moderate'
	],
	observer: ['completeness:read'],
	city_leadership: ['measurement:read_unreleased', 'audit:read_own_city'],
	controller: [
		'measurement:read_unreleased',
		'measurement:write',
		'measurement:submit',
		'scorecard:write'
	],
	approver: ['measurement:read_unreleased', 'measurement:release', 'measurement:reopen'],
	field_lead: ['completeness:read', 'catalogue:write', 'pilot:write', 'period:manage']
};

export interface Scope {
	organisationId?: number;
	fieldId?: number;
}

/**
 * Whether one assignment covers the scope; a missing id in the scope never matches (fail closed).
 * A global capability (ring-wide reading) has no scope: holding the role is enough.
 */
function coversScope(assignment: RoleAssignment, capability: Capability, scope: Scope): boolean {
	if (capabilityScope[capability] === 'global') return true;
	switch (roleScope[assignment.role]) {
		case 'global':
			return true;
		case 'organisation':
			return (
				assignment.organisationId !== null && assignment.organisationId === scope.organisationId
			);
		case 'field':
			return assignment.fieldId !== null && assignment.fieldId === scope.fieldId;
	}
}

export function can(principal: Principal, capability: Capability, scope: Scope = {}): boolean {
	if (everyoneCapabilities.includes(capability)) return true;
	return principal.roles.some(
		(assignment) =>
			capabilityMatrix[assignment.role].includes(capability) &&
			coversScope(assignment, capability, scope)
	);
}

/**
 * Whether the principal holds the capability in at least one scope (some city, some field): for
 * menus and for pages that narrow to the allowed scopes themselves, such as the audit log.
 */
export function canSomewhere(principal: Principal, capability: Capability): boolean {
	return (
		everyoneCapabilities.includes(capability) ||
		principal.roles.some((assignment) => capabilityMatrix[assignment.role].includes(capability))
	);
}

/** Who administers accounts must protect the account with a second factor (decision 0006). */
export const mustEnrolSecondFactor = (principal: Principal): boolean =>
	canSomewhere(principal, 'user:admin');

/** Value states of an organisation the principal may see: unreleased ones only in the own city. */
export function visibleStatesFor(principal: Principal, organisationId: number): MeasurementState[] {
	return can(principal, 'measurement:read_unreleased', { organisationId })
		? ['draft', 'submitted', 'released']
		: ['released'];
}

/** Where the principal holds a capability: everywhere (a global role), or in these cities and fields. */
export interface CapabilityScopes {
	global: boolean;
	organisationIds: number[];
	fieldIds: number[];
}

/**
 * The scopes in which the principal holds the capability through a role (not through the
 * everyone-capabilities): for pages that gather work across the person's cities and fields, such
 * as the tasks. Each id once.
 */
export function scopesOf(principal: Principal, capability: Capability): CapabilityScopes {
	const holding = principal.roles.filter((a) => capabilityMatrix[a.role].includes(capability));
	const ids = (pick: (a: RoleAssignment) => number | null) => [
		...new Set(holding.map(pick).filter((id): id is number => id !== null))
	];
	return {
		global: holding.some((a) => roleScope[a.role] === 'global'),
		organisationIds: ids((a) => (roleScope[a.role] === 'organisation' ? a.organisationId : null)),
		fieldIds: ids((a) => (roleScope[a.role] === 'field' ? a.fieldId : null))
	};
}
