import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo, loginAs } from './login';

test('the account page shows the own details and the current session', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.getByRole('link', { name: 'Mein Konto' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mein Konto' })).toBeVisible();
	await expect(page.getByText(demo.controllerKoeln)).toBeVisible();
	await expect(page.getByText('Controlling', { exact: true })).toBeVisible();
	const current = page.locator('.account-sessions tr', { hasText: 'Diese Sitzung' });
	await expect(current).toHaveCount(1);
	// German date and time, e.g. "24.11.2026, 09:15".
	await expect(current.locator('td').first()).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
	await expect(page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' })).toBeVisible();
	await expectAccessible(page);
});

test('the password form explains a too short and a mismatching new password', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/account');
	await page.getByLabel('Aktuelles Passwort').fill(DEMO_PASSWORD);
	await page.getByLabel('Neues Passwort', { exact: true }).fill('kurz');
	await page.getByLabel('Neues Passwort wiederholen').fill('kurz');
	await page.getByRole('button', { name: 'Passwort ändern' }).click();
	await expect(
		page.getByText('Das neue Passwort muss mindestens 12 Zeichen lang sein.')
	).toBeVisible();
	await expect(page.getByLabel('Neues Passwort', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(page);

	await page.getByLabel('Aktuelles Passwort').fill(DEMO_PASSWORD);
	await page.getByLabel('Neues Passwort', { exact: true }).fill('Ein-langes-Passwort-2026');
	await page.getByLabel('Neues Passwort wiederholen').fill('Ein-anderes-Passwort-2026');
	await page.getByRole('button', { name: 'Passwort ändern' }).click();
	await expect(page.getByText('Die beiden neuen Passwörter stimmen nicht überein.')).toBeVisible();
	await expect(page.getByLabel('Neues Passwort wiederholen')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(page);
});

test('the account page is available in English', async ({ page }) => {
	await loginAs(page, demo.observer);
	await page.goto('/en/account');
	await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
	await expect(page.getByText('This session')).toBeVisible();
	await expectAccessible(page);
});
