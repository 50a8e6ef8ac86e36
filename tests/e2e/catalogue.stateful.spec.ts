import { expect, request as playwrightRequest, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * The D115 field lead maintains a Steckbrief: a typo fix keeps the version, a changed definition
 * becomes a new version from 2026 Q2. Stateful (changes the D115 catalogue), so it runs after
 * all other browser tests.
 */
const FIELD = 'service-center-d115';
const CODE = 'D115-SCHUL';
const catalogue = `/fields/${FIELD}/catalogue`;
const editPage = `${catalogue}/${CODE}`;

test('the D115 field lead corrects a Steckbrief and versions it', async ({ page }) => {
	test.setTimeout(90_000);
	await loginAs(page, demo.fieldLeadD115);

	await page.goto(catalogue);
	await expect(
		page.getByRole('heading', { level: 1, name: /Kennzahlenkatalog: .*D115/ })
	).toBeVisible();
	await expect(page.getByRole('row', { name: /D115-SL30/ })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: CODE }).click();
	await expect(page).toHaveURL(new RegExp(`${editPage}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Schulungsstunden');
	const history = page.getByRole('table', { name: /Versionen von D115-SCHUL/ });
	await expect(history.locator('tbody tr')).toHaveCount(1);
	await expectAccessible(page);

	// A typo fix: the latest version changes in place, no new version.
	await page.getByLabel('Name (Deutsch)').fill('Schulungsstunden je Servicekraft im Quartal');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Die Korrektur wurde gespeichert');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Schulungsstunden je Servicekraft im Quartal'
	);
	await expect(history.locator('tbody tr')).toHaveCount(1);

	// A changed meaning as a correction is refused, next to the field, keeping the input.
	await page.getByLabel('Definition (Deutsch)').fill('Nur Präsenzschulungen.');
	await page.getByLabel('Jahreswert').selectOption('mean');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('alert')).toContainText('ändert die Bedeutung der Werte');
	await expect(page.getByLabel('Jahreswert')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Definition (Deutsch)')).toHaveValue('Nur Präsenzschulungen.');
	await expectAccessible(page);

	// The same change as a new version from 2026 Q2.
	const definition =
		'Summe der Schulungsstunden (Fachwissen, Gesprächsführung, Wissensdatenbank, E-Learning) im Quartal geteilt durch die Zahl der Servicekräfte in Vollzeitäquivalenten zum Quartalsende.';
	await page.getByLabel('Jahreswert').selectOption('sum');
	await page.getByLabel(/^Neue Version/).check();
	await page.getByLabel('Jahr', { exact: true }).fill('2026');
	await page.getByLabel('Quartal', { exact: true }).selectOption('2');
	await page.getByLabel('Definition (Deutsch)').fill(definition);
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Die neue Version wurde gespeichert');
	await expect(history.locator('tbody tr')).toHaveCount(2);
	await expect(history.locator('tbody tr').first().getByRole('rowheader')).toContainText('Q2/2026');
	await expect(history.locator('tbody tr').nth(1).getByRole('rowheader')).toContainText('Q1/2020');
	await expect(page.getByRole('region', { name: 'Aktuelle Fassung' })).toContainText(
		'Vollzeitäquivalenten'
	);
	await lookShot(page, 'catalogue-edit');

	// German numbers: "12.5" is refused with a message next to the field; nothing is saved.
	await page.getByLabel('Grün ab').fill('12.5');
	await page.getByLabel('Gelb ab').fill('10');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText('Bitte eine Zahl eingeben, z. B. 75 oder 1.234,5.')).toBeVisible();
	await expect(page.getByLabel('Grün ab')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Grün ab')).toHaveValue('12.5');
	await lookShot(page, 'catalogue-edit-errors');
	await expectAccessible(page);

	// The list shows the new version.
	await page.goto(catalogue);
	await expect(page.getByRole('row', { name: new RegExp(CODE) })).toContainText('Q2/2026');

	// Every city's trend marks the break where the new definition takes effect, and only there.
	await page.goto(`/cities/koeln/service-center-d115?kpi=${CODE}#trend`);
	const trend = page.getByRole('region', { name: /^Verlauf/ });
	const rows = trend.getByRole('table').locator('tbody tr');
	await expect(rows.filter({ hasText: 'Q2/2026' })).toContainText('Definitionswechsel');
	await expect(rows.filter({ hasText: 'Definitionswechsel' })).toHaveCount(1);
	await expectAccessible(page);
});

test('the new-KPI form explains its errors accessibly and creates the KPI', async ({ page }) => {
	test.setTimeout(60_000);
	await loginAs(page, demo.fieldLeadD115);
	await page.goto(catalogue);
	await page.getByRole('link', { name: 'Neue Kennzahl' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Neue Kennzahl' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Kennung').fill('D115-SL30');
	await page.getByLabel('Grün bis').fill('90');
	await page.getByRole('button', { name: 'Kennzahl anlegen' }).click();
	await expect(page.getByRole('alert')).toContainText('Bitte prüfen Sie die markierten Angaben');
	await expect(page.getByLabel('Name (Deutsch)')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Grün bis')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Kennung')).toHaveValue('D115-SL30');
	await lookShot(page, 'catalogue-new-errors');
	await expectAccessible(page);

	await page.getByLabel('Name (Deutsch)').fill('Rückrufquote');
	await page.getByLabel('Name (Englisch)').fill('Call-back rate');
	await page.getByLabel('Definition (Deutsch)').fill('Rückrufe an allen Anrufen.');
	await page.getByLabel('Definition (Englisch)').fill('Call-backs as a share of all calls.');
	await page.getByLabel('Grün bis').fill('');
	await page.getByLabel('Grün ab').fill('12,5');
	await page.getByRole('button', { name: 'Kennzahl anlegen' }).click();
	// The code is taken: the message sits next to it, the rest of the input stays.
	await expect(page.getByText('Diese Kennung gibt es in diesem Feld bereits')).toBeVisible();
	await expect(page.getByLabel('Grün ab')).toHaveValue('12,5');

	await page.getByLabel('Kennung').fill('D115-RUECKRUF');
	await page.getByRole('button', { name: 'Kennzahl anlegen' }).click();
	await expect(page).toHaveURL(/\/catalogue\/D115-RUECKRUF\?done=created$/);
	await expect(page.getByRole('status')).toContainText('Die Kennzahl wurde angelegt');
	await expect(page.getByRole('region', { name: 'Aktuelle Fassung' })).toContainText(
		'mind. 12,5 %'
	);

	// In English the form writes and reads numbers the English way.
	await page.goto(`/en${catalogue}/D115-RUECKRUF`);
	await expect(page.getByLabel('Green from')).toHaveValue('12.5');
	await page.getByLabel('Green from').fill('1,234.5');
	await page.getByLabel('Yellow from').fill('1,000');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('The correction was saved');
	await expect(page.getByRole('region', { name: 'Current version' })).toContainText(
		'at least 1,234.5%'
	);
	await expectAccessible(page);

	// Unused, so it may be deleted for good.
	await page.getByRole('button', { name: 'Delete for good' }).click();
	await expect(page).toHaveURL(new RegExp(`/en${catalogue}\\?deleted=D115-RUECKRUF$`));
	await expect(page.getByRole('status')).toContainText('D115-RUECKRUF was deleted');
});

test.describe('without JavaScript', () => {
	// Plain form posts and full pages: the forms must not depend on the client.
	test.use({ javaScriptEnabled: false });

	test('the field lead creates, archives, restores and deletes a KPI', async ({ page }) => {
		await loginAs(page, demo.fieldLeadD115);
		await page.goto(`${catalogue}/new`);
		await page.getByLabel('Kennung').fill('d115-ohne-js');
		await page.getByLabel('Name (Deutsch)').fill('Anrufe ohne Skript');
		await page.getByLabel('Name (Englisch)').fill('Calls without a script');
		await page.getByLabel('Definition (Deutsch)').fill('Anrufe ohne Gesprächsleitfaden.');
		await page.getByLabel('Definition (Englisch)').fill('Calls without a call guide.');
		await page.getByLabel('Richtung').selectOption('lower_is_better');
		await page.getByLabel('Grün bis').fill('1.234,5');
		await page.getByLabel('Gelb bis').fill('1.000');
		await page.getByRole('button', { name: 'Kennzahl anlegen' }).click();
		// Yellow below green for "lower is better": refused next to the field, input kept.
		await expect(page.getByLabel('Gelb bis')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('„Gelb bis“ darf nicht unter „Grün bis“ liegen')).toBeVisible();
		await expect(page.getByLabel('Grün bis')).toHaveValue('1.234,5');

		await page.getByLabel('Gelb bis').fill('1.500');
		await page.getByRole('button', { name: 'Kennzahl anlegen' }).click();
		await expect(page).toHaveURL(/\/catalogue\/D115-OHNE-JS\?done=created$/);
		await expect(page.getByRole('region', { name: 'Aktuelle Fassung' })).toContainText(
			'höchstens 1.234,5 %'
		);
		await page.getByRole('button', { name: 'Archivieren' }).click();
		await expect(page.getByRole('status')).toContainText('Die Kennzahl ist archiviert');
		await page.getByRole('button', { name: 'Wiederherstellen' }).click();
		await expect(page.getByRole('status')).toContainText('Die Kennzahl steht wieder im Katalog.');
		await page.getByRole('button', { name: 'Archivieren' }).click();
		await expect(page.getByRole('status')).toContainText('Die Kennzahl ist archiviert');
		await page.getByRole('button', { name: 'Endgültig löschen' }).click();
		await expect(page.getByRole('status')).toContainText('D115-OHNE-JS wurde gelöscht');
		await expect(page.getByRole('link', { name: 'D115-OHNE-JS' })).toHaveCount(0);
	});
});

test('a controller reads the Steckbrief but gets 403 for its edit actions', async ({
	page,
	baseURL
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto(editPage);
	await expect(page.getByText('Nur die Feldleitung kann diesen Steckbrief ändern.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Speichern' })).toHaveCount(0);
	await expectAccessible(page);

	const context = await playwrightRequest.newContext({ baseURL });
	const login = await context.post('/login?/login', {
		form: { email: demo.controllerKoeln, password: DEMO_PASSWORD, redirectTo: '/' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	// A browser form post (same origin, so SvelteKit's CSRF check passes): refused by the guard.
	for (const action of ['save', 'archive', 'delete']) {
		const response = await context.post(`${editPage}?/${action}`, {
			form: { mode: 'correct', expectedVersion: '1', nameDe: 'Übernommen' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(403);
		expect(await response.text()).toContain('Dafür fehlt Ihnen die Berechtigung');
	}
	const create = await context.post(`${catalogue}/new`, {
		form: { code: 'X1' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(create.status()).toBe(403);
	expect((await context.get(`${catalogue}/new`, { maxRedirects: 0 })).status()).toBe(403);
	await context.dispose();
});
