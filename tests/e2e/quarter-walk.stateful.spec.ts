/**
 * One quarter end to end with real mail (issue 16): reminder → entry → submit → return with a
 * reason → correction → accept → release → the city's leadership finds the release on its start
 * page. Köln × Archivierung, Q3/2026 (five drafts in the demo), walked by the demo's controller
 * (who reads English), approver and mayor. The app runs on a copy of the run's demo data with
 * SMTP_URL pointing at a real SMTP server started here; after every step the test reads the
 * message that server received and follows its link.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startSmtpSink, type Received } from '../helpers/smtp-sink';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { specPort, startDemoApp, stopApp, waitReady, type AppProcess } from './ops-cluster';
import { loginWithSecondFactor } from './second-factor';

const PORT = { app: specPort(4471, 4), smtp: specPort(4472, 5) };
const APP = `http://127.0.0.1:${PORT.app}`;
const FIELD = 'archivierung';
const ENTRY = `/cities/koeln/${FIELD}/entry`;
const REASON = 'Auslastung 93 % passt nicht zur Meldung des Magazins.';
/** Workflow notices wait for the next tick (5 s here): a missing mail fails after this long. */
const MAIL_DEADLINE_MS = 20_000;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: APP });

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let app: AppProcess;

test.beforeAll(async () => {
	test.setTimeout(90_000);
	sink = await startSmtpSink(PORT.smtp);
	app = startDemoApp(PORT.app, { SMTP_URL: sink.url, MAIL_INTERVAL_SECONDS: '5' });
	await waitReady(app);
});

test.afterAll(async () => {
	if (app) await stopApp(app);
	await sink?.close();
});

/** The messages about Köln's Archivierung Q3/2026 whose subject starts as given. */
const about = (subject: RegExp) =>
	sink.received.filter(
		(m) =>
			subject.test(m.subject) &&
			/\((Archivierung, Köln, Q3\/2026|Archiving, Köln, Q3 2026)\)$/.test(m.subject)
	);

/**
 * Waits until exactly these people (and nobody else) received the `nth` message of this kind
 * (1-based, counted per recipient), and returns each one's copy. Fails when one is missing.
 */
async function delivered(subject: RegExp, recipients: string[], nth = 1) {
	const copies = () =>
		[...new Set(about(subject).flatMap((m) => m.to))]
			.filter((to) => about(subject).filter((m) => m.to.includes(to)).length >= nth)
			.sort();
	await expect
		.poll(copies, {
			message: `mail "${subject.source}" (#${nth}) to ${recipients.join(', ')}`,
			timeout: MAIL_DEADLINE_MS,
			intervals: [250]
		})
		.toEqual([...recipients].sort());
	return new Map(
		recipients.map((to) => [to, about(subject).filter((m) => m.to.includes(to))[nth - 1]!])
	);
}

/** The one link of the message: absolute, on this app, the same in its text and HTML part. */
function linkOf(mail: Received) {
	const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((h) => h[1]!.replace(/&amp;/g, '&'));
	expect(hrefs).toHaveLength(1);
	expect(hrefs[0]!.startsWith(`${APP}/`)).toBe(true);
	expect(mail.text).toContain(hrefs[0]!);
	return hrefs[0]!;
}

async function person(browser: Browser, email: string) {
	const page = await (await browser.newContext({ baseURL: APP })).newPage();
	await (email === demo.admin ? loginWithSecondFactor(page, email) : loginAs(page, email));
	return page;
}

/** The deadline the walk sets: three days from today in Europe/Berlin, within the 7-day reminder. */
function deadlineInThreeDays() {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	const iso = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000)
		.toISOString()
		.slice(0, 10);
	const english = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${iso}T00:00:00Z`)
	);
	const german = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${iso}T00:00:00Z`)
	);
	return { iso, english, german };
}

/** Reminders of the moved deadline, in either language. */
const reminderOf = (d: ReturnType<typeof deadlineInThreeDays>) =>
	new RegExp(`^IKZ-Scorecard: (Deadline ${d.english}|Frist am ${d.german}) `);

/** "Köln, Archivierung: N Werte" in the leadership's part of the start page; 0 when not listed. */
async function releasedRow(mayor: Page) {
	const part = mayor.getByRole('region', { name: 'Für die Stadtspitze' });
	await expect(part).toBeVisible();
	const row = part.getByRole('link', { name: /^Köln, Archivierung: \d+ Werte$/ });
	if ((await row.count()) === 0) return 0;
	return Number((await row.textContent())!.match(/(\d+) Werte/)![1]);
}

