import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * The D115 field lead manages reporting quarters. To leave the quarters other specs use alone
 * (Q3/2026 stays open everywhere), it works on Q3/2023, a quarter before the demo data that was
 * never opened, and leaves it open at the end.
 */
const PERIODS = '/fields/service-center-d115/periods';
const ENTRY = '/cities/koeln/service-center-d115/entry?q=2023-3';

// axe on full pages takes a while on two shared cores.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

async function shot(page: Page, name: string) {
	await lookShot(page, `periods-${name}`);
}

async function personPage(browser: Browser, email: string, javaScriptEnabled = true) {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
	await loginAs(page, email);
	return page;
}

const row = (page: Page, quarter: string) =>
	page
		.getByRole('table', { name: /Berichtsquartale von/ })
		.getByRole('row', { name: new RegExp(`^${quarter.replace('/', '\\/')} `) });

async function openForm(page: Page, year: string, quarter: string, deadline: string) {
	const form = page.getByRole('region', { name: 'Quartal öffnen' });
	await form.getByRole('textbox', { name: 'Jahr' }).fill(year);
	await form.getByRole('combobox', { name: 'Quartal' }).selectOption({ label: quarter });
	await form.getByLabel('Frist').fill(deadline);
	await form.getByRole('button', { name: 'Quartal öffnen' }).click();
	return form;
}

