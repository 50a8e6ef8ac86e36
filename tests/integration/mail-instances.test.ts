import postgres from 'postgres';
import { isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/server/env';
import { openDatabase } from '../../src/lib/server/db/client';
import { mailOutbox } from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { mailTick } from '../../src/lib/server/mail/scheduler';
import { smtpMailer } from '../../src/lib/server/mail/transport';
import { startSmtpSink } from '../helpers/smtp-sink';

const PORT = 4453;
const ORIGIN = 'http://scorecard.test';
const { DATABASE_URL } = parseEnv();

/**
 * Two app instances on one PostgreSQL database: two separate connection pools, each running
 * the scheduler's tick (find due notices, claim, send) at the same moments. Every reminder and
 * overdue notice must reach its recipient exactly once. PGlite has one process by design, so
 * this needs the PostgreSQL server (CI sets DATABASE_URL).
 */
describe.skipIf(!DATABASE_URL)('two app instances on one PostgreSQL', () => {
	const name = `ikz_mail_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	let admin: ReturnType<typeof postgres>;
	let a: DatabaseHandle;
	let b: DatabaseHandle;
	let sink: Awaited<ReturnType<typeof startSmtpSink>>;
	const mailerA = smtpMailer(`smtp://127.0.0.1:${PORT}`, 'A <a@scorecard.test>');
	const mailerB = smtpMailer(`smtp://127.0.0.1:${PORT}`, 'B <b@scorecard.test>');

	beforeAll(async () => {
		sink = await startSmtpSink(PORT);
		admin = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(DATABASE_URL!);
		url.pathname = `/${name}`;
		a = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
		await a.migrate();
		await seedDatabase(a.db, { demo: true });
		b = await openDatabase({ databaseUrl: url.toString(), poolMax: 4 });
	});
	afterAll(async () => {
		mailerA.close();
		mailerB.close();
		await a?.close();
		await b?.close();
		await admin?.unsafe(`drop database if exists "${name}" with (force)`);
		await admin?.end();
		await sink?.close();
	});

	/** Both instances tick `rounds` times at the same moment, all at once. */
	const race = (at: string, rounds: number) =>
		Promise.all(
			Array.from({ length: rounds }, (_, i) =>
				mailTick({
					db: () => (i % 2 === 0 ? a : b).db,
					mailer: i % 2 === 0 ? mailerA : mailerB,
					origin: ORIGIN,
					now: () => new Date(at)
				})
			)
		);

	const pairs = () => sink.received.map((m) => `${m.to.join()} | ${m.subject}`);

	it('sends each reminder once although both instances find it', async () => {
		const results = await race('2026-11-24T08:00:00Z', 6);
		expect(pairs().length).toBeGreaterThan(1);
		expect(new Set(pairs()).size).toBe(pairs().length);
		const sentRows = await a.db.select().from(mailOutbox).where(isNotNull(mailOutbox.sentAt));
		expect(sentRows).toHaveLength(pairs().length);
		expect(results.reduce((n, r) => n + r.sent, 0)).toBe(pairs().length);
	});

	it('sends each overdue notice once, and nothing again on later ticks', async () => {
		sink.clear();
		await race('2026-12-01T08:00:00Z', 6);
		const overdue = pairs().filter((p) => p.includes('Frist überschritten'));
		expect(overdue.length).toBeGreaterThan(1);
		expect(new Set(pairs()).size).toBe(pairs().length);
		const count = pairs().length;
		await race('2026-12-02T08:00:00Z', 4);
		expect(pairs()).toHaveLength(count);
	});
});
