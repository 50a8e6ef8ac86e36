import { expect, test, type Page } from '@playwright/test';
import { demo, loginAs } from './login';

/**
 * A person may act while the page still loads its JavaScript. What they opened must stay open
 * when the page hydrates: here the form for an influencing factor, a <details> that the server
 * renders open only after a refused post.
 */
/** Holds the app's scripts back until the returned function is called. */
async function holdScripts(page: Page) {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

test('a form opened before the page hydrated stays open afterwards', async ({ page }) => {
	await loginAs(page, demo.controllerDuesseldorf);
	const release = await holdScripts(page);
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

test('the phone menu opened before the page hydrated stays open afterwards', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await loginAs(page, demo.leadershipKoeln);
	const release = await holdScripts(page);
	await page.goto('/overview', { waitUntil: 'domcontentloaded' });
	const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await nav.getByText('Menü').click();
	await expect(nav.getByRole('link', { name: 'Vergleich' })).toBeVisible();

	release();
	await page.waitForLoadState('networkidle');
	await expect(nav.getByRole('link', { name: 'Vergleich' })).toBeVisible();
	// And a followed link still closes it (client-side navigation after hydration).
	await nav.getByRole('link', { name: 'Vergleich' }).click();
	await expect(page).toHaveURL(/\/compare/);
	await expect(nav.getByRole('link', { name: 'Vergleich' })).toBeHidden();
});
