import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cooperationFields,
	mailOutbox,
	organisations,
	reportingPeriods,
	roleAssignments,
	users
} from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import { releaseQuarter, submitQuarter } from '../../src/lib/server/entry/transitions';
import { mailTick } from '../../src/lib/server/mail/scheduler';
import { sendPendingMail } from '../../src/lib/server/mail/outbox';
import { notifyReleased, notifyReturned } from '../../src/lib/server/mail/notify';
import { setOptOuts } from '../../src/lib/server/mail/recipients';
import { mailPasswordLink } from '../../src/lib/server/mail/password-link';
import { loadMailPreferences, saveMailPreferences } from '../../src/lib/server/mail/preferences';
import { createAccount } from '../../src/lib/server/admin/users';
import { passwordTokenState } from '../../src/lib/server/admin/password-links';
import { smtpMailer } from '../../src/lib/server/mail/transport';
import { createTestDatabase } from '../helpers/test-database';
import { startSmtpSink } from '../helpers/smtp-sink';

const PORT = 4451;
const ORIGIN = 'http://scorecard.test';
// Mail is on for this file: read by the app's configuration on first use.
process.env.SMTP_URL = `smtp://127.0.0.1:${PORT}`;
process.env.ORIGIN = ORIGIN;

const Q = { year: 2026, quarter: 3 };
const controller = 'controlling.koeln@demo.ikz-nrw.de';
const controllerDuesseldorf = 'controlling.duesseldorf@demo.ikz-nrw.de';
const approver = 'freigabe.koeln@demo.ikz-nrw.de';
const mayor = 'ob.koeln@demo.ikz-nrw.de';
const fieldLead = 'lead.archiv@example.org';
// The quarter as every page's URL writes it (routes.ts, quarterParam).
const entryLink = `${ORIGIN}/cities/koeln/archivierung/entry?q=2026-Q3`;

