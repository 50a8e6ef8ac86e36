import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { PENDING_COOKIE, setPendingLogin, takePendingLogin } from './pending-cookie';

/** Just enough of SvelteKit's cookie jar: values and the options each was set with. */
function jar() {
	const values = new Map<string, { value: string; options: Record<string, unknown> }>();
	const cookies = {
		get: (name: string) => values.get(name)?.value,
		set: (name: string, value: string, options: Record<string, unknown>) =>
			values.set(name, { value, options }),
		delete: (name: string) => values.delete(name)
	} as unknown as Cookies;
	return { cookies, values };
}

const pending = {
	state: 's1',
	nonce: 'n1',
	verifier: 'v1',
	redirectTo: '/cities',
	locale: 'en' as const
};
const https = new URL('https://ikz.example.de/login/sso');

describe('the pending single-sign-on login', () => {
	it('is sent only to the callback path, HttpOnly, Secure over HTTPS, for ten minutes', () => {
		const { cookies, values } = jar();
		setPendingLogin(cookies, https, pending);
		expect(values.get(PENDING_COOKIE)!.options).toMatchObject({
			httpOnly: true,
			secure: true,
			sameSite: 'lax',
			path: '/login/sso',
			maxAge: 600
		});
	});

	it('can be taken once', () => {
		const { cookies } = jar();
		setPendingLogin(cookies, https, pending);
		expect(takePendingLogin(cookies, https)).toEqual(pending);
		expect(takePendingLogin(cookies, https)).toBeNull();
	});

	it('is nothing when the cookie is garbage or incomplete (and is still removed)', () => {
		for (const value of ['not-base64-json', Buffer.from('{"state":"s"}').toString('base64url')]) {
			const { cookies, values } = jar();
			cookies.set(PENDING_COOKIE, value, { path: '/login/sso' });
			expect(takePendingLogin(cookies, https)).toBeNull();
			expect(values.has(PENDING_COOKIE)).toBe(false);
		}
	});
});
