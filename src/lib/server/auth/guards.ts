import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { localizeHref } from '../../paraglide/runtime';
import { can, type Capability, type Scope } from './permissions';
import type { Viewer } from './viewer';

/**
 * Named guards: the first call in every load, action and endpoint (a test enforces it).
 * They decide synchronously from what the session hook put on `locals`.
 */
type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

/** Pages that need no account (login). Named, so the choice is visible and tested. */
export function allowAnonymous(event: GuardEvent): Viewer {
	const user = event.locals.user;
	return user
		? { kind: 'user', principal: { userId: user.id, roles: user.roles } }
		: { kind: 'anonymous' };
}

/** Any logged-in person; others are sent to the login page and come back afterwards. */
export function requireUser(event: GuardEvent): Extract<Viewer, { kind: 'user' }> {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(303, localizeHref(`/login?redirectTo=${encodeURIComponent(back)}`));
	}
	return { kind: 'user', principal: { userId: user.id, roles: user.roles } };
}

/** A logged-in person holding the capability for the scope; 403 otherwise. */
export function requirePermission(event: GuardEvent, capability: Capability, scope: Scope = {}) {
	const viewer = requireUser(event);
	if (!can(viewer.principal, capability, scope)) error(403, m.error_forbidden());
	return viewer;
}

/** Guard names the coverage test accepts as a first statement. */
export const guardNames = ['allowAnonymous', 'requireUser', 'requirePermission'] as const;
