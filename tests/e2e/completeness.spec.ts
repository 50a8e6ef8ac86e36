import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * The ring coordinator's completeness overview on the untouched demo data (Q3/2026 is open in
 * every field, Köln × Archivierung holds drafts): heatmap, drill-down to KPIs, who has not
 * delivered with a mail link, and the CSV for Excel. City roles do not get the page.
 */

// axe on the 13 × 10 heatmap takes a while on two shared cores.
test.describe.configure({ timeout: 90_000 });

async function shot(page: Page, name: string) {
	await lookShot(page, `completeness-${name}`);
}

test('the observer finds the heatmap, drills into a cell and downloads who has not delivered', async ({
	page
}) => {
	await loginAs(page, demo.observer);
	await page
		.getByRole('navigation', { name: 'Hauptnavigation' })
		.getByRole('link', { name: 'Vollständigkeit' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Vollständigkeit der Quartalsdaten Q3/2026'
	);
	const heatmap = page.getByRole('table', { name: /Bearbeitungsstand Q3\/2026/ });
	await expect(heatmap.getByRole('row')).toHaveCount(14); // header + 13 cities
	await expect(heatmap.getByRole('columnheader')).toHaveCount(11); // city + 10 fields
	// Each cell says its state in words beside the icon and the tint, with counts per state.
	const cell = heatmap.getByRole('link', { name: /^Köln, Archivierung: Entwurf/ });
	await expect(cell).toContainText(/Entwurf\s*\d+\/\d+ freigegeben/);
	await expectAccessible(page);
	await shot(page, 'heatmap');

	await cell.click();
	await expect(page).toHaveURL(/field=archivierung&city=koeln#drilldown/);
	const drill = page.getByRole('region', { name: 'Köln, Archivierung: Kennzahlen Q3/2026' });
	await expect(drill).toBeVisible();
	const kpis = drill.getByRole('table', { name: /Stand jeder Kennzahl von Köln in Archivierung/ });
	await expect(kpis.getByRole('row').nth(1)).toContainText(/ARCH-/);
	await expect(kpis).toContainText('Entwurf');
	// States only: no figures of Köln's unreleased drafts.
	await expect(kpis).not.toContainText(/\d+,\d/);
	await expectAccessible(page);
	await shot(page, 'drilldown-city');

	await drill.getByRole('link', { name: 'Alle Städte in Archivierung' }).click();
	await expect(
		page.getByRole('table', { name: /Stand jeder Kennzahl von Archivierung je Stadt/ })
	).toBeVisible();
	await expectAccessible(page);

	const owing = page.getByRole('table', { name: /Noch nicht geliefert, Q3\/2026/ });
	const koeln = owing.getByRole('row', { name: /^Köln/ });
	await expect(koeln).toContainText('Archivierung');
	const mail = koeln.getByRole('link', { name: 'Erinnerung an Köln schreiben' });
	await expect(mail).toHaveAttribute(
		'href',
		/^mailto:controlling\.koeln@demo\.ikz-nrw\.de\?subject=/
	);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Liste als CSV herunterladen (für Excel)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('noch-nicht-geliefert-2026-Q3.csv');
	const csv = await readFile((await download.path())!, 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.slice(1).split('\r\n');
	expect(lines[0]).toBe(
		'Stadt;Kooperationsfeld;Quartal;Frist;Kennzahlen;fehlen;Entwurf;eingereicht;freigegeben;Kontakt'
	);
	expect(lines.find((l) => l.startsWith('Köln;Archivierung;Q3/2026;2026-11-30;'))).toMatch(
		/;controlling\.koeln@demo\.ikz-nrw\.de$/
	);
	expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
});

test('the overview in English and on a narrow screen passes axe', async ({ page }) => {
	await loginAs(page, demo.observer);
	await page.goto('/en/completeness?q=2026-3&field=service-center-d115&city=koeln');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Completeness of the quarterly data Q3 2026'
	);
	await expect(page.getByRole('region', { name: /^Köln, .*D115: KPIs Q3 2026/ })).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'english');
	await page.setViewportSize({ width: 400, height: 900 });
	await page.goto('/completeness');
	await expectAccessible(page);
	await shot(page, 'narrow');
});

test('a field lead sees the whole ring; a city controller gets neither the page nor its CSV', async ({
	browser
}) => {
	const lead = await (await browser.newContext()).newPage();
	await loginAs(lead, demo.fieldLeadD115);
	await lead.goto('/completeness');
	await expect(lead.getByRole('table', { name: /Bearbeitungsstand/ }).getByRole('row')).toHaveCount(
		14
	);

	const controller = await (await browser.newContext()).newPage();
	await loginAs(controller, demo.controllerKoeln);
	await expect(
		controller
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Vollständigkeit' })
	).toHaveCount(0);
	const pageResponse = await controller.goto('/completeness');
	expect(pageResponse?.status()).toBe(403);
	const csvResponse = await controller.request.get('/completeness/export.csv?q=2026-3');
	expect(csvResponse.status()).toBe(403);
	expect(await csvResponse.text()).not.toContain('Köln;');
});
