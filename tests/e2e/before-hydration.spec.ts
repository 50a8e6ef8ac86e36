import { expect, test } from '@playwright/test';
import { demo, loginAs } from './login';

/**
 * A person may act while the page still loads its JavaScript. What they opened must stay open
 * when the page hydrates: here the form for an influencing factor, a <details> that the server
 * renders open only after a refused post.
 */
test('a form opened before the page hydrated stays open afterwards', async ({ page }) => {
	await loginAs(page, demo.controllerDuesseldorf);
	// Hold the app's scripts back until the person has opened the form.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/cities/duesseldorf/archivierung?kpi=ARCH-DIGITAL&quarter=2026-Q3', {
		waitUntil: 'domcontentloaded'
	});
	const exchange = page.locator('#exchange');
	await exchange.getByText('Einflussfaktor erfassen').click();
	await expect(exchange.getByRole('combobox', { name: 'Faktor' })).toBeVisible();

	release();
	// Hydrated: the page's scripts have run (a client-side link works without a full load).
	await page.waitForLoadState('networkidle');
	await page.waitForFunction(() => document.querySelector('#exchange details') !== null);
	await expect(exchange.getByRole('combobox', { name: 'Faktor' })).toBeVisible();
	expect(
		await exchange.locator('details.factor-add').evaluate((d) => (d as HTMLDetailsElement).open)
	).toBe(true);
});
