import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './login';

/**
 * TOTP keys that browser tests enrolled in this run, so a later spec can log the same demo
 * account in again (the e2e server starts from fresh demo data, so a key is valid for one run).
 */
const file = () => `tmp/e2e-totp-${process.env.PW_PORT ?? 4173}.json`;

const readAll = (): Record<string, string> => {
	try {
		return JSON.parse(readFileSync(file(), 'utf8')) as Record<string, string>;
	} catch {
		return {};
	}
};

export function rememberTotpSecret(email: string, secret: string) {
	mkdirSync('tmp', { recursive: true });
	writeFileSync(file(), JSON.stringify({ ...readAll(), [email]: secret }));
}

export const totpCode = (secret: string) => generateTOTP(decodeBase32IgnorePadding(secret), 30, 6);

/**
 * Logs in with the password, then: enrols 2FA if the account must (admins), or enters a code if
 * another spec of this run turned 2FA on. A code counts once, so a refused one waits for the next.
 */
export async function loginWithSecondFactor(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	if (/\/account\/2fa$/.test(new URL(page.url()).pathname)) {
		const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
		await page.getByLabel('Code').fill(totpCode(secret));
		await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
		await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
		rememberTotpSecret(email, secret);
	} else if (/\/login\/2fa$/.test(new URL(page.url()).pathname)) {
		const secret = readAll()[email];
		expect(secret, `the TOTP key of ${email}, enrolled earlier in this run`).toBeTruthy();
		for (let attempt = 0; attempt < 3; attempt++) {
			const used = totpCode(secret!);
			await page.getByLabel('Code').fill(used);
			await page.getByRole('button', { name: 'Bestätigen' }).click();
			await page.waitForLoadState('networkidle');
			if (!/\/login\/2fa$/.test(new URL(page.url()).pathname)) break;
			await expect.poll(() => totpCode(secret!), { timeout: 35_000 }).not.toBe(used);
		}
	}
	await page.goto('/');
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
}
