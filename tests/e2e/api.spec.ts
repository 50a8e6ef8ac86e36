import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';

test('the OpenAPI document is public JSON; the API refuses a request without a token', async ({
	request
}) => {
	const doc = await request.get('/api/v1/openapi.json');
	expect(doc.status()).toBe(200);
	expect(doc.headers()['content-type']).toContain('application/json');
	expect((await doc.json()).openapi).toBe('3.1.0');
	const anonymous = await request.get('/api/v1/cities/koeln/values');
	expect(anonymous.status()).toBe(401);
	expect(anonymous.headers()['www-authenticate']).toBe('Bearer realm="ikz"');
	expect((await anonymous.json()).code).toBe('token_missing');
	const unknown = await request.get('/api/v1/nothing');
	expect(unknown.status()).toBe(404);
	expect((await unknown.json()).code).toBe('not_found');
	const english = await request.get('/en/api/v1/cities/koeln/values');
	expect((await english.json()).detail).toMatch(/^No API token given/);
});

test('someone who may not see unreleased values is told why there is no token for them', async ({
	page
}) => {
	await loginAs(page, demo.observer);
	await page.goto('/en/account');
	await page.getByRole('link', { name: 'Manage API tokens for automated delivery' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
	await expect(page.getByText('you cannot create an API token')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Create token' })).toHaveCount(0);
	await expectAccessible(page);
});

// SvelteKit's own CSRF check used to answer these before any hook ran, with a text/plain 403.
const formBodies = [
	['text/plain', 'values=1'],
	['application/x-www-form-urlencoded', 'values=1'],
	[
		'multipart/form-data; boundary=x',
		'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'
	]
] as const;

test('the API answers form and text bodies with problem details, not SvelteKit’s text 403', async ({
	request
}) => {
	for (const [type, body] of formBodies) {
		for (const method of ['PUT', 'POST'] as const) {
			const response = await request.fetch('/api/v1/cities/koeln/values', {
				method,
				headers: { 'content-type': type, origin: 'https://elsewhere.example' },
				data: body
			});
			expect(response.status(), `${method} ${type}`).toBe(401);
			expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
			expect(await response.json()).toMatchObject({
				type: '/api/v1/problems/token_missing',
				status: 401,
				code: 'token_missing'
			});
		}
	}
	// A wrong method on an API path is problem details as well, with the methods allowed.
	const del = await request.delete('/api/v1/cities/koeln/values', {
		headers: { 'content-type': 'text/plain' },
		data: 'x'
	});
	expect(del.status()).toBe(405);
	expect(del.headers()['content-type']).toMatch(/^application\/problem\+json/);
	expect(del.headers()['allow']).toContain('PUT');
});

test('a cross-site form post to the app’s pages is still refused', async ({ request }) => {
	for (const origin of ['https://elsewhere.example', undefined]) {
		const response = await request.post('/login', {
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				...(origin ? { origin } : {})
			},
			data: 'email=a%40b.de&password=x'
		});
		expect(response.status(), `origin ${origin}`).toBe(403);
		expect(await response.text()).toBe('Cross-site POST form submissions are forbidden');
	}
	// Same origin goes through to the form (which refuses the wrong password itself).
	const same = await request.post('/login', {
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: new URL((await request.get('/')).url()).origin
		},
		data: 'email=a%40b.de&password=x'
	});
	expect(same.status()).not.toBe(403);
});
