import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demo } from './login';

/*
 * Issue 14.12, in the browser: every browser test comes from one address (127.0.0.1), just as a
 * whole city administration reaches the app through one NAT address. Typos there must not keep
 * the others out, and a person's own repeated typos cost a short wait, named in seconds.
 * Unknown addresses are used for the typos, so no demo account of the other tests is slowed.
 */

const INVALID = 'E-Mail-Adresse oder Passwort ist falsch.';

/** On the login page (a refused login answers with it again); waits for the answer page. */
async function tryLogin(page: Page, email: string, password: string) {
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(password);
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Anmelden' }).click()
	]);
	await page.waitForLoadState();
}

test('ten colleagues’ typos behind one address do not keep the next person out', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/login');
	for (let i = 1; i <= 10; i++) {
		await tryLogin(page, `kollegin${i}@stadt.example`, 'vertippt-vertippt');
		await expect(page.getByRole('alert')).toHaveText(INVALID);
	}
	await tryLogin(page, demo.observer, DEMO_PASSWORD);
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
});

test('one’s own repeated typos are answered with a short wait in seconds', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/login');
	const email = 'tippfehler@stadt.example';
	const alert = page.getByRole('alert');
	for (let i = 1; i <= 5; i++) {
		await tryLogin(page, email, `falsch-${i}-falsch`);
		await expect(alert).toHaveText(INVALID);
	}
	// From the fifth failure on, each next try must wait 1, 2, 4 … seconds (a slow machine may
	// take longer than the first wait between two tries, hence a few tries).
	let text = INVALID;
	for (let i = 6; i <= 9 && text === INVALID; i++) {
		await tryLogin(page, email, `falsch-${i}-falsch`);
		await expect(alert).toBeVisible();
		text = (await alert.textContent())?.trim() ?? '';
	}
	expect(text).toMatch(
		/^Zu viele Fehlversuche\. Bitte versuchen Sie es in \d{1,2} Sekunde\(n\) erneut\.$/
	);
});
