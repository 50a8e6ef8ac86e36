import { and, eq, inArray } from 'drizzle-orm';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mailOutbox, measurements, reportingPeriods, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import { findUserByEmail, loadPrincipal } from '../../src/lib/server/auth/users';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import { submitQuarter } from '../../src/lib/server/entry/transitions';
import { returnedValues } from '../../src/lib/server/entry/returned';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues
} from '../helpers/factories';
import { createPeriod } from '../helpers/factory-periods';
import { createTestDatabase } from '../helpers/test-database';

// Mail is on for this file (read on first use): a return queues its notice in mail_outbox.
process.env.SMTP_URL = 'smtp://127.0.0.1:4519';
process.env.ORIGIN = 'http://scorecard.test';

const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<object>()),
	appDb: () => holder.db as Db
}));
const route = await import('../../src/routes/cities/[city]/[field]/review/+page.server');

/**
 * Issue 16, point 3, at the server: the approver returns a submitted value with a reason (the
 * controller sees it in the grid and among the returned values, and gets a mail), and releases
 * only after the confirmation step, only what the confirmation listed.
 */
const FIELD = 'service-center-d115';
const Q = { year: 2026, quarter: 3 };
const QUARTER = '2026-Q3';
const KPI = 'D115-ELQ';
/** The city's D115 scorecard, in this order; all three values of Q3/2026 are submitted. */
const CODES = ['D115-ELQ', 'D115-SL30', 'D115-WARTEZEIT'];

interface Answer {
	status: number;
	data: Record<string, unknown> & { notice: { kind: string; text: string } };
}

