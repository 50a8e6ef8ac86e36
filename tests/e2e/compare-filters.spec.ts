import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';
import { expectNoSidewaysScroll } from './layout';

/** Issue 17: comparison filters without JavaScript, the distribution picture, the peer-group trend. */

const shots = async (page: Page, name: string) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await lookShot(page, `${name}-1366`);
	await page.setViewportSize({ width: 390, height: 844 });
	await lookShot(page, `${name}-390`);
	await expectNoSidewaysScroll(page);
	await page.setViewportSize({ width: 1366, height: 900 });
};

test('the comparison filters work without JavaScript and "Vergleich" comes back to them', async ({
	page,
	browser
}) => {
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	const context = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState(),
		baseURL: new URL(page.url()).origin,
		locale: 'de-DE'
	});
	const plain = await context.newPage();
	await plain.goto('/compare?field=service-center-d115&kpi=D115-SL30&period=2026-Q2');
	await expect(plain.getByRole('heading', { level: 1 })).toContainText('Q2/2026');

	// A new field with the old field's KPI still chosen: the server shows and names the new field's.
	await plain.getByLabel('Kooperationsfeld').selectOption({ label: 'Beihilfe' });
	await plain.getByRole('button', { name: 'Anzeigen' }).click();
	const url = new URL(plain.url());
	expect(url.searchParams.get('field')).toBe('beihilfe');
	const kpi = url.searchParams.get('kpi');
	expect(kpi).not.toBe('D115-SL30');
	await expect(plain.getByLabel('Kennzahl')).toHaveValue(kpi!);
	await expect(plain.getByText(`Beihilfe · ${kpi}`)).toBeVisible();

	// The distribution picture names the own city in words; its figures are the table's.
	const strip = plain.getByRole('img', { name: /Streudiagramm/ });
	await expect(strip).toHaveAccessibleName(/Eigene Stadt Köln/);
	await expect(plain.getByRole('table', { name: 'Werte der Städte' })).toBeVisible();

	// "Vergleich" elsewhere in the app comes back to this view.
	await plain.goto('/overview');
	await plain
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Vergleich' })
		.click();
	expect(new URL(plain.url()).searchParams.get('kpi')).toBe(kpi);
	await expect(plain.getByLabel('Kooperationsfeld')).toHaveValue('beihilfe');
	await context.close();

	// With JavaScript, a new field brings its KPI list at once, and the address follows.
	await page.goto('/compare?field=service-center-d115&kpi=D115-SL30&period=2026-Q2');
	// The page may still be hydrating after `load`, and a change before that reaches no handler
	// (the plain form above is what such a visitor uses): choose again until the address follows.
	await expect(async () => {
		await page.getByLabel('Kooperationsfeld').selectOption({ label: 'Beihilfe' });
		await expect(page).toHaveURL((u) => u.searchParams.get('kpi') === kpi, { timeout: 3_000 });
	}).toPass({ timeout: 20_000 });
	expect(new URL(page.url()).searchParams.get('field')).toBe('beihilfe');
	await expect(page.getByLabel('Kennzahl')).toHaveValue(kpi!);
	await expect(page.getByRole('img', { name: /Streudiagramm/ })).toBeVisible();
	await expectAccessible(page);
	await shots(page, 'compare-strip');
	// The picture itself on a phone, for a closer look at its labels.
	await page.setViewportSize({ width: 390, height: 844 });
	await lookShot(page.locator('figure.strip'), 'strip-390');
	await page.setViewportSize({ width: 1366, height: 900 });
	await lookShot(page.locator('figure.strip'), 'strip-1366');
});

test("the trend starts with the own city's peer group in one click", async ({ page }) => {
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	await page.goto('/compare/trend?field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT');
	await page
		.getByRole('navigation', { name: 'Mit der Vergleichsgruppe der eigenen Stadt beginnen' })
		.getByRole('link', { name: 'Kreisfreie Städte' })
		.click();
	await expect(page.getByText('Gezeigt: Vergleichsgruppe „Kreisfreie Städte“')).toBeVisible();
	await expect(page.getByLabel('Vergleichsgruppe', { exact: true })).toHaveValue(
		'kreisfreie-staedte'
	);
	await expect(
		page.getByRole('columnheader', { name: 'Median der Gruppe „Kreisfreie Städte“' })
	).toBeVisible();
	await expectAccessible(page);
	await shots(page, 'trend-group');
});

test("with a peer group the trend's notes name the group's median, not the ring's", async ({
	page
}) => {
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	const trend = '/compare/trend?field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT';
	const main = page.getByRole('main');
	const note = main.getByText(/^Andere Städte: nur freigegebene Werte\./);
	// The canvas's label, what a screen reader announces for the chart.
	const chart = main.locator('figure.chart-frame canvas');

	// Without a group the line is the ring's median, and the notes say so.
	await page.goto(trend);
	await expect(note).toContainText('Median des Rings');
	await expect(chart).toHaveAttribute('aria-label', /Median des Rings/);

	// With a group every note names the group's median; none speaks of the ring's any more.
	await page.goto(`${trend}&group=kreisfreie-staedte`);
	await expect(note).toContainText('Median der Gruppe „Kreisfreie Städte“');
	await expect(chart).toHaveAttribute('aria-label', /Median der Gruppe „Kreisfreie Städte“/);
	await expect(
		main.getByText(/grau gepunktet: Median der Gruppe „Kreisfreie Städte“/)
	).toBeVisible();
	await expect(main).not.toContainText('des Rings');
	expect(await chart.getAttribute('aria-label')).not.toContain('des Rings');

	await page.goto(`/en${trend}&group=kreisfreie-staedte`);
	const noteEn = main.getByText(/^Other cities: released values only\./);
	await expect(noteEn).toContainText('median of the group “Independent cities”');
	await expect(main).not.toContainText(/median of the ring|ring median/i);
	await expectAccessible(page);
});

test('the observer gets the ring at a glance instead of a request to choose', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.observer);
	await page.goto('/overview');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Übersicht des Rings');
	const table = page.getByRole('table', { name: 'Kooperationsfelder des Rings' });
	await expect(table.getByRole('row', { name: /Archivierung/ })).toContainText(/von \d+ Städten/);
	await expectAccessible(page);
	await shots(page, 'overview-ring');
});
