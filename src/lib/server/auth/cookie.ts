import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'ikz_session';

/** HttpOnly, SameSite=Lax, Path=/, Secure behind https; it ends with the session's absolute expiry. */
export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure,
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}