test('the field lead opens a quarter, moves its deadline, closes and reopens it; entry follows', async ({
	browser
}) => {
	const lead = await personPage(browser, demo.fieldLeadD115);
	await lead.goto('/fields/service-center-d115');
	await lead.getByRole('link', { name: 'Berichtsquartale und Fristen' }).click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(
		'Berichtsquartale: Service-Center / D115'
	);
	await expect(row(lead, 'Q3/2026')).toContainText('offen');
	await expectAccessible(lead);

	// Bad input: a clear message at the field, nothing written.
	let form = await openForm(lead, '2023', 'Q3', '2023-08-15');
	await expect(
		form.getByText('Die Frist darf nicht vor dem Quartalsende (30.09.2023) liegen.')
	).toBeVisible();
	await expect(form.getByLabel('Frist')).toHaveAttribute('aria-invalid', 'true');
	form = await openForm(lead, '2026', 'Q3', '2026-11-30');
	await expect(form.getByText('Q3/2026 ist bereits geöffnet oder geschlossen.')).toBeVisible();
	form = await openForm(lead, '2030', 'Q1', '2030-05-31');
	await expect(form.getByText('Q1/2030 liegt zu weit in der Zukunft')).toBeVisible();
	await expectAccessible(lead);
	await shot(lead, 'open-refused');
	await lead.reload();
	await expect(row(lead, 'Q3/2023')).toHaveCount(0);
	await expect(row(lead, 'Q1/2030')).toHaveCount(0);

	await openForm(lead, '2023', 'Q3', '2023-11-30');
	await expect(lead.getByRole('status')).toHaveText('Q3/2023 ist geöffnet.');
	await expect(row(lead, 'Q3/2023')).toContainText('30.11.2023');
	await expect(row(lead, 'Q3/2023')).toContainText('von Demo Feldleitung D115');

	await row(lead, 'Q3/2023').getByRole('link', { name: 'Frist von Q3/2023 ändern' }).click();
	const change = lead.getByRole('region', { name: 'Frist von Q3/2023 ändern' });
	await change.getByLabel('Frist').fill('2023-12-15');
	await change.getByRole('button', { name: 'Frist speichern' }).click();
	await expect(lead.getByRole('status')).toHaveText('Die Frist von Q3/2023 ist gespeichert.');
	await expect(row(lead, 'Q3/2023')).toContainText('15.12.2023');

	// A controller can enter values of the open quarter.
	const controller = await personPage(browser, demo.controllerKoeln);
	await controller.goto(ENTRY);
	await expect(controller.getByText('Das Quartal ist offen.')).toBeVisible();
	await expect(
		controller.getByText(/überfällig seit \d+ Tagen \(Frist 15\.12\.2023\)/)
	).toBeVisible();
	await expect(controller.locator('input[data-entry-value]').first()).toBeEditable();

	// A second session of the field lead still shows the open quarter when the first closes it.
	const other = await personPage(browser, demo.fieldLeadD115);
	await other.goto(PERIODS);
	await row(lead, 'Q3/2023').getByRole('button', { name: 'Q3/2023 schließen' }).click();
	await expect(lead.getByRole('status')).toContainText('Q3/2023 ist geschlossen.');
	await expect(row(lead, 'Q3/2023')).toContainText('geschlossen');
	await row(other, 'Q3/2023').getByRole('button', { name: 'Q3/2023 schließen' }).click();
	await expect(other.getByRole('alert')).toContainText(
		'Q3/2023 wurde inzwischen von Demo Feldleitung D115 geschlossen'
	);
	await expect(other.getByRole('alert')).toContainText('Es wurde nichts gespeichert');

	// The closed quarter takes no changes in the entry grid, and says so.
	await controller.goto(ENTRY);
	await expect(
		controller.getByText(
			'Das Quartal ist geschlossen. Werte können nur nach Wiedereröffnung durch die Feldleitung geändert werden.'
		)
	).toBeVisible();
	await expect(controller.locator('input[data-entry-value]').first()).not.toBeEditable();
	await expect(controller.getByRole('button', { name: 'Als Entwurf speichern' })).toHaveCount(0);

	// Reopening needs a reason.
	await row(lead, 'Q3/2023').getByRole('link', { name: 'Q3/2023 wieder öffnen …' }).click();
	const reopen = lead.getByRole('region', { name: 'Q3/2023 wieder öffnen' });
	await reopen.getByRole('button', { name: 'Wieder öffnen' }).click();
	await expect(
		reopen.getByText('Bitte geben Sie einen Grund an (mindestens 3 Zeichen).')
	).toBeVisible();
	await expect(reopen.getByLabel('Grund der Wiedereröffnung')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(lead);
	await shot(lead, 'reopen');
	await reopen
		.getByLabel('Grund der Wiedereröffnung')
		.fill('Nachlieferung der Anrufstatistik von Köln');
	await reopen.getByRole('button', { name: 'Wieder öffnen' }).click();
	await expect(lead.getByRole('status')).toHaveText('Q3/2023 ist wieder geöffnet.');
	await expect(row(lead, 'Q3/2023')).toContainText('offen');

	await controller.goto(ENTRY);
	await expect(controller.getByText('Das Quartal ist offen.')).toBeVisible();
	await expect(
		controller.getByText(/überfällig seit \d+ Tagen \(Frist 15\.12\.2023\)/)
	).toBeVisible();
	await expectAccessible(lead);
	await shot(lead, 'table');
});

test('without JavaScript the deadline form shows its errors and saves', async ({ browser }) => {
	const lead = await personPage(browser, demo.fieldLeadD115, false);
	await lead.goto(PERIODS);
	await row(lead, 'Q3/2023').getByRole('link', { name: 'Frist von Q3/2023 ändern' }).click();
	const change = lead.getByRole('region', { name: 'Frist von Q3/2023 ändern' });
	await change.getByLabel('Frist').fill('2023-09-01');
	await change.getByRole('button', { name: 'Frist speichern' }).click();
	await expect(
		lead
			.getByRole('region', { name: 'Frist von Q3/2023 ändern' })
			.getByText('Die Frist darf nicht vor dem Quartalsende (30.09.2023) liegen.')
	).toBeVisible();
	await lead
		.getByRole('region', { name: 'Frist von Q3/2023 ändern' })
		.getByLabel('Frist')
		.fill('2023-12-20');
	await lead.getByRole('button', { name: 'Frist speichern' }).click();
	await expect(lead.getByRole('status')).toHaveText('Die Frist von Q3/2023 ist gespeichert.');
	await expect(row(lead, 'Q3/2023')).toContainText('20.12.2023');
});

test('others read the quarters without actions; the English page passes axe', async ({
	browser
}) => {
	const controller = await personPage(browser, demo.controllerKoeln);
	await controller.goto(PERIODS);
	await expect(
		controller.getByText('Quartale öffnen und schließen die Feldleitung und die Administration.')
	).toBeVisible();
	await expect(controller.getByRole('button', { name: /schließen/ })).toHaveCount(0);
	await expect(controller.getByRole('region', { name: 'Quartal öffnen' })).toHaveCount(0);
	// The form is not offered through the URL either, and posting is refused.
	await controller.goto(`${PERIODS}?reopen=2026-2`);
	await expect(controller.getByRole('region', { name: /wieder öffnen/ })).toHaveCount(0);
	const refused = await controller.request.post(`${PERIODS}?/close`, {
		form: { year: '2026', quarter: '3', stamp: 'x' },
		headers: { origin: new URL(controller.url()).origin }
	});
	expect(refused.status()).toBe(403);

	const lead = await personPage(browser, demo.fieldLeadD115);
	await lead.goto('/fields/archivierung/periods');
	await expect(lead.getByRole('region', { name: 'Quartal öffnen' })).toHaveCount(0);

	await lead.goto('/en/fields/service-center-d115/periods?reopen=2026-2#change');
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(
		'Reporting quarters: Service centre / D115'
	);
	await expect(lead.getByRole('region', { name: 'Reopen Q2 2026' })).toBeVisible();
	await expectAccessible(lead);
	await shot(lead, 'english');
	await lead.setViewportSize({ width: 400, height: 900 });
	await lead.goto(PERIODS);
	await expectAccessible(lead);
	await shot(lead, 'narrow');
});