describe('review before release', () => {
	let handle: DatabaseHandle;
	let cityId: number;
	let city: string;
	const people = {} as Record<'controller' | 'approver', App.Locals['user']>;
	const viewers = {} as Record<'controller' | 'approver', Viewer>;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		holder.db = handle.db;
		const db = handle.db;
		const weststadt = await createCity(db, { name: 'Weststadt' });
		cityId = weststadt.id;
		city = weststadt.slug;
		for (const [who, email] of [
			['controller', 'controlling@weststadt.test'],
			['approver', 'freigabe@weststadt.test']
		] as const) {
			await createUserWithRoles(db, [{ role: who, organisationId: cityId }], { email });
			const user = (await findUserByEmail(db, email))!;
			const principal = (await loadPrincipal(db, user.id))!;
			people[who] = { ...user, hasTotp: false, roles: principal.roles };
			viewers[who] = { kind: 'user', principal: { userId: user.id, roles: principal.roles } };
		}
		const card = await createScorecard(db, {
			organisationId: cityId,
			field: FIELD,
			kpis: CODES.map((code) => ({ code }))
		});
		for (const [i, code] of CODES.entries())
			await createValues(db, {
				organisationId: cityId,
				kpiId: card.kpiIds.get(code)!,
				values: { [QUARTER]: 10 + i },
				state: 'submitted'
			});
		await createPeriod(db, { fieldId: card.fieldId, ...Q });
	}, 120_000);
	afterAll(() => handle.close());

	const grid = async (): Promise<EntryGrid> =>
		(await loadEntryGrid(handle.db, city, FIELD, Q, 'de'))!;
	const rowOf = (g: EntryGrid, code: string) => g.rows.find((r) => r.code === code)!;
	const states = async () =>
		(await grid()).rows.map((r) => [r.code, r.current?.state, r.current?.returnReason] as const);

	/** Before each test: every D115 value of the city of Q3/2026 submitted, none returned, no mail queued. */
	beforeEach(async () => {
		const g = await grid();
		await handle.db
			.update(measurements)
			.set({ state: 'submitted', returnReason: null, releasedAt: null, releasedBy: null })
			.where(
				and(
					eq(measurements.organisationId, cityId),
					eq(measurements.year, Q.year),
					eq(measurements.quarter, Q.quarter),
					inArray(
						measurements.kpiId,
						g.rows.map((r) => r.kpiId)
					)
				)
			);
		await handle.db
			.update(reportingPeriods)
			.set({ closedAt: null })
			.where(and(eq(reportingPeriods.year, Q.year), eq(reportingPeriods.quarter, Q.quarter)));
		await handle.db.delete(mailOutbox);
	});

	async function post(
		action: 'return' | 'release',
		who: keyof typeof people,
		fields: [string, string][]
	): Promise<Answer> {
		const url = new URL(`http://localhost/cities/${city}/${FIELD}/review?/${action}&q=${QUARTER}`);
		const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
		const event = {
			request,
			url,
			route: { id: '/cities/[city]/[field]/review' },
			params: { city, field: FIELD },
			locals: { user: people[who], session: null }
		} as unknown as RequestEvent;
		const result = (await route.actions[action]!(event as never)) as unknown;
		if (result && typeof result === 'object' && 'status' in result && 'data' in result)
			return result as Answer;
		return { status: 200, data: result as Answer['data'] };
	}

	const returnFields = (g: EntryGrid, code: string, reason: string, version?: number) => {
		const row = rowOf(g, code);
		return [
			['quarter', QUARTER],
			['kpiId', String(row.kpiId)],
			['version', String(version ?? row.current!.version)],
			['reason', reason]
		] as [string, string][];
	};

	const releaseFields = (g: EntryGrid, confirmed: boolean) => [
		['quarter', QUARTER] as [string, string],
		...(confirmed ? [['confirmed', 'yes'] as [string, string]] : []),
		...g.rows
			.filter((r) => r.current?.state === 'submitted')
			.map((r) => ['seen', `${r.kpiId}:${r.current!.version}`] as [string, string])
	];

	it('returns a value with its reason: the controller sees it in the grid and gets the mail', async () => {
		const shown = await grid();
		const answer = await post(
			'return',
			'approver',
			returnFields(shown, KPI, '  Bitte Quelle der Zählung angeben.  ')
		);
		expect(answer.data.notice.text).toBe('D115-ELQ in Q3/2026 wurde mit Begründung zurückgegeben.');

		const row = rowOf(await grid(), KPI);
		expect(row.current).toMatchObject({
			state: 'draft',
			returnReason: 'Bitte Quelle der Zählung angeben.'
		});
		// The other values stay submitted.
		expect(await states()).toEqual([
			['D115-ELQ', 'draft', 'Bitte Quelle der Zählung angeben.'],
			['D115-SL30', 'submitted', null],
			['D115-WARTEZEIT', 'submitted', null]
		]);

		const forController = await returnedValues(handle.db, viewers.controller, { quarter: Q });
		expect(forController).toEqual([
			expect.objectContaining({
				citySlug: city,
				fieldSlug: FIELD,
				kpiCode: KPI,
				quarter: Q,
				reason: 'Bitte Quelle der Zählung angeben.'
			})
		]);
		// The approver enters nothing: no corrections are waiting for them.
		expect(await returnedValues(handle.db, viewers.approver)).toEqual([]);

		const mail = await handle.db
			.select({ kind: mailOutbox.kind, email: users.email, payload: mailOutbox.payload })
			.from(mailOutbox)
			.innerJoin(users, eq(users.id, mailOutbox.userId));
		expect(mail).toEqual([
			{
				kind: 'returned',
				email: 'controlling@weststadt.test',
				payload: expect.objectContaining({ reason: 'Bitte Quelle der Zählung angeben.' })
			}
		]);
	});

	it('refuses a return without a reason, of a value changed since, and of a value not submitted', async () => {
		const shown = await grid();
		const before = await states();

		const noReason = await post('return', 'approver', returnFields(shown, KPI, '   '));
		expect(noReason.status).toBe(400);
		expect(noReason.data.notice.text).toMatch(/Grund/);

		const stale = await post(
			'return',
			'approver',
			returnFields(shown, KPI, 'Tippfehler?', rowOf(shown, KPI).current!.version - 1)
		);
		expect(stale.status).toBe(409);
		expect(await states()).toEqual(before);
		expect(await handle.db.select().from(mailOutbox)).toEqual([]);

		await post('return', 'approver', returnFields(shown, KPI, 'Tippfehler?'));
		const again = await post('return', 'approver', returnFields(await grid(), KPI, 'Nochmal'));
		expect(again.status).toBe(400);
		expect(rowOf(await grid(), KPI).current!.returnReason).toBe('Tippfehler?');
	});

	it('releases only after the confirmation, and only the values it listed', async () => {
		const shown = await grid();
		const unconfirmed = await post('release', 'approver', releaseFields(shown, false));
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.data.notice.text).toMatch(/nicht bestätigt/);
		const allSubmitted = [
			['D115-ELQ', 'submitted', null],
			['D115-SL30', 'submitted', null],
			['D115-WARTEZEIT', 'submitted', null]
		];
		expect(await states()).toEqual(allSubmitted);

		// Returned after the confirmation was shown: the release names a value no longer submitted.
		await post('return', 'approver', returnFields(shown, KPI, 'Quelle?'));
		const stale = await post('release', 'approver', releaseFields(shown, true));
		expect(stale.status).toBe(409);
		expect(await states()).toEqual([['D115-ELQ', 'draft', 'Quelle?'], ...allSubmitted.slice(1)]);

		const released = await post('release', 'approver', releaseFields(await grid(), true));
		expect(released.data.notice.text).toBe(
			'Q3/2026: 2 Werte angenommen und für den Ring freigegeben.'
		);
		expect(await states()).toEqual([
			['D115-ELQ', 'draft', 'Quelle?'],
			['D115-SL30', 'released', null],
			['D115-WARTEZEIT', 'released', null]
		]);
	});

	it('a corrected value submitted again is no longer returned', async () => {
		await post('return', 'approver', returnFields(await grid(), KPI, 'Quelle?'));
		const g = await grid();
		const row = rowOf(g, KPI);
		const result = await submitQuarter(
			handle.db,
			{
				userId: people.controller!.id,
				organisationId: cityId,
				fieldId: g.field.id,
				quarter: Q,
				kpiIds: g.rows.map((r) => r.kpiId)
			},
			[],
			new Map([[row.kpiId, row.current!.version]])
		);
		expect(result).toEqual({ ok: true, count: 1 });
		expect(rowOf(await grid(), KPI).current).toMatchObject({
			state: 'submitted',
			returnReason: null
		});
		expect(await returnedValues(handle.db, viewers.controller)).toEqual([]);
	});

	it('is the approver’s: a controller may neither return nor release', async () => {
		const shown = await grid();
		await expect(
			post('return', 'controller', returnFields(shown, KPI, 'selbst'))
		).rejects.toMatchObject({ status: 403 });
		await expect(post('release', 'controller', releaseFields(shown, true))).rejects.toMatchObject({
			status: 403
		});
	});
});
