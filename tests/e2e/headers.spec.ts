import { expect, test } from '@playwright/test';

test('every HTML page carries a strict Content-Security-Policy', async ({ request }) => {
	for (const path of ['/login', '/en/login', '/no-such-page']) {
		const csp = (await request.get(path)).headers()['content-security-policy'] ?? '';
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("object-src 'none'");
		expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp.match(/script-src[^;]*/)?.[0], path).not.toContain('unsafe-inline');
	}
});

test('every response, redirects included, carries the other security headers', async ({
	request
}) => {
	for (const path of ['/login', '/cities/koeln/beihilfe', '/no-such-page']) {
		const headers = (await request.get(path, { maxRedirects: 0 })).headers();
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy'], path).toContain('camera=()');
		// Plain http on loopback: HSTS only behind https.
		expect(headers['strict-transport-security'], path).toBeUndefined();
	}
});
