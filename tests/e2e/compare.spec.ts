import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';

test('a mayor compares all cities on a D115 KPI and switches a cost KPI to per-inhabitant values', async ({
	page,
	context
}) => {
	await loginAs(page, demo.leadershipKoeln);
	await page.getByRole('link', { name: 'Vergleich', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Vergleich: /);

	// With JavaScript a new field loads at once with its KPI list (decision 0040).
	await page.getByLabel('Kooperationsfeld').selectOption({ label: 'Service-Center / D115' });
	await expect(page).toHaveURL(/field=service-center-d115&.*kpi=/);
	await page.getByLabel('Kennzahl').selectOption('D115-SL30');
	await page.getByLabel('Zeitraum').selectOption('2026-Q2');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Vergleich: .+ · Q2\/2026$/);
	const table = page.getByRole('table', { name: 'Werte der Städte' });
	await expect(table.getByRole('columnheader', { name: 'Rang' })).toBeVisible();
	// Köln is set apart in words, not only by colour.
	await expect(table.getByRole('row', { name: /Köln eigene Stadt/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: /Verteilung/ })).toBeVisible();
	await expect(page.getByText('Median', { exact: true })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Kooperationsfeld').selectOption({ label: 'Beihilfe' });
	await expect(page).toHaveURL(/field=beihilfe&.*kpi=/);
	await page.getByLabel('Kennzahl').selectOption('BH-KOSTEN-EW');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	// The choice of basis appears for KPIs defined per inhabitant or per case.
	await page.getByLabel('absolut (hochgerechnet)').check();
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page.getByText('Keine Rangfolge: Absolute Summen')).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Rang' })).toHaveCount(0);

	await page.getByLabel('je 1.000 Einwohner (wie definiert)').check();
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/basis=defined/);
	await expect(
		page.getByText(
			/Bezugsgröße: je 1\.000 Einwohner, Einwohnerzahl der Stadt zum Stichtag \(15\.05\.2022/
		)
	).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Rang' })).toBeVisible();
	await expect(table.getByRole('row', { name: /Köln.*1\.017\.355/ })).toBeVisible();
	await expectAccessible(page);

	// The address is the view: a new tab shows the same figures.
	const shown = await table.innerText();
	const second = await context.newPage();
	await second.goto(page.url());
	const again = second.getByRole('table', { name: 'Werte der Städte' });
	await expect(again).toBeVisible();
	expect(await again.innerText()).toBe(shown);

	// The back button returns to the previous view.
	await page.goBack();
	await expect(page.getByText('Keine Rangfolge: Absolute Summen')).toBeVisible();

	// From the comparison to the trend of the same KPI, own city preselected; the link is the view.
	await page.getByRole('link', { name: 'Verlauf dieser Kennzahl über die Quartale' }).click();
	await expect(page).toHaveURL(/\/compare\/trend\?field=beihilfe&kpi=BH-KOSTEN-EW/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Kosten Beihilfebearbeitung');
	await expect(page.getByRole('checkbox', { name: 'Köln' })).toBeChecked();
	await expectAccessible(page);
	const trendTable = await page.getByRole('table').first().innerText();
	const third = await context.newPage();
	await third.goto(page.url());
	await expect(third.getByRole('table').first()).toBeVisible();
	expect(await third.getByRole('table').first().innerText()).toBe(trendTable);
});

test('the comparison is in English under /en and explains a bad filter', async ({ page }) => {
	await loginAs(page, demo.observer);
	await page.goto('/en/compare?field=service-center-d115&kpi=D115-ELQ&period=2026-Q3');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Comparison: .+ · Q3 2026$/);
	await expect(page.getByRole('table', { name: 'Values of the cities' })).toBeVisible();
	await expectAccessible(page);
	const response = await page.goto('/en/compare?period=2026-Q9');
	expect(response?.status()).toBe(400);
	await expect(page.getByText('This filter is not valid')).toBeVisible();
});
