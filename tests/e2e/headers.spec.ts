import { expect, test } from '@playwright/test';

test('every page is served with the security headers', async ({ request }) => {
	for (const path of ['/', '/en/cities', '/cities/koeln/beihilfe', '/cities/atlantis']) {
		const response = await request.get(path);
		const headers = response.headers();
		const csp = headers['content-security-policy'] ?? '';
		expect(csp, path).toContain("frame-ancestors 'none'");
		expect(csp, path).toContain("object-src 'none'");
		expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp.match(/script-src[^;]*/)?.[0], path).not.toContain('unsafe-inline');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		expect(headers['permissions-policy'], path).toContain('camera=()');
		// Plain http on loopback: HSTS only behind https.
		expect(headers['strict-transport-security'], path).toBeUndefined();
	}
});
