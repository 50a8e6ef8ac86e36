import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';
import { expectNoSidewaysScroll } from './layout';

/** Read-only: the mayor's path through the overview, heatmap, history and trend on demo data. */

const shot = async (page: Page, name: string) => {
	await lookShot(page, `${name}-desktop`);
	const size = page.viewportSize();
	await page.setViewportSize({ width: 400, height: 900 });
	await lookShot(page, `${name}-narrow`);
	// Nothing may widen the page beyond the screen: wide tables scroll inside their region.
	await expectNoSidewaysScroll(page);
	if (size) await page.setViewportSize(size);
};

test("a mayor reads the overview, the D115 heatmap, a value's history and the trend", async ({
	page,
	context
}) => {
	// A long journey with axe and screenshots on every page.
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Übersicht' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Übersicht: Köln');
	await expect(page.getByText('Köln in allen Kooperationsfeldern · Stand Q3/2026')).toBeVisible();
	const matrix = page.getByRole('table', { name: /Verdichtung je Kooperationsfeld/ });
	await expect(matrix.locator('tbody tr')).toHaveCount(10);
	// Köln's own Archivierung drafts are in, and marked.
	await expect(matrix.getByRole('row', { name: /Archivierung/ })).toContainText(
		'5 Werte nicht freigegeben'
	);
	await expect(
		page.getByRole('table', { name: 'Schlüsselkennzahlen gegen den Median des Rings' })
	).toContainText(/besser als der Median|schlechter als der Median|gleich dem Median/);
	await expectAccessible(page);
	await shot(page, 'overview');

	await matrix.getByRole('link', { name: 'Heatmap des Felds: Service-Center / D115' }).click();
	await expect(page).toHaveURL(/\/compare\/heatmap\?field=service-center-d115$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Heatmap: Service-Center / D115'
	);
	const grid = page.getByRole('table', { name: 'Städte × Kennzahlen, Q3/2026' });
	await expect(grid.locator('tbody tr')).toHaveCount(13);
	await expect(grid.getByRole('row', { name: /Köln/ })).toContainText('eigene Stadt');
	await expect(grid.locator('.status').first()).toHaveText(
		/Im Ziel|Knapp verfehlt|Ziel verfehlt|Keine Daten|Ohne Ziel/
	);
	await expectAccessible(page);
	await shot(page, 'heatmap');

	const heatmapUrl = page.url();
	await grid
		.getByRole('link', {
			name: /Verlauf und Kommentare: Köln, Servicelevel: Anrufe innerhalb 30 s angenommen/
		})
		.click();
	await expect(page).toHaveURL(/\/cities\/koeln\/service-center-d115\?kpi=D115-SL30#trend$/);
	await expect(
		page.getByRole('heading', {
			level: 2,
			name: 'Verlauf: Servicelevel: Anrufe innerhalb 30 s angenommen'
		})
	).toBeVisible();
	await expectAccessible(page);
	await page.goBack();
	await expect(page).toHaveURL(heatmapUrl);

	await grid
		.getByRole('link', {
			name: 'Verlauf im Vergleich: Servicelevel: Anrufe innerhalb 30 s angenommen'
		})
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Verlauf im Vergleich: Servicelevel: Anrufe innerhalb 30 s angenommen'
	);
	// The own city is preselected; the picker works as a plain form.
	await expect(page.getByRole('checkbox', { name: /Köln/ })).toBeChecked();
	await page.getByRole('checkbox', { name: 'Essen' }).check();
	await page.getByLabel('Von').selectOption('2025-Q1');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/cities=essen/);
	const table = page.getByRole('table', { name: /je Quartal, mit dem Vorjahresquartal/ });
	await expect(table.locator('tbody tr')).toHaveCount(7);
	await expect(table.getByRole('columnheader', { name: 'Essen' })).toBeVisible();
	await expect(page.locator('canvas')).toHaveAttribute('aria-label', /Liniendiagramm/);
	const summary = await page.locator('.trend-compare .summary').textContent();
	await expectAccessible(page);
	await shot(page, 'trend');

	// The link is the view: a new tab shows the same cities, range and figures.
	const shared = await context.newPage();
	await shared.goto(page.url());
	await expect(shared.getByRole('checkbox', { name: 'Essen' })).toBeChecked();
	await expect(shared.getByRole('checkbox', { name: /Köln/ })).toBeChecked();
	await expect(shared.getByLabel('Von')).toHaveValue('2025-Q1');
	await expect(shared.locator('.trend-compare .summary')).toHaveText(summary!);
	await shared.goto(heatmapUrl);
	await expect(shared.getByRole('table', { name: 'Städte × Kennzahlen, Q3/2026' })).toBeVisible();
});