describe('e-mail over SMTP', () => {
	let handle: DatabaseHandle;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	const mailer = smtpMailer(`smtp://127.0.0.1:${PORT}`, 'IKZ-Scorecard <noreply@scorecard.test>');
	const userId = async (email: string) =>
		(await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
	const tick = (at: string) =>
		mailTick({ db: () => handle.db, mailer, origin: ORIGIN, now: () => new Date(at) });
	/**
	 * The sender alone, at the real time plus `later` ms: notices of the workflow are queued at
	 * the database's now(), so an earlier simulated clock would not see them yet.
	 */
	const send = (later = 0) =>
		sendPendingMail(handle.db, mailer, ORIGIN, () => new Date(Date.now() + later));
	const grid = async () => (await loadEntryGrid(handle.db, 'koeln', 'archivierung', Q, 'de'))!;
	const scope = (g: EntryGrid, uid: number) => ({
		userId: uid,
		organisationId: g.organisation.id,
		fieldId: g.field.id,
		quarter: Q,
		kpiIds: g.rows.map((r) => r.kpiId)
	});
	const seen = (g: EntryGrid) =>
		new Map(g.rows.flatMap((r) => (r.current ? [[r.kpiId, r.current.version] as const] : [])));

	beforeAll(async () => {
		sink = await startSmtpSink(PORT);
		handle = await createTestDatabase();
		await seedDatabase(handle.db, { demo: true });
		// A field lead of the archive field who reads English.
		const [lead] = await handle.db
			.insert(users)
			.values({ email: fieldLead, displayName: 'Alex Archive', locale: 'en' })
			.returning({ id: users.id });
		const [field] = await handle.db
			.select({ id: cooperationFields.id })
			.from(cooperationFields)
			.where(eq(cooperationFields.slug, 'archivierung'));
		await handle.db
			.insert(roleAssignments)
			.values({ userId: lead!.id, role: 'field_lead', fieldId: field!.id });
	});
	afterAll(async () => {
		mailer.close();
		await sink?.close();
		await handle?.close();
	});

	it('tells the city approver of a submission, once, in German with an absolute link', async () => {
		sink.clear();
		const g = await grid();
		const values = g.rows.flatMap((r) => (r.current ? [String(r.current.value)] : []));
		expect(values.length).toBeGreaterThan(0);
		const result = await submitQuarter(handle.db, scope(g, await userId(controller)), [], seen(g));
		expect(result.ok).toBe(true);

		await send();
		expect(sink.received.map((m) => m.to)).toEqual([[approver]]);
		const mail = sink.received[0]!;
		expect(mail.subject).toMatch(/Werte zur Freigabe/);
		expect(mail.subject).toMatch(/Köln/);
		expect(mail.text).toContain('Guten Tag');
		expect(mail.text).toContain(entryLink);
		expect(mail.html).toContain(`href="${entryLink}"`);
		// Counts and names only: none of the submitted values travels by mail.
		for (const v of values.filter((v) => v.length > 2)) {
			expect(mail.text).not.toContain(v);
			expect(mail.text).not.toContain(v.replace('.', ','));
		}

		await send(60_000);
		expect(sink.received).toHaveLength(1);
	});

	it("tells the city's leadership and the field lead of a release, each in their language", async () => {
		sink.clear();
		const g = await grid();
		const result = await releaseQuarter(handle.db, scope(g, await userId(approver)), seen(g));
		expect(result.ok).toBe(true);

		await send();
		const byRecipient = new Map(sink.received.map((m) => [m.to.join(), m]));
		expect([...byRecipient.keys()].sort()).toEqual([fieldLead, mayor].sort());
		const german = byRecipient.get(mayor)!;
		expect(german.subject).toMatch(/Werte freigegeben/);
		// The quarter as the pages write it in each language.
		expect(german.subject).toContain('Q3/2026');
		expect(german.text).toContain(`${ORIGIN}/cities/koeln/archivierung`);
		const english = byRecipient.get(fieldLead)!;
		expect(english.subject).toMatch(/Figures released/);
		expect(english.subject).toContain('Q3 2026');
		expect(english.text).toContain('Hello Alex Archive');
		expect(english.text).toContain(`${ORIGIN}/en/cities/koeln/archivierung`);
		expect(english.html).toContain(`href="${ORIGIN}/en/cities/koeln/archivierung"`);
	});

	it('reminds controllers with open values N days before the deadline, once, unless turned off', async () => {
		sink.clear();
		// 6 days before the demo deadline (30 November): the default of 7 days applies.
		await tick('2026-11-24T08:00:00Z');
		expect(sink.received.length).toBeGreaterThan(0);
		const recipients = new Set(sink.received.flatMap((m) => m.to));
		expect(recipients.has(controllerDuesseldorf)).toBe(true);
		expect(recipients.has(approver)).toBe(false);
		expect(recipients.has(mayor)).toBe(false);
		for (const m of sink.received) {
			expect(m.subject).toMatch(/Frist am 30\.11\.2026/);
			expect(m.text).toMatch(/Kennzahlen fehlen/);
		}
		// Düsseldorf's controller is sent Düsseldorf's pages only.
		for (const m of sink.received.filter((m) => m.to.includes(controllerDuesseldorf)))
			expect(m.text).toMatch(
				new RegExp(`${ORIGIN}/cities/duesseldorf/[a-z0-9-]+/entry\\?q=2026-Q3`)
			);
		const first = sink.received.length;

		// The next tick and the next day find the same reminders: none is sent again.
		await tick('2026-11-24T08:01:00Z');
		await tick('2026-11-25T08:00:00Z');
		expect(sink.received).toHaveLength(first);
	});

	it('sends no reminder to someone who turned reminders off', async () => {
		sink.clear();
		// A new deadline is a new reminder; the controller of Düsseldorf does not want it.
		await handle.db.update(users).set({ locale: 'de' }).where(eq(users.email, controller));
		await setOptOuts(handle.db, await userId(controllerDuesseldorf), ['reminder']);
		await handle.db
			.update(reportingPeriods)
			.set({ deadline: '2026-12-04' })
			.where(eq(reportingPeriods.year, 2026));
		await tick('2026-11-30T08:00:00Z');
		const recipients = new Set(sink.received.flatMap((m) => m.to));
		expect(recipients.has(controllerDuesseldorf)).toBe(false);
		expect(sink.received.every((m) => /Frist am 04\.12\.2026/.test(m.subject))).toBe(true);
	});

	it('sends overdue notices from the day after the deadline in Berlin, to controllers and approver', async () => {
		sink.clear();
		// 23:30 UTC on 4 December is already 5 December in Cologne.
		await tick('2026-12-04T22:59:00Z');
		expect(sink.received.filter((m) => /Frist überschritten/.test(m.subject))).toHaveLength(0);
		await tick('2026-12-04T23:30:00Z');
		const overdue = sink.received.filter((m) => /Frist überschritten/.test(m.subject));
		const recipients = new Set(overdue.flatMap((m) => m.to));
		expect(recipients.has(controllerDuesseldorf)).toBe(true);
		expect(recipients.has(mayor)).toBe(false);
		expect(recipients.has(fieldLead)).toBe(false);
	});

	it('retries a mail the server refused and sends the return notice with its reason once', async () => {
		sink.clear();
		const [city] = await handle.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'));
		const g = await grid();
		sink.refuse(1);
		await handle.db.transaction((tx) =>
			notifyReturned(
				tx,
				{
					organisationId: city!.id,
					fieldId: g.field.id,
					quarter: Q,
					reason: 'Bitte <Quelle> prüfen'
				},
				[{ id: 1, version: 7 }]
			)
		);
		const failed = await send();
		expect(failed.failed).toBe(1);
		expect(sink.received).toHaveLength(0);
		// Too early for the retry (one minute after the first failure).
		await send(30_000);
		expect(sink.received).toHaveLength(0);
		await send(90_000);
		expect(sink.received.map((m) => m.to)).toEqual([[controller]]);
		expect(sink.received[0]!.text).toContain('Begründung: Bitte <Quelle> prüfen');
		expect(sink.received[0]!.html).toContain('Bitte &lt;Quelle&gt; prüfen');
		const [row] = await handle.db
			.select({ attempts: mailOutbox.attempts, sentAt: mailOutbox.sentAt })
			.from(mailOutbox)
			.where(eq(mailOutbox.kind, 'returned'));
		expect(row!.attempts).toBe(2);
		expect(row!.sentAt).not.toBeNull();
	});

	it("mails a new account's set-password link to the new user, absolute and working", async () => {
		sink.clear();
		const created = await createAccount(handle.db, {
			actorUserId: null,
			email: 'neu.koeln@example.org',
			displayName: 'Nora Neu',
			now: new Date()
		});
		if (!created.ok || !created.setPasswordToken) throw new Error('account not created');
		const token = created.setPasswordToken;
		const outcome = await mailPasswordLink(
			{ email: 'neu.koeln@example.org', displayName: 'Nora Neu', locale: 'de' },
			token,
			72,
			mailer
		);
		expect(outcome).toBe('sent');
		expect(sink.received.map((m) => m.to)).toEqual([['neu.koeln@example.org']]);
		const mail = sink.received[0]!;
		const link = `${ORIGIN}/set-password/${token}`;
		expect(mail.text).toContain(link);
		expect(mail.html).toContain(`href="${link}"`);
		expect(mail.text).toContain('72 Stunden');
		expect(await passwordTokenState(handle.db, token, new Date())).toBe('valid');
	});

	it('keeps the mail language and the kinds turned off in the account', async () => {
		sink.clear();
		const mayorId = await userId(mayor);
		await saveMailPreferences(handle.db, mayorId, { locale: 'en', on: ['reminder', 'overdue'] });
		expect(await loadMailPreferences(handle.db, mayorId)).toEqual({
			locale: 'en',
			on: ['reminder', 'overdue']
		});
		// Released notices are off for the mayor now: a release reaches the field lead only.
		const g = await grid();
		const [city] = await handle.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'));
		await handle.db.transaction((tx) =>
			notifyReleased(tx, { organisationId: city!.id, fieldId: g.field.id, quarter: Q }, [
				{ id: 99, version: 1 }
			])
		);
		await send();
		expect(sink.received.map((m) => m.to)).toEqual([[fieldLead]]);
	});
});
