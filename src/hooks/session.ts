import type { Handle } from '@sveltejs/kit';
import { appDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { deleteSessionCookie, readSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { validateSessionToken } from '$lib/server/auth/sessions';

/** Puts the session's user and roles on `locals`; guards decide from there. */
export const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = readSessionCookie(event.cookies, event.url);
	if (!token) return resolve(event);

	const db = appDb();
	const { SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS } = env();
	const result = await validateSessionToken(db, token, {
		now: new Date(),
		idleMinutes: SESSION_IDLE_MINUTES,
		absoluteHours: SESSION_ABSOLUTE_HOURS
	});
	if (!result) {
		deleteSessionCookie(event.cookies, event.url);
		return resolve(event);
	}
	event.locals.user = { ...result.user, roles: result.roles };
	event.locals.session = result.session;
	setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
	return resolve(event);
};
