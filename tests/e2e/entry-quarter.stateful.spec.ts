import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { loginWithSecondFactor } from './second-factor';

/**
 * Issue 14, point 1: every write on the entry page acts on the quarter the page shows. Köln ×
 * D115 as in the report: the field lead reopens Q3/2025 while the six Q3/2026 values are drafts
 * (the approver reopens them here; other specs use Köln's Archivierung drafts). Saving,
 * submitting, releasing and reopening on the Q3/2025 page must change Q3/2025 only; the Q3/2026
 * values stay as they were. Leaves Q3/2025 closed again and Köln's Q3/2026 D115 values as drafts.
 */
const FIELD = 'service-center-d115';
const ENTRY = `/cities/koeln/${FIELD}/entry`;
const PAST = `${ENTRY}?q=2025-3`;
const CURRENT = `${ENTRY}?q=2026-3`;
const PERIODS = `/fields/${FIELD}/periods`;
const KPI = 'D115-ELQ';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

async function personPage(browser: Browser, email: string, javaScriptEnabled = true) {
	const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
	// The field lead may have turned on 2FA in another spec of this run.
	await (email === demo.fieldLeadD115 ? loginWithSecondFactor(page, email) : loginAs(page, email));
	return page;
}

const row = (page: Page, code: string) => page.locator('tbody tr', { hasText: code });
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
/** The page's answer to a form: a success (status) or a refusal (alert) paragraph. */
const answer = (page: Page) => page.locator('p[role="status"], p[role="alert"]').first();

/** What the grid shows per KPI: value, comment and state. */
async function gridState(page: Page) {
	const rows = page.locator('tbody tr');
	const shown: string[] = [];
	for (let i = 0; i < (await rows.count()); i++) {
		const r = rows.nth(i);
		shown.push(
			[
				await r.locator('.code').textContent(),
				await r.locator('input[data-entry-value]').inputValue(),
				await r.locator('.comment-input').inputValue(),
				(await r.locator('td').last().innerText()).replace(/\s+/g, ' ')
			].join(' | ')
		);
	}
	return shown;
}

async function reopenValue(page: Page, code: string, reason: string) {
	const select = page.getByRole('combobox', { name: 'Kennzahl' });
	const value = await select.locator('option', { hasText: code }).getAttribute('value');
	await select.selectOption(value!);
	await page.getByLabel('Grund der Korrektur').fill(reason);
	await page.getByRole('button', { name: 'Wert wieder öffnen' }).click();
}

