import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';

// Admin user management itself is covered by tests/integration/admin-users.test.ts; the demo
// admin must enrol a second factor before anything else, which these tests stay independent of.

test('Köln leadership sees only Köln entries in the audit log, and bad filters are explained', async ({
	page
}) => {
	await loginAs(page, demo.leadershipKoeln);
	await page.getByRole('link', { name: 'Protokoll' }).click();
	await expect(page).toHaveURL(/\/audit$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
	const table = page.getByRole('table');
	await expect(table).toBeVisible();
	// The organisation column (4th) names only Köln.
	const cities = await table.locator('tbody tr td:nth-child(4)').allTextContents();
	expect(cities.length).toBeGreaterThan(0);
	expect(new Set(cities.map((c) => c.trim()))).toEqual(new Set(['Köln']));
	// Only the own city is offered as a filter.
	const options = await page.getByLabel('Organisation').locator('option').allTextContents();
	expect(options.map((o) => o.trim())).toEqual(['alle', 'Köln']);
	await expectAccessible(page);

	await page.getByLabel('Aktion beginnt mit').fill('user.');
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/action=user\./);
	for (const action of await table.locator('tbody tr td:nth-child(2)').allTextContents())
		expect(action).toMatch(/^user\./);

	await page.goto('/audit?from=2026-13-40&page=abc');
	await expect(page.getByRole('alert')).toContainText('Die Filter konnten nicht angewendet werden');
	await expect(page.getByRole('alert')).toContainText(
		'Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.'
	);
	await expectAccessible(page);

	await page.goto('/en/audit');
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
	await expectAccessible(page);
});

test('the observer has no audit log: a clear 403 page', async ({ page }) => {
	await loginAs(page, demo.observer);
	await expect(page.getByRole('link', { name: 'Protokoll' })).toHaveCount(0);
	const response = await page.goto('/audit');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1, name: 'Fehler 403' })).toBeVisible();
	await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
	await expectAccessible(page);
});

test('a controller cannot open the user management', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
	const response = await page.goto('/admin/users');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
	await expectAccessible(page);
	expect((await page.goto('/admin/users/1'))?.status()).toBe(403);
});

test('an unknown set-password link is explained, not an error', async ({ page }) => {
	const response = await page.goto('/set-password/' + 'a'.repeat(32));
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1, name: 'Passwort festlegen' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('Dieser Link ist ungültig.');
	await expectAccessible(page);
});
