import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo } from './login';
import { nextTotpCode, rememberTotpSecret } from './second-factor';

/**
 * Turns on 2FA for the demo field lead, so it runs on a server of its own (project chromium-2fa,
 * playwright.config.ts), which starts from a fresh demo database on every run.
 */
const code = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

async function passwordLogin(page: import('@playwright/test').Page) {
	await page.getByLabel('E-Mail-Adresse').fill(demo.fieldLeadD115);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
}

test('the field lead turns on 2FA and then needs a code at every login', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto('/login');
	await passwordLogin(page);
	await expect(page).toHaveURL(/\/$/);

	await page.goto('/account/2fa');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Zwei-Faktor-Anmeldung' })
	).toBeVisible();
	await expectAccessible(page);
	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();

	// A wrong code is explained, and the same key stays on the page.
	await page.getByLabel('Code').fill('000000');
	await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
	await expect(page.getByText('Der Code ist ungültig oder abgelaufen.')).toBeVisible();
	await expect(page.getByTestId('totp-secret')).toHaveText(secret);
	await expectAccessible(page);

	const enrolCode = code(secret);
	await page.getByLabel('Code').fill(enrolCode);
	await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
	await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
	rememberTotpSecret(page, demo.fieldLeadD115, secret);
	await expectAccessible(page);

	await page.locator('form.logout button').click();
	await expect(page).toHaveURL(/\/login$/);

	// Back to the page the visitor wanted, but only after the second factor.
	await page.goto('/cities/koeln');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcities%2Fkoeln$/);
	await passwordLogin(page);
	await expect(page).toHaveURL(/\/login\/2fa\?redirectTo=%2Fcities%2Fkoeln$/);
	await page.goto('/cities');
	await expect(page).toHaveURL(/\/login\/2fa$/);
	await page.goto('/login/2fa?redirectTo=%2Fcities%2Fkoeln');
	await expectAccessible(page);

	await page.getByLabel('Code').fill('123456x');
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Der Code ist ungültig oder abgelaufen.');
	await expectAccessible(page);

	// Each code counts once, so not the enrolment's code again but the next step's: the app accepts
	// one step ahead of its clock (drift), and it is later than the step the enrolment used.
	const loginCode = nextTotpCode(secret);
	await page.getByLabel('Code').fill(loginCode);
	await page.getByRole('button', { name: 'Bestätigen' }).click();
	await expect(page).toHaveURL(/\/cities\/koeln$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Köln' })).toBeVisible();

	await page.goto('/account');
	await expect(page.getByText('Die Zwei-Faktor-Anmeldung ist eingeschaltet.')).toBeVisible();
});
