import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * The quarterly cycle in the browser on Köln × Archivierung, whose Q3/2026 (the open quarter of
 * the demo) holds five drafts: a conflict between two sessions, then keyboard-only entry and
 * submission, release by the approver, and another city seeing the released values.
 */
const ENTRY = '/cities/koeln/archivierung/entry';
const SCORECARD = '/cities/koeln/archivierung';

test.describe.configure({ mode: 'serial' });

async function shot(page: Page, name: string) {
	await lookShot(page, `entry-${name}`);
}

const valueCell = (page: Page, code: string) =>
	page.locator('tbody tr', { hasText: code }).locator('input[data-entry-value]');

/** A page in a browser context of its own: a second person, with their own session. */
async function personPage(browser: Browser) {
	return (await browser.newContext()).newPage();
}

/** Presses Tab until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key = 'Tab') {
	for (let i = 0; i < 80; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press(key);
	}
	throw new Error('never reached the element with the keyboard');
}

test('two people change the same value: the second sees the other value and decides', async ({
	browser
}) => {
	const first = await personPage(browser);
	const second = await personPage(browser);
	await loginAs(first, demo.controllerKoeln);
	// Two browsers, two sessions.
	await loginAs(second, demo.controllerKoeln, { viaForm: true });
	await first.goto(ENTRY);
	await second.goto(ENTRY);

	await valueCell(first, 'ARCH-ERSCHL').fill('80,0');
	await first.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(first.getByRole('status').filter({ hasText: 'Gespeichert' })).toContainText(
		'1 Werte geändert'
	);

	await valueCell(second, 'ARCH-ERSCHL').fill('81,5');
	await second.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(second.getByRole('alert').first()).toContainText('Es wurde nichts gespeichert');
	const row = second.locator('tbody tr', { hasText: 'ARCH-ERSCHL' });
	await expect(row).toContainText('Inzwischen geändert von Demo Controlling Köln: 80,0 %');
	// What the second person typed is kept, not replaced by the other value.
	await expect(valueCell(second, 'ARCH-ERSCHL')).toHaveValue('81,5');
	await expectAccessible(second);
	await shot(second, 'conflict');

	// Saving again after seeing the other value is a decision, and it is taken.
	await second.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(second.getByRole('status').filter({ hasText: 'Gespeichert' })).toBeVisible();
	await first.reload();
	await expect(valueCell(first, 'ARCH-ERSCHL')).toHaveValue('81,5');
	await first.close();
	await second.close();
});

test('a controller fills and submits the quarter with the keyboard only', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto(ENTRY);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Werte erfassen: Köln · Archivierung · Q3/2026'
	);
	await expectAccessible(page);

	const codes = await page.locator('tbody tr .code').allTextContents();
	expect(codes).toHaveLength(5);
	const typed: Record<string, string> = {
		'ARCH-ANFR-DAUER': '8,5',
		'ARCH-DIGITAL': '191.250',
		'ARCH-ERSCHL': '79,1',
		'ARCH-FACHQUAL': '60',
		'ARCH-MAGAZIN': '93'
	};
	const inputs = page.locator('input[data-entry-value]');

	// Values down the column: Tab into the first, Enter to the one below, as in a spreadsheet.
	await tabTo(page, inputs.first());
	for (const code of codes) {
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type(typed[code]!);
		await page.keyboard.press('Enter');
	}
	for (const [i, code] of codes.entries()) await expect(inputs.nth(i)).toHaveValue(typed[code]!);

	// Comments back up the column: Tab from the last value to its comment, Shift+Tab twice per row.
	await tabTo(page, inputs.last());
	await page.keyboard.press('Tab');
	for (const code of [...codes].reverse()) {
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type(`Geprüft im Fachbereich (${code})`);
		if (code !== codes[0]) {
			await page.keyboard.press('Shift+Tab');
			await page.keyboard.press('Shift+Tab');
		}
	}
	// The status is judged while typing, with text and not only colour.
	await expect(page.locator('tbody output').first()).toHaveText(
		/Im Ziel|Knapp verfehlt|Ziel verfehlt|Ohne Ziel/
	);

	await tabTo(page, page.getByRole('button', { name: 'Quartal einreichen' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'eingereicht' })).toContainText(
		'5 Werte eingereicht'
	);
	await expect(page.locator('tbody tr').filter({ hasText: /eingereicht\s+Demo/ })).toHaveCount(5);
	await expect(valueCell(page, 'ARCH-DIGITAL')).toHaveAttribute('readonly', '');
	await expectAccessible(page);
	await shot(page, 'submitted');
});

test('before release another city does not see the values; after release it does', async ({
	browser
}) => {
	const trend = `${SCORECARD}?kpi=ARCH-DIGITAL`;
	const other = await personPage(browser);
	await loginAs(other, demo.controllerDuesseldorf);
	await other.goto(trend);
	await expect(other.locator('#trend table')).toBeVisible();
	await expect(other.locator('#trend table')).not.toContainText('191.250');

	// Review without JavaScript: every step is a link or a form post.
	const approver = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	const controller = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await loginAs(approver, demo.approverKoeln);
	await loginAs(controller, demo.controllerKoeln);
	// axe runs inside the page, so it checks each state in a second session with JavaScript.
	const approverAxe = await personPage(browser);
	const controllerAxe = await personPage(browser);
	await loginAs(approverAxe, demo.approverKoeln);
	await loginAs(controllerAxe, demo.controllerKoeln);
	const accessibleAt = async (page: Page, paths: string[]) => {
		for (const path of paths) {
			await page.goto(path);
			await expectAccessible(page);
		}
	};
	const REVIEW = '/cities/koeln/archivierung/review?q=2026-Q3';
	const QUARTER_ENTRY = `${ENTRY}?q=2026-Q3`;
	await approver.goto(ENTRY);
	await expect(approver.getByText('5 eingereichte Werte warten auf die Freigabe')).toBeVisible();
	// No blind release on the entry page: it leads to the review.
	await expect(approver.getByRole('button', { name: /freigeben/ })).toHaveCount(0);
	await approver.getByRole('link', { name: 'Eingereichte Werte prüfen und freigeben' }).click();
	await expect(approver.getByRole('heading', { level: 1 })).toHaveText(
		'Prüfung und Freigabe: Köln · Archivierung · Q3/2026'
	);
	const reviewRow = (code: string) => approver.locator('tbody tr', { hasText: code });
	await expect(approver.locator('tbody tr')).toHaveCount(5);
	// Each value beside the previous quarter and last year, with the controller's note.
	await expect(reviewRow('ARCH-DIGITAL')).toContainText('191.250');
	await expect(reviewRow('ARCH-DIGITAL')).toContainText('Geprüft im Fachbereich (ARCH-DIGITAL)');
	await accessibleAt(approverAxe, [REVIEW, `/en${REVIEW}`]);
	await shot(approver, 'review');

	// A return needs a reason: the browser asks for it (the server refuses none too, see review.test.ts).
	await expect(
		reviewRow('ARCH-MAGAZIN').getByLabel('Grund für die Rückgabe von ARCH-MAGAZIN')
	).toHaveAttribute('required', '');
	await reviewRow('ARCH-MAGAZIN')
		.getByLabel('Grund für die Rückgabe von ARCH-MAGAZIN')
		.fill('Auslastung 93 % passt nicht zur Meldung des Magazins.');
	await reviewRow('ARCH-MAGAZIN').getByRole('button', { name: 'Zurückgeben' }).click();
	await expect(approver.getByRole('status')).toContainText(
		'ARCH-MAGAZIN in Q3/2026 wurde mit Begründung zurückgegeben.'
	);
	await expect(approver.locator('tbody tr')).toHaveCount(4);

	// The controller sees the reason; only the returned value is editable again.
	await controller.goto(ENTRY);
	const magazin = controller.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' });
	await expect(magazin).toContainText(
		'Zurückgegeben: Auslastung 93 % passt nicht zur Meldung des Magazins.'
	);
	await expect(valueCell(controller, 'ARCH-MAGAZIN')).not.toHaveAttribute('readonly', '');
	await expect(valueCell(controller, 'ARCH-DIGITAL')).toHaveAttribute('readonly', '');
	await shot(controller, 'returned');
	await accessibleAt(controllerAxe, [QUARTER_ENTRY, `/en${QUARTER_ENTRY}`]);
	await expect(controllerAxe.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' })).toContainText(
		'Returned:'
	);
	await valueCell(controller, 'ARCH-MAGAZIN').fill('89');
	await controller.getByRole('button', { name: 'Quartal einreichen' }).click();
	await expect(controller.getByRole('status').filter({ hasText: 'eingereicht' })).toContainText(
		'1 Werte eingereicht'
	);
	await expect(controller.getByText(/Eingereicht: Die Werte dieses Quartals/)).toBeVisible();
	await expect(controller.getByRole('button', { name: 'Quartal einreichen' })).toHaveCount(0);
	await accessibleAt(controllerAxe, [QUARTER_ENTRY, `/en${QUARTER_ENTRY}`]);

	// Accepting releases after a confirmation that names what the ring will see.
	await approver.reload();
	await expect(reviewRow('ARCH-MAGAZIN')).toContainText('89');
	await approver.getByRole('link', { name: 'Übrige Werte annehmen und freigeben …' }).click();
	await expect(approver.getByRole('heading', { name: 'Freigabe bestätigen' })).toBeVisible();
	await expect(
		approver.getByText(/diese 5 Werte von Köln im Feld Archivierung für Q3\/2026/)
	).toBeVisible();
	await expect(approver.getByRole('listitem').filter({ hasText: 'ARCH-MAGAZIN' })).toContainText(
		'89'
	);
	await shot(approver, 'confirm');
	await accessibleAt(approverAxe, [`${REVIEW}&confirm=1`, `/en${REVIEW}&confirm=1`]);
	await expect(approverAxe.getByRole('heading', { name: 'Confirm the release' })).toBeVisible();
	await approver.getByRole('button', { name: 'Ja, diese Werte freigeben' }).click();
	await expect(approver.getByRole('status')).toContainText(
		'Q3/2026: 5 Werte angenommen und für den Ring freigegeben.'
	);
	await shot(approver, 'released');
	await accessibleAt(approverAxe, [REVIEW, `/en${REVIEW}`]);
	for (const page of [controller, approverAxe, controllerAxe]) await page.context().close();

	await other.reload();
	await expect(other.locator('#trend table')).toContainText('191.250');
	await expect(other.locator('#trend table')).toContainText('Q3/2026');
	// Another city reads but never reaches the entry grid.
	const response = await other.goto(ENTRY);
	expect(response?.status()).toBe(403);
	await other.close();
	await approver.close();
});
