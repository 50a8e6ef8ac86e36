import { expect, test, type Page } from '@playwright/test';
import { demo, loginAs } from './login';
import { chartsDrawn } from '../../scripts/bench/main-pages';

/**
 * A person may act while the page still loads its JavaScript. What they opened must stay open
 * when the page hydrates: a form in a <details> that the server renders open only after a refused
 * post (the scorecard editor's, the experience exchange's), and the phone menu.
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
	await loginAs(page, demo.controllerKoeln);
	const release = await holdScripts(page);
	await page.goto('/cities/koeln/beihilfe/edit', { waitUntil: 'domcontentloaded' });
	const panel = page.locator('details', { hasText: 'Ziel hinzufügen' }).first();
	await panel.locator('summary').click();
	await expect(panel.getByRole('button')).toBeVisible();

	release();
	await page.waitForLoadState('networkidle');
	await expect(panel.getByRole('button')).toBeVisible();
	expect(await panel.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
});

test('the exchange forms opened before the scorecard hydrated stay open afterwards', async ({
	page
}) => {
	// Köln's controller wrote the demo's lesson on this value and may add influencing factors.
	await loginAs(page, demo.controllerKoeln);
	const release = await holdScripts(page);
	await page.goto('/cities/koeln/beihilfe?kpi=BH-DAUER', { waitUntil: 'domcontentloaded' });
	const exchange = page.locator('#exchange');
	const factorForm = exchange.locator('details', { hasText: 'Einflussfaktor erfassen' });
	const noteEdit = exchange
		.getByTestId('exchange-note')
		.locator('details', { hasText: 'Bearbeiten' });
	await factorForm.locator('summary').click();
	await noteEdit.locator('summary').click();
	await expect(factorForm.getByRole('combobox', { name: 'Faktor' })).toBeVisible();
	await expect(noteEdit.getByRole('button', { name: 'Änderung speichern' })).toBeVisible();

	release();
	// The trend chart is drawn by an attachment, i.e. once the page has hydrated.
	await chartsDrawn(page);
	await expect(factorForm.getByRole('combobox', { name: 'Faktor' })).toBeVisible();
	await expect(noteEdit.getByRole('button', { name: 'Änderung speichern' })).toBeVisible();
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