test('a quarter from reminder to release, each step announced by e-mail', async ({ browser }) => {
	test.setTimeout(180_000);
	// Each person logs in once, all at the same time.
	const [controller, approver, mayor, admin] = await Promise.all([
		person(browser, demo.controllerKoeln),
		person(browser, demo.approverKoeln),
		person(browser, demo.leadershipKoeln),
		person(browser, demo.admin)
	]);
	const deadline = deadlineInThreeDays();

	await test.step('the controller reads e-mail in English', async () => {
		await controller.goto('/account');
		const section = controller.getByRole('region', { name: 'E-Mail-Benachrichtigungen' });
		await section.getByLabel('Sprache der E-Mails').selectOption('en');
		await section.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }).click();
		await expect(controller.getByText('Ihre E-Mail-Einstellungen sind gespeichert.')).toBeVisible();
	});

	await test.step('the administration makes the D115 field lead lead Archivierung too, and sets a deadline three days ahead', async () => {
		await admin.goto('/admin/users');
		await admin.getByRole('link', { name: 'Demo Feldleitung D115' }).click();
		await admin.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Feldleitung' });
		await admin.getByLabel('Kooperationsfeld').selectOption({ label: 'Archivierung' });
		await admin.getByRole('button', { name: 'Rolle vergeben' }).click();
		await expect(admin.getByText('Die Rolle wurde vergeben.')).toBeVisible();

		await admin.goto(`/fields/${FIELD}/periods`);
		await admin.getByRole('link', { name: 'Frist von Q3/2026 ändern' }).click();
		const change = admin.getByRole('region', { name: 'Frist von Q3/2026 ändern' });
		await change.getByLabel('Frist', { exact: true }).fill(deadline.iso);
		await change.getByRole('button', { name: 'Frist speichern' }).click();
		await expect(admin.getByText('Die Frist von Q3/2026 ist gespeichert.')).toBeVisible();
		await admin.context().close();
	});

	let before = 0;
	await test.step('the mayor has looked at the start page before the release', async () => {
		await mayor.goto('/');
		before = await releasedRow(mayor);
	});

	await test.step('reminder: to the controller only, in English, linking the English entry page', async () => {
		const mail = (await delivered(reminderOf(deadline), [demo.controllerKoeln])).get(
			demo.controllerKoeln
		)!;
		expect(mail.subject).toBe(
			`IKZ-Scorecard: Deadline ${deadline.english} (Archiving, Köln, Q3 2026)`
		);
		expect(mail.text).toContain('Hello Demo Controlling Köln,');
		expect(mail.text).toContain('0 of 5 KPIs are missing, 5 are still drafts.');
		const link = linkOf(mail);
		expect(link).toBe(`${APP}/en${ENTRY}?q=2026-Q3`);
		await controller.goto(link);
		await expect(controller.getByRole('heading', { level: 1 })).toHaveText(
			'Enter values: Köln · Archiving · Q3 2026'
		);
	});

	await test.step('entry and submission by the controller', async () => {
		const typed: Record<string, string> = {
			'ARCH-ANFR-DAUER': '8.5',
			'ARCH-DIGITAL': '191,250',
			'ARCH-ERSCHL': '79.1',
			'ARCH-FACHQUAL': '60',
			'ARCH-MAGAZIN': '93'
		};
		await expect(controller.locator('tbody tr')).toHaveCount(5);
		for (const [code, value] of Object.entries(typed)) {
			const row = controller.locator('tbody tr', { hasText: code });
			await row.locator('input[data-entry-value]').fill(value);
			await row.locator('.comment-input').fill(`Checked by the department (${code})`);
		}
		await controller.getByRole('button', { name: 'Submit quarter' }).click();
		await expect(controller.getByRole('status').filter({ hasText: 'submitted' })).toHaveText(
			'Q3 2026: 5 values submitted for release.'
		);
	});

	await test.step('submitted: to the approver, in German, linking the entry page and on to the review', async () => {
		const mail = (await delivered(/^IKZ-Scorecard: Werte zur Freigabe/, [demo.approverKoeln])).get(
			demo.approverKoeln
		)!;
		expect(mail.text).toContain('Guten Tag Demo Freigabe Köln,');
		expect(mail.text).toContain('für Archivierung, Köln, Q3/2026 wurden 5 Werte eingereicht');
		const link = linkOf(mail);
		expect(link).toBe(`${APP}${ENTRY}?q=2026-Q3`);
		await approver.goto(link);
		await expect(approver.getByText('5 eingereichte Werte warten auf die Freigabe')).toBeVisible();
		await approver.getByRole('link', { name: 'Eingereichte Werte prüfen und freigeben' }).click();
		await expect(approver.getByRole('heading', { level: 1 })).toHaveText(
			'Prüfung und Freigabe: Köln · Archivierung · Q3/2026'
		);
	});

	await test.step('the approver returns one value with a reason', async () => {
		const magazin = approver.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' });
		await magazin.getByLabel('Grund für die Rückgabe von ARCH-MAGAZIN').fill(REASON);
		await magazin.getByRole('button', { name: 'Zurückgeben' }).click();
		await expect(approver.getByRole('status')).toContainText(
			'ARCH-MAGAZIN in Q3/2026 wurde mit Begründung zurückgegeben.'
		);
	});

	await test.step('returned: to the controller, in English with the reason, linking the value', async () => {
		const mail = (
			await delivered(/^IKZ-Scorecard: (Figures returned|Werte zurückgegeben)/, [
				demo.controllerKoeln
			])
		).get(demo.controllerKoeln)!;
		expect(mail.subject).toBe('IKZ-Scorecard: Figures returned (Archiving, Köln, Q3 2026)');
		expect(mail.text).toContain(`Reason: ${REASON}`);
		const link = linkOf(mail);
		expect(link).toBe(`${APP}/en${ENTRY}?q=2026-Q3`);
		await controller.goto(link);
		await expect(controller.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' })).toContainText(
			`Returned: ${REASON}`
		);
	});

	await test.step('the controller corrects the value and submits it again', async () => {
		const magazin = controller.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' });
		await magazin.locator('input[data-entry-value]').fill('89');
		await controller.getByRole('button', { name: 'Submit quarter' }).click();
		await expect(controller.getByRole('status').filter({ hasText: 'submitted' })).toHaveText(
			'Q3 2026: 1 values submitted for release.'
		);
	});

	await test.step('submitted again: to the approver, who accepts and releases after confirming', async () => {
		const mail = (
			await delivered(/^IKZ-Scorecard: Werte zur Freigabe/, [demo.approverKoeln], 2)
		).get(demo.approverKoeln)!;
		expect(mail.text).toContain('für Archivierung, Köln, Q3/2026 wurden 1 Werte eingereicht');
		await approver.goto(linkOf(mail));
		// The corrected value joins the four the approver kept.
		await expect(approver.getByText('5 eingereichte Werte warten auf die Freigabe')).toBeVisible();
		await approver.getByRole('link', { name: 'Eingereichte Werte prüfen und freigeben' }).click();
		await expect(approver.locator('tbody tr', { hasText: 'ARCH-MAGAZIN' })).toContainText('89');
		await approver.getByRole('link', { name: 'Übrige Werte annehmen und freigeben …' }).click();
		await approver.getByRole('button', { name: 'Ja, diese Werte freigeben' }).click();
		await expect(approver.getByRole('status')).toContainText(
			'Q3/2026: 5 Werte angenommen und für den Ring freigegeben.'
		);
	});

	await test.step('released: to the mayor and the field lead, linking the scorecard', async () => {
		const copies = await delivered(/^IKZ-Scorecard: (Werte freigegeben|Figures released)/, [
			demo.leadershipKoeln,
			demo.fieldLeadD115
		]);
		for (const [to, name] of [
			[demo.leadershipKoeln, 'Demo Stadtspitze Köln'],
			[demo.fieldLeadD115, 'Demo Feldleitung D115']
		] as const) {
			const mail = copies.get(to)!;
			expect(mail.subject).toBe('IKZ-Scorecard: Werte freigegeben (Archivierung, Köln, Q3/2026)');
			expect(mail.text).toContain(`Guten Tag ${name},`);
			expect(mail.text).toContain('wurden 5 Werte freigegeben');
			expect(linkOf(mail)).toBe(`${APP}/cities/koeln/${FIELD}`);
		}
		await mayor.goto(linkOf(copies.get(demo.leadershipKoeln)!));
		await expect(mayor.getByRole('heading', { level: 1 })).toHaveText('Köln: Archivierung');
		await expect(mayor.getByText('Berichtsstand Q3/2026')).toBeVisible();
	});

	await test.step("the mayor's start page lists the release (axe in German and English)", async () => {
		await mayor.goto('/');
		expect(await releasedRow(mayor)).toBe(before + 5);
		await expectAccessible(mayor);
		await mayor.goto('/en');
		await expect(
			mayor
				.getByRole('region', { name: "For the city's leadership" })
				.getByRole('link', { name: `Köln, Archiving: ${before + 5} values` })
		).toBeVisible();
		await expectAccessible(mayor);
	});

	await test.step('no step sent a message twice or to anyone else', async () => {
		const workflow = about(/^IKZ-Scorecard: (Werte|Figures) /)
			.map((m) => `${m.subject.replace(/ \(.*$/, '')} → ${m.to.join(',')}`)
			.sort();
		expect(workflow).toEqual(
			[
				`IKZ-Scorecard: Werte zur Freigabe → ${demo.approverKoeln}`,
				`IKZ-Scorecard: Figures returned → ${demo.controllerKoeln}`,
				`IKZ-Scorecard: Werte zur Freigabe → ${demo.approverKoeln}`,
				`IKZ-Scorecard: Werte freigegeben → ${demo.leadershipKoeln}`,
				`IKZ-Scorecard: Werte freigegeben → ${demo.fieldLeadD115}`
			].sort()
		);
		expect(about(reminderOf(deadline))).toHaveLength(1);
	});
	for (const page of [controller, approver, mayor]) await page.context().close();
});
