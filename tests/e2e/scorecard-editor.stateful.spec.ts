import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

const SCORECARD = '/cities/koeln/geschaeftsprozessoptimierung';

async function shot(page: Page, name: string) {
	await lookShot(page, `editor-${name}`);
}

test('a controller builds a scorecard from the template, sets a target and sees status and roll-ups', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto(SCORECARD);
	await expect(page.getByText('Diese Scorecard ist noch nicht aufgebaut')).toBeVisible();
	await page.getByRole('link', { name: 'Scorecard bearbeiten' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Scorecard bearbeiten: Köln/);
	await expectAccessible(page);
	await shot(page, 'empty');

	await page.getByRole('button', { name: 'Vorlage übernehmen' }).click();
	await expect(page.getByRole('status')).toContainText('Vorlage übernommen: 5 Perspektiven');
	await expect(page.getByRole('heading', { level: 3, name: 'Bürger / Kunden' })).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'hub');

	await page
		.getByRole('link', { name: 'Projekte verlässlich für die Fachbereiche umsetzen' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ziel bearbeiten/);
	await expectAccessible(page);
	await shot(page, 'objective');

	await page.getByRole('link', { name: /Ziele und Schwellen\W+GPO-TERMINTREUE/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/GPO-TERMINTREUE/);

	// Yellow must lie outside green: "Gelb ab 90" above "Grün ab 80" is refused with a message.
	await page.getByRole('textbox', { name: 'Jahr', exact: true }).fill('2026');
	await page.getByLabel('Grün ab (Ziel mindestens)').fill('80');
	await page.getByLabel('Gelb ab').fill('90');
	await page.getByRole('button', { name: 'Ziel speichern' }).click();
	await expect(page.getByRole('alert')).toContainText('gelbe Bereich muss den grünen einschließen');
	await expect(page.getByLabel('Gelb ab')).toHaveValue('90');
	await expectAccessible(page);
	await shot(page, 'target-error');

	await page.getByLabel('Gelb ab').fill('67,5');
	await page.getByRole('button', { name: 'Ziel speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Ziel gespeichert');
	await expect(page.getByRole('heading', { level: 2, name: 'Ziel 2026' })).toBeVisible();
	await expect(page.getByText('mind. 80 %')).toBeVisible();

	await page.goto(SCORECARD);
	const row = page.getByRole('row', { name: /GPO-TERMINTREUE/ });
	await expect(row).toContainText(/Im Ziel|Knapp verfehlt|Ziel verfehlt/);
	await expect(row).toContainText(/Score \d+ von 100/);
	const overview = page.getByRole('region', { name: 'Gesamtbewertung' });
	await expect(overview).toContainText('1 von 5 Kennzahlen bewertet');
	await expectAccessible(page);
	await shot(page, 'scorecard');
});

test('a controller cannot edit another city, and an observer cannot edit at all', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	const foreign = await page.goto('/cities/essen/beihilfe/edit');
	expect(foreign?.status()).toBe(403);
	const post = await page.request.post('/cities/essen/beihilfe/edit?/addPerspective', {
		form: { version: '1', nameDe: 'Fremd' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(post.status()).toBe(403);
});

test('the editor is in English under /en, with English number input for weights', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/en/cities/koeln/archivierung/edit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Edit scorecard: Köln/);
	await expectAccessible(page);
	const objective = page.locator('.objective-list a').first();
	await objective.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Edit objective/);
	const weight = page.getByRole('textbox', { name: /^Weight / }).first();
	await weight.fill('1,5');
	await weight.press('Enter');
	await expect(page.getByRole('alert').first()).toContainText('Nothing was saved');
	await expect(page.getByText(/^Weight: a number above 0/)).toBeVisible();
	await weight.fill('1.5');
	await weight.press('Enter');
	await expect(page.getByRole('status').first()).toContainText('Saved.');
	await expect(page.getByRole('textbox', { name: /^Weight / }).first()).toHaveValue('1.50');
	await expectAccessible(page);
	await shot(page, 'objective-en');
});

const gone = 'Dieses Ziel gibt es (nicht mehr) auf dieser Scorecard.';

test('an objective that is gone (or never was) is a page not found on a city scorecard', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	const response = await page.goto('/cities/koeln/archivierung/edit/objectives/999999');
	expect(response!.status()).toBe(404);
	await expect(page.getByText(gone)).toBeVisible();
});

test('an objective that is gone (or never was) is a page not found in the field template', async ({
	page
}) => {
	await loginAs(page, demo.fieldLeadD115);
	const response = await page.goto('/fields/service-center-d115/template/objectives/999999');
	expect(response!.status()).toBe(404);
	await expect(page.getByText(gone)).toBeVisible();
});