test('writes on a past quarter’s entry page change that quarter only', async ({ browser }) => {
	const lead = await personPage(browser, demo.fieldLeadD115);
	const approver = await personPage(browser, demo.approverKoeln);
	const controller = await personPage(browser, demo.controllerKoeln);

	// The field lead reopens Q3/2025 for a late correction.
	await lead.goto(PERIODS);
	const past = lead
		.getByRole('table', { name: /Berichtsquartale von/ })
		.getByRole('row', { name: /^Q3\/2025 / });
	await past.getByRole('link', { name: 'Q3/2025 wieder öffnen …' }).click();
	await lead
		.getByRole('region', { name: 'Q3/2025 wieder öffnen' })
		.getByLabel('Grund der Wiedereröffnung')
		.fill('Korrektur der Erstlösungsquote Köln');
	await lead.getByRole('button', { name: 'Wieder öffnen' }).click();
	await expect(lead.getByRole('status')).toHaveText('Q3/2025 ist wieder geöffnet.');

	// Meanwhile all six Q3/2026 values are drafts again.
	await approver.goto(CURRENT);
	await expect(heading(approver)).toContainText('Q3/2026');
	await expect(approver.locator('tbody tr')).toHaveCount(6);
	for (let i = 0; i < 6; i++) {
		const option = approver.getByRole('combobox', { name: 'Kennzahl' }).locator('option').first();
		const code = (await option.textContent())!.split(' – ')[0]!.trim();
		await reopenValue(approver, code, 'Nachlieferung aus dem Telefoniesystem');
		await expect(row(approver, code).locator('td').last()).toContainText('Entwurf');
	}
	await expect(approver.getByRole('region', { name: 'Korrektur' })).toHaveCount(0);
	const currentBefore = await gridState(approver);
	expect(currentBefore.every((r) => r.includes('Entwurf'))).toBe(true);

	// A second approver session keeps the Q3/2025 page open from before the reopening.
	const stale = await personPage(browser, demo.approverKoeln);
	await stale.goto(PAST);

	// "Wert wieder öffnen" on the Q3/2025 page reopens the Q3/2025 value.
	await approver.goto(PAST);
	await expect(heading(approver)).toContainText('Q3/2025');
	await expect(row(approver, KPI).locator('td').last()).toContainText('freigegeben');
	await reopenValue(approver, KPI, 'Zählfehler im Quellsystem');
	await expect(answer(approver)).toContainText('Der Wert ist wieder als Entwurf offen');
	await expect(answer(approver)).toContainText('Q3/2025');
	await expect(heading(approver)).toContainText('Q3/2025');
	await expect(row(approver, KPI).locator('td').last()).toContainText('Entwurf');

	// The other session reopens it too: told it is already open, not a missing comment.
	await reopenValue(stale, KPI, 'Zählfehler im Quellsystem');
	await expect(answer(stale)).toContainText('bereits als Entwurf offen');
	await expect(answer(stale)).not.toContainText('Kommentar');
	await expect(answer(stale)).toHaveAttribute('role', 'alert');
	await expectAccessible(stale);

	// The controller corrects the Q3/2025 value and saves.
	await controller.goto(PAST);
	await expect(heading(controller)).toContainText('Q3/2025');
	await row(controller, KPI).locator('input[data-entry-value]').fill('71,3');
	await row(controller, KPI).locator('.comment-input').fill('Korrektur nach Nachzählung');
	await controller.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(answer(controller)).toContainText('1 Werte geändert');
	await expect(answer(controller)).toContainText('Q3/2025');
	await controller.reload();
	await expect(heading(controller)).toContainText('Q3/2025');
	await expect(row(controller, KPI).locator('input[data-entry-value]')).toHaveValue('71,3');

	// Without JavaScript the answer is the Q3/2025 page, and the save went to Q3/2025.
	const plain = await personPage(browser, demo.controllerKoeln, false);
	await plain.goto(PAST);
	await row(plain, KPI).locator('.comment-input').fill('Korrektur nach Nachzählung, geprüft');
	await plain.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(heading(plain)).toContainText('Q3/2025');
	await expect(answer(plain)).toContainText('1 Werte geändert');
	await expect(row(plain, KPI).locator('.comment-input')).toHaveValue(
		'Korrektur nach Nachzählung, geprüft'
	);

	// Submitting and releasing on the Q3/2025 page act on Q3/2025.
	await controller.goto(PAST);
	await controller.getByRole('button', { name: 'Quartal einreichen' }).click();
	await expect(answer(controller)).toContainText('1 Werte eingereicht');
	await expect(row(controller, KPI).locator('td').last()).toContainText('eingereicht');
	await approver.goto(PAST);
	await expect(approver.getByText('1 eingereichte Werte warten auf die Freigabe')).toBeVisible();
	await approver.getByRole('link', { name: 'Eingereichte Werte prüfen und freigeben' }).click();
	await approver.getByRole('link', { name: 'Übrige Werte annehmen und freigeben …' }).click();
	await approver.getByRole('button', { name: 'Ja, diese Werte freigeben' }).click();
	await expect(approver.getByRole('status')).toContainText(
		'Q3/2025: 1 Werte angenommen und für den Ring freigegeben.'
	);
	await approver.goto(PAST);
	await expect(row(approver, KPI).locator('td').last()).toContainText('freigegeben');
	await expect(row(approver, KPI).locator('input[data-entry-value]')).toHaveValue('71,3');

	// Q3/2026 is exactly as before: six drafts with their values and comments.
	await approver.goto(CURRENT);
	expect(await gridState(approver)).toEqual(currentBefore);

	// Leave Q3/2025 closed, as the demo had it.
	await lead.goto(PERIODS);
	await lead.getByRole('button', { name: 'Q3/2025 schließen' }).click();
	await expect(lead.getByRole('status')).toContainText('Q3/2025 ist geschlossen.');
	for (const page of [lead, approver, controller, stale, plain]) await page.context().close();
});
