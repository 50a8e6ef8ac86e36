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
	expect((await anonymous.json()).error.code).toBe('token_missing');
	const unknown = await request.get('/api/v1/nothing');
	expect(unknown.status()).toBe(404);
	expect((await unknown.json()).error.code).toBe('not_found');
	const english = await request.get('/en/api/v1/cities/koeln/values');
	expect((await english.json()).error.message).toMatch(/^No API token given/);
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
