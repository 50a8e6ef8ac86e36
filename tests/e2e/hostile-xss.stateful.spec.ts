import { expect, test, type Page } from '@playwright/test';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * Stored XSS: markup typed into text fields that other pages render comes back as text. The
 * Köln controller puts a payload into an objective's owner and description (Köln × Beihilfe;
 * the title stays, the strategy map test selects objectives by it), then every page that shows
 * the objective renders it literally: no dialog, no injected element. The old texts are restored.
 */
const PAYLOAD = '<img src=x onerror=alert(1)><script>alert(1)</script>';
const EDIT = '/cities/koeln/beihilfe/edit';

async function expectInert(page: Page) {
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
}

async function saveObjective(page: Page, owner: string, description: string) {
	const form = page.locator('section[aria-labelledby="objective-form-title"]');
	await form.getByLabel('Verantwortlich').fill(owner);
	await form.getByLabel('Beschreibung').fill(description);
	await form.getByRole('button', { name: 'Speichern', exact: true }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
}

test('markup in an objective’s owner and description renders as text, never runs', async ({
	page
}) => {
	const dialogs: string[] = [];
	page.on('dialog', async (dialog) => {
		dialogs.push(dialog.message());
		await dialog.dismiss();
	});
	await loginAs(page, demo.controllerKoeln);
	await page.goto(EDIT);
	await page.locator('a[href*="/edit/objectives/"]').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ziel bearbeiten/);
	const objectivePage = page.url();
	const form = page.locator('section[aria-labelledby="objective-form-title"]');
	const owner = await form.getByLabel('Verantwortlich').inputValue();
	const description = await form.getByLabel('Beschreibung').inputValue();

	try {
		await saveObjective(page, PAYLOAD, `Beschreibung ${PAYLOAD}`);
		for (const path of [
			objectivePage,
			EDIT,
			'/cities/koeln/beihilfe',
			'/cities/koeln/beihilfe/map'
		]) {
			await page.goto(path);
			await expectInert(page);
		}
		await page.goto(objectivePage);
		await expect(form.getByLabel('Verantwortlich')).toHaveValue(PAYLOAD);
		await expect(form.getByLabel('Beschreibung')).toHaveValue(`Beschreibung ${PAYLOAD}`);
		await lookShot(page, 'hostile-xss-objective');
		// The scorecard page shows owner and description as visible text, literally.
		await page.goto('/cities/koeln/beihilfe');
		await expect(page.getByText(`Beschreibung ${PAYLOAD}`)).toBeVisible();
		await expect(page.getByText(PAYLOAD, { exact: false }).first()).toBeVisible();
		await expectInert(page);
		await lookShot(page, 'hostile-xss-scorecard');
		expect(dialogs).toEqual([]);
	} finally {
		await page.goto(objectivePage);
		await saveObjective(page, owner, description);
	}
	expect(dialogs).toEqual([]);
});
