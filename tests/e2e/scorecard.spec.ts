import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

test.beforeEach(async ({ page }) => {
	await loginAs(page, demo.observer);
});

test('a visitor finds a city and reads its D115 scorecard with status and trend', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
	await expect(page.getByRole('note')).toContainText('Demo-Daten');
	await expectAccessible(page);

	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Städte' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Städte' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Köln/ })).toContainText('1.017.355');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Köln' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Köln' })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: /Scorecard öffnen: Service-Center/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Köln: Service-Center/);
	for (const perspective of [
		'Auftragserfüllung / Wirkung',
		'Bürger / Kunden',
		'Finanzen',
		'Prozesse',
		'Mitarbeitende'
	]) {
		await expect(page.getByRole('heading', { level: 2, name: perspective })).toBeVisible();
	}
	// Status is told in words, not by colour alone.
	const statusTexts = page.locator('.kpi-table .status');
	await expect(statusTexts.first()).toHaveText(
		/Im Ziel|Knapp verfehlt|Ziel verfehlt|Keine Daten|Ohne Ziel/
	);
	await expect(page.getByRole('heading', { level: 2, name: /^Verlauf:/ })).toBeVisible();
	await expect(page.locator('#trend table tbody tr')).toHaveCount(12);
	await expect(page.locator('#trend canvas')).toHaveAttribute('aria-label', /Liniendiagramm/);
	await expectAccessible(page);
	await lookShot(page, 'scorecard-de');
});

test('the trend follows the KPI chosen in the table, and the link can be shared', async ({
	page
}) => {
	await page.goto('/cities/koeln');
	await page.getByRole('link', { name: /Scorecard öffnen: Service-Center/ }).click();
	const trendLinks = page.getByRole('link', { name: /^Verlauf von / });
	const second = trendLinks.nth(1);
	const label = (await second.getAttribute('aria-label'))!
		.replace('Verlauf von ', '')
		.replace(' anzeigen', '');
	await second.click();
	await expect(page).toHaveURL(/\?kpi=/);
	await expect(page.getByRole('heading', { level: 2, name: `Verlauf: ${label}` })).toBeVisible();

	const shared = page.url();
	const other = await page.context().newPage();
	await other.goto(shared);
	await expect(other.getByRole('heading', { level: 2, name: `Verlauf: ${label}` })).toBeVisible();
});

test('the English version is one click away and keeps the page', async ({ page }) => {
	await page.goto('/fields');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/en\/fields$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1, name: 'Cooperation fields' })).toBeVisible();
	await expect(page.getByRole('row', { name: /procurement/ })).toContainText('Deutscher Städtetag');
	await expectAccessible(page);

	await page.getByRole('link', { name: /Service centre/ }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: 'KPI catalogue (definitions)' })
	).toBeVisible();
	await expect(page.getByText(/at least 75.0%/).first()).toBeVisible();
	await expectAccessible(page);
	await lookShot(page, 'field-en');
});

test('an unknown city gets a clear not-found page', async ({ page }) => {
	const response = await page.goto('/cities/atlantis');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Fehler 404' })).toBeVisible();
	await expect(page.getByText('Stadt nicht gefunden.')).toBeVisible();
	await expectAccessible(page);
});
