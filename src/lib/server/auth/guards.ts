import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { routes } from '../../routes';
import {
	can,
	canSomewhere,
	mustEnrolSecondFactor,
	type Capability,
	type Scope
} from './permissions';
import type { Viewer } from './viewer';
import { decideApiAccess, type ApiAccess } from '../api/access';
import type { ApiTokenScope } from '../api-tokens/policy';

/**
 * Named guards: the first call in every load, action and endpoint, naming the capability it
 * needs (tests/unit/guard-coverage.test.ts enforces both). These decide synchronously from what
 * the session hook put on `locals`; the guards for one city or field, which must look the scope
 * up first, are in `scoped-guards.ts`.
 */
type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

/** Pages that need no account (login). Named, so the choice is visible and tested. */
export function allowAnonymous(event: GuardEvent): Viewer {
	const user = event.locals.user;
	return user
		? { kind: 'user', principal: { userId: user.id, roles: user.roles } }
		: { kind: 'anonymous' };
}

/**
 * Where a session stands with its second factor: 'verify' while a user with TOTP has not yet
 * entered a code in this session, 'enrol' for an admin who has no TOTP yet (required for admins).
 */
export type SecondFactorState = 'done' | 'verify' | 'enrol';

export function secondFactorState(locals: App.Locals): SecondFactorState {
	const { user, session } = locals;
	if (!user || !session) return 'done';
	// Signed in through the OpenID provider: the second factor is the provider's business
	// (its acr/amr are on the session); local TOTP is for local passwords.
	if (session.authMethod === 'sso') return 'done';
	if (user.hasTotp) return session.twoFactorVerified ? 'done' : 'verify';
	return mustEnrolSecondFactor({ userId: user.id, roles: user.roles }) ? 'enrol' : 'done';
}

function redirectToLogin(event: GuardEvent): never {
	const back = event.url.pathname + event.url.search;
	redirect(303, routes.login(back));
}

function redirectForSecondFactor(state: Exclude<SecondFactorState, 'done'>): never {
	redirect(303, state === 'verify' ? routes.loginSecondFactor() : routes.accountSecondFactor());
}

/**
 * Any fully logged-in person; others are sent to the login page and come back afterwards. A
 * session that still owes its second factor counts as not logged in yet.
 */
export function requireUser(event: GuardEvent): Extract<Viewer, { kind: 'user' }> {
	const user = event.locals.user;
	if (!user) redirectToLogin(event);
	const state = secondFactorState(event.locals);
	if (state !== 'done') redirectForSecondFactor(state);
	return { kind: 'user', principal: { userId: user.id, roles: user.roles } };
}

/**
 * The 2FA set-up page: a logged-in person, including an admin who must enrol before anything
 * else; a session still waiting for its code goes to /login/2fa.
 */
export function requireUserOrEnrolment(event: GuardEvent): Extract<Viewer, { kind: 'user' }> {
	const user = event.locals.user;
	if (!user) redirectToLogin(event);
	if (secondFactorState(event.locals) === 'verify') redirectForSecondFactor('verify');
	return { kind: 'user', principal: { userId: user.id, roles: user.roles } };
}

/** The code page after the password: only a session that still waits for its second factor. */
export function requirePendingSecondFactor(event: GuardEvent): Extract<Viewer, { kind: 'user' }> {
	const user = event.locals.user;
	if (!user) redirectToLogin(event);
	const state = secondFactorState(event.locals);
	if (state === 'enrol') redirectForSecondFactor('enrol');
	if (state === 'done') redirect(303, routes.home());
	return { kind: 'user', principal: { userId: user.id, roles: user.roles } };
}

/** Any session, even one still owing its second factor (logout must always work). */
export function requireSession(event: GuardEvent): Extract<Viewer, { kind: 'user' }> {
	const user = event.locals.user;
	if (!user) redirectToLogin(event);
	return { kind: 'user', principal: { userId: user.id, roles: user.roles } };
}

/**
 * A logged-in person holding the capability for the scope; 403 otherwise. For capabilities
 * without a city or field (`ring:read`, `user:admin`, …); routes about one city or field use
 * `requireCityCapability` / `requireFieldCapability` (scoped-guards.ts), which find the scope.
 */
export function requirePermission(event: GuardEvent, capability: Capability, scope: Scope = {}) {
	const viewer = requireUser(event);
	if (!can(viewer.principal, capability, scope)) error(403, m.error_forbidden());
	return viewer;
}

/**
 * A logged-in person holding at least one of the capabilities in at least one city or field,
 * for pages that narrow what they show to those scopes themselves (the audit log). 403 otherwise.
 */
export function requireCapabilitySomewhere(event: GuardEvent, ...capabilities: Capability[]) {
	const viewer = requireUser(event);
	if (!capabilities.some((c) => canSomewhere(viewer.principal, c))) {
		error(403, m.error_forbidden());
	}
	return viewer;
}

/**
 * API endpoints (/api/v1/**): the bearer token the api-token hook authenticated, never the
 * session cookie. The token must belong to the city in the URL (`[city]`) and allow `need`, and
 * its owner must still hold the capabilities. Refusals come back as a JSON response to return
 * (`if (!access.ok) return access.response;`), since the API answers every error in JSON.
 */
export function requireApiToken(
	event: Pick<RequestEvent, 'locals' | 'params'>,
	need: ApiTokenScope
): ApiAccess {
	return decideApiAccess(event.locals.apiToken, event.params.city, need);
}

/**
 * The guards a route may start with, and what each proves: `capability` guards check a named
 * capability (the coverage test insists on them); the others are for the few routes that exist
 * before or around a capability (login, second factor, logout, public pages), and the coverage
 * test lists each such route by name.
 */
export const routeGuards = {
	requirePermission: 'capability',
	requireCapabilitySomewhere: 'capability',
	requireCityCapability: 'capability',
	requireFieldCapability: 'capability',
	requireApiToken: 'capability',
	allowAnonymous: 'public',
	requireSession: 'session',
	requireUserOrEnrolment: 'session',
	requirePendingSecondFactor: 'session'
} as const;
