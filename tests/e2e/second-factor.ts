import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, reuseSession, saveSession, type LoginOptions } from './login';

/**
 * TOTP keys that browser tests enrolled in this run, so a later spec can log the same demo
 * account in again. One file per server (each project has its own, on fresh demo data), so a key
 * is valid for one run of that server.
 */
const file = (page: Page) => `tmp/e2e-totp-${new URL(page.url()).port}.json`;

const readAll = (page: Page): Record<string, string> => {
	try {
		return JSON.parse(readFileSync(file(page), 'utf8')) as Record<string, string>;
	} catch {
		return {};
	}
};

export function rememberTotpSecret(page: Page, email: string, secret: string) {
	mkdirSync('tmp', { recursive: true });
	writeFileSync(file(page), JSON.stringify({ ...readAll(page), [email]: secret }));
}

const STEP_MS = 30_000;
const stepNow = () => Math.floor(Date.now() / STEP_MS);

/** The code of a 30-second time step (TOTP is HOTP over the step number, RFC 6238). */
const codeOfStep = (secret: string, step: number) =>
	generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);

export const totpCode = (secret: string) => codeOfStep(secret, stepNow());

/**
 * The code of the next 30-second step. The app accepts one step either side of its clock (drift),
 * and only a step later than the last one accepted (replay protection): a test that has just used
 * the current code logs in again with this one instead of waiting up to 30 s for the next step.
 */
export const nextTotpCode = (secret: string) => codeOfStep(secret, stepNow() + 1);

/**
 * Logs in with the password, then: enrols 2FA if the account must (admins), or enters a code if
 * another spec of this run turned 2FA on. A code counts once, so a refused one waits for the next.
 * As loginAs, it continues a session an earlier test of this run saved, unless `viaForm`.
 */
export async function loginWithSecondFactor(page: Page, email: string, options: LoginOptions = {}) {
	if (!options.viaForm && (await reuseSession(page, email))) return;
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
		rememberTotpSecret(page, email, secret);
	} else if (/\/login\/2fa$/.test(new URL(page.url()).pathname)) {
		const secret = readAll(page)[email];
		expect(secret, `the TOTP key of ${email}, enrolled earlier in this run`).toBeTruthy();
		// Another login of this account in this run may have used the current step already (each
		// step counts once): then the next step's code, which the app accepts as clock drift; only
		// if that one is used up too, wait for the next step and use the one after it.
		const steps = [stepNow(), stepNow() + 1];
		for (let attempt = 0; attempt < 3; attempt++) {
			if (attempt === 2) {
				await expect.poll(stepNow, { timeout: 35_000 }).toBeGreaterThan(steps[0]!);
				steps.push(stepNow() + 1);
			}
			await page.getByLabel('Code').fill(codeOfStep(secret!, steps[attempt]!));
			await page.getByRole('button', { name: 'Bestätigen' }).click();
			await page.waitForLoadState('networkidle');
			if (!/\/login\/2fa$/.test(new URL(page.url()).pathname)) break;
		}
		expect(new URL(page.url()).pathname, `a second factor for ${email} was accepted`).not.toMatch(
			/\/login\/2fa$/
		);
	}
	await page.goto('/');
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
	if (!options.viaForm) await saveSession(page, email);
}