test('another city sees none of Köln’s drafts, on the page and in the export', async ({ page }) => {
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto('/compare/heatmap?field=archivierung&period=2026-Q3');
	const koeln = page.getByRole('row', { name: /^Köln/ });
	await expect(koeln.locator('.value').first()).toHaveText('–');
	await expect(koeln).not.toContainText('Entwurf');
	await expect(page.getByRole('row', { name: /Düsseldorf/ })).toContainText('Entwurf');

	const csv = await page.request.get(
		'/compare/heatmap/export?field=archivierung&period=2026-Q3&format=csv'
	);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text.startsWith('\uFEFFStadt;Kennung;Kennzahl;')).toBe(true);
	const koelnLines = text.split('\r\n').filter((l) => l.startsWith('Köln;'));
	expect(koelnLines).toHaveLength(5);
	expect(koelnLines.every((l) => l.split(';')[4] === '')).toBe(true);
	const xlsx = await page.request.get(
		'/compare/trend/export?field=archivierung&kpi=ARCH-MAGAZIN&cities=koeln&format=xlsx'
	);
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});

test('the views in English, and the overview as a printed briefing page', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.observer);
	await page.goto('/en/overview');
	// Without a city of its own the observer starts with the ring at a glance (issue 17).
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview of the ring');
	await page.getByLabel('City', { exact: true }).selectOption('koeln');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/\/en\/overview\?city=koeln$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview: Köln');
	await expect(page.getByText('Released values of this city only.')).toBeVisible();
	await expectAccessible(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
	await expect(page.getByRole('button', { name: /Print/ })).toBeHidden();
	await expect(page.getByText('Köln in all cooperation fields · as of Q3 2026')).toBeVisible();
	await lookShot(page, 'overview-print');
	await page.emulateMedia({ media: 'screen' });

	await page.goto('/en/compare/heatmap?field=archivierung&period=2025');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Heatmap: Archiving');
	await expect(page.getByRole('row', { name: /^Köln/ })).not.toContainText('draft');
	await expectAccessible(page);
	await page.goto('/en/compare/trend?field=archivierung&kpi=ARCH-MAGAZIN&cities=koeln,essen');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Trend comparison');
	await expectAccessible(page);
	await lookShot(page, 'trend-en');

	const bad = await page.goto('/compare/heatmap?period=2026-Q5');
	expect(bad?.status()).toBe(400);
});

test('the trend draws ten cities, each told apart in the table, and names the eleventh', async ({
	page
}) => {
	// 31 table columns and a ten-line chart: axe needs its time on a shared machine.
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	const eleven = [
		'aachen',
		'bielefeld',
		'bochum',
		'dortmund',
		'duesseldorf',
		'essen',
		'gelsenkirchen',
		'hagen',
		'hamm',
		'koeln',
		'wuppertal'
	];
	await page.goto(
		`/compare/trend?field=archivierung&kpi=ARCH-MAGAZIN&cities=${eleven.join(',')}&from=2016-Q3&to=2026-Q2`
	);
	await expect(page.getByText('Bis zu 10 Städte;')).toBeVisible();
	await expect(page.getByText(/Nicht gezeigt: wuppertal .*mehr als 10 Städte/)).toBeVisible();
	const table = page.getByRole('table', { name: /je Quartal, mit dem Vorjahresquartal/ });
	await expect(table.locator('thead .city-head')).toHaveCount(10);
	await expect(page.locator('canvas')).toHaveAttribute('aria-label', /10 Städte/);
	await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(10);
	await expectAccessible(page);
});
