import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	deleteLoginCookies,
	deleteSessionCookie,
	readSessionCookie,
	sessionCookieName,
	setSessionCookie
} from './cookie';

/** Records what the code asks of SvelteKit's cookie jar, and answers reads from `jar`. */
function cookieJar(jar: Record<string, string> = {}) {
	const calls: { op: 'set' | 'delete'; name: string; value?: string; options: object }[] = [];
	const cookies = {
		get: (name: string) => jar[name],
		set: (name: string, value: string, options: object) => {
			calls.push({ op: 'set', name, value, options });
		},
		delete: (name: string, options: object) => {
			calls.push({ op: 'delete', name, options });
		}
	} as unknown as Cookies;
	return { cookies, calls };
}

const https = new URL('https://scorecard.example/login');
const http = new URL('http://127.0.0.1:5173/login');
const expires = new Date('2026-06-01T20:00:00Z');

describe('session cookie', () => {
	it('over HTTPS is named with the __Host- prefix: Secure, Path=/, no Domain', () => {
		expect(sessionCookieName(https)).toBe('__Host-ikz_session');
		const { cookies, calls } = cookieJar();
		setSessionCookie(cookies, https, 'token-1', expires);
		expect(calls).toEqual([
			{
				op: 'set',
				name: '__Host-ikz_session',
				value: 'token-1',
				options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true, expires }
			}
		]);
		expect(calls[0]!.options).not.toHaveProperty('domain');
	});

	it('over plain HTTP (local development) keeps the plain name, without Secure', () => {
		expect(sessionCookieName(http)).toBe('ikz_session');
		const { cookies, calls } = cookieJar();
		setSessionCookie(cookies, http, 'token-2', expires);
		expect(calls).toEqual([
			{
				op: 'set',
				name: 'ikz_session',
				value: 'token-2',
				options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires }
			}
		]);
	});

	it('deletes the cookie under the name and attributes it was set with', () => {
		for (const [url, name, secure] of [
			[https, '__Host-ikz_session', true],
			[http, 'ikz_session', false]
		] as const) {
			const { cookies, calls } = cookieJar();
			deleteSessionCookie(cookies, url);
			expect(calls).toEqual([
				{ op: 'delete', name, options: { httpOnly: true, sameSite: 'lax', path: '/', secure } }
			]);
		}
	});

	it('over HTTPS reads only the __Host- cookie: a plain one may have been planted', () => {
		// A sibling subdomain or a plain-HTTP answer can set `ikz_session`, never `__Host-…`.
		const planted = cookieJar({ ikz_session: 'attacker-token' });
		expect(readSessionCookie(planted.cookies, https)).toBeUndefined();
		const real = cookieJar({ '__Host-ikz_session': 'real-token', ikz_session: 'attacker-token' });
		expect(readSessionCookie(real.cookies, https)).toBe('real-token');
	});

	it('over HTTP reads the plain cookie', () => {
		expect(readSessionCookie(cookieJar({ ikz_session: 'dev-token' }).cookies, http)).toBe(
			'dev-token'
		);
		expect(
			readSessionCookie(cookieJar({ '__Host-ikz_session': 'x' }).cookies, http)
		).toBeUndefined();
	});
});

describe('logout', () => {
	it('deletes the session cookie and the remembered comparison (ikz_compare) with it', () => {
		// A shared PC: after a logout nothing of the person's last view stays in the browser.
		for (const [url, name, secure] of [
			[https, '__Host-ikz_session', true],
			[http, 'ikz_session', false]
		] as const) {
			const { cookies, calls } = cookieJar();
			deleteLoginCookies(cookies, url);
			expect(calls).toEqual([
				{ op: 'delete', name, options: { httpOnly: true, sameSite: 'lax', path: '/', secure } },
				{
					op: 'delete',
					name: 'ikz_compare',
					options: { httpOnly: true, sameSite: 'lax', path: '/', secure }
				}
			]);
		}
	});
});
