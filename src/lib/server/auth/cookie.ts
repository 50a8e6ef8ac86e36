import type { Cookies } from '@sveltejs/kit';
import { forgetComparison } from '../compare/remembered';

/**
 * The session cookie. Over HTTPS it carries the `__Host-` prefix: browsers accept such a cookie
 * only with Secure, Path=/ and no Domain, from a secure origin, so neither a sibling subdomain
 * nor a plain-HTTP answer (on a hostile network) can plant or overwrite it (session fixation).
 * Plain HTTP (local development, the browser tests) cannot use the prefix and keeps the plain
 * name. Whether the app runs behind HTTPS follows from the request URL, i.e. from ORIGIN (or
 * PROTOCOL_HEADER) for adapter-node.
 */
export const SESSION_COOKIE = 'ikz_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

const isSecure = (url: URL) => url.protocol === 'https:';

export function sessionCookieName(url: URL): string {
	return isSecure(url) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Only the name that fits the protocol: over HTTPS a plain-named cookie may have been planted. */
export function readSessionCookie(cookies: Pick<Cookies, 'get'>, url: URL): string | undefined {
	return cookies.get(sessionCookieName(url));
}

/** HttpOnly, SameSite=Lax, Path=/, no Domain; it ends with the session's absolute expiry. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	cookies.set(sessionCookieName(url), token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: isSecure(url),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(sessionCookieName(url), {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: isSecure(url)
	});
}

/**
 * Logout, by every path (the logout form, which also leads on to the provider's logout, and
 * ending the current session on the account page): the session cookie and every cookie that
 * remembers something of the person.
 */
export function deleteLoginCookies(cookies: Cookies, url: URL) {
	deleteSessionCookie(cookies, url);
	forgetComparison(cookies, url);
}
