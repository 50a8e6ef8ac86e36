import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reportingPeriods } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadPrincipal } from '../../src/lib/server/auth/users';
import { can } from '../../src/lib/server/auth/permissions';
import {
	changeDeadline,
	closePeriod,
	openPeriod,
	reopenPeriod
} from '../../src/lib/server/periods/periods';
import { findPeriod, listPeriods } from '../../src/lib/server/periods/queries';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import { evaluateRows } from '../../src/lib/server/entry/form';
import { saveDrafts } from '../../src/lib/server/entry/save';
import { entryRefusalText } from '../../src/lib/server/entry/messages';
import { openPeriodSchema, reopenSchema } from '../../src/lib/schemas/periods';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	fieldBySlug
} from '../helpers/factories';
import { createPeriod } from '../helpers/factory-periods';
import { createTestDatabase } from '../helpers/test-database';

/** The clock of these tests: Q4/2026 is running, Q1/2027 is the latest quarter that may be opened. */
const NOW = new Date('2026-11-24T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('reporting periods', () => {
	let handle: DatabaseHandle;
	const user: Record<string, number> = {};
	const field: Record<string, number> = {};
	let citySlug: string;
	const sent: string[] = [];

	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const db = handle.db;
		field['service-center-d115'] = (await fieldBySlug(db, 'service-center-d115')).id;
		field['archivierung'] = (await fieldBySlug(db, 'archivierung')).id;
		const city = await createCity(db, { name: 'Nordstadt' });
		citySlug = city.slug;
		const organisationId = city.id;
		const accounts = [
			[
				'lead',
				'Feldleitung Bürgerservice',
				{ role: 'field_lead', fieldId: field['service-center-d115'] }
			],
			['admin', 'Ada Administration', { role: 'admin' }],
			['observer', 'Olga Beobachtung', { role: 'observer' }],
			['controller', 'Carl Controlling', { role: 'controller', organisationId }],
			['approver', 'Frieda Freigabe', { role: 'approver', organisationId }],
			['leadership', 'Stefan Stadtspitze', { role: 'city_leadership', organisationId }]
		] as const;
		for (const [key, displayName, role] of accounts)
			user[key] = (await createUserWithRoles(db, [role], { displayName })).id;
		await createScorecard(db, {
			organisationId,
			field: 'archivierung',
			kpis: [{ code: 'ARCH-ERSCHL' }, { code: 'ARCH-DIGITAL' }]
		});
		// The service centre has two closed quarters and the third quarter open; the archive
		// field only the third quarter, open.
		const d115 = field['service-center-d115'];
		await createPeriod(db, {
			fieldId: d115,
			year: 2026,
			quarter: 1,
			closedAt: new Date('2026-06-15T08:00:00Z')
		});
		await createPeriod(db, {
			fieldId: d115,
			year: 2026,
			quarter: 2,
			closedAt: new Date('2026-09-15T08:00:00Z')
		});
		await createPeriod(db, { fieldId: d115, year: 2026, quarter: 3 });
		await createPeriod(db, { fieldId: field['archivierung'], year: 2026, quarter: 3 });
	}, 120_000);
	afterAll(() => handle.close());

	const periodCount = async (fieldId: number) =>
		(
			await handle.db
				.select({ n: count() })
				.from(reportingPeriods)
				.where(eq(reportingPeriods.fieldId, fieldId))
		)[0]!.n;
	const auditOf = (fieldId: number, key: string) =>
		handle.db
			.select({
				action: auditLog.action,
				userId: auditLog.userId,
				before: auditLog.before,
				after: auditLog.after
			})
			.from(auditLog)
			.where(
				and(eq(auditLog.entity, 'reporting_period'), eq(auditLog.entityId, `${fieldId}:${key}`))
			)
			.orderBy(auditLog.id);

	it('lets only the field lead of the field and admins manage its quarters', async () => {
		const principal = async (name: string) => (await loadPrincipal(handle.db, user[name]!))!;
		const d115 = { fieldId: field['service-center-d115']! };
		const other = { fieldId: field['archivierung']! };
		const lead = await principal('lead');
		const admin = await principal('admin');
		expect(can(lead, 'period:manage', d115)).toBe(true);
		expect(can(lead, 'period:manage', other)).toBe(false);
		expect(can(admin, 'period:manage', d115)).toBe(true);
		expect(can(admin, 'period:manage', other)).toBe(true);
		for (const name of ['observer', 'controller', 'approver', 'leadership'])
			expect(can(await principal(name), 'period:manage', d115)).toBe(false);
	});

	it('opens a quarter with a deadline, audited; bad input is refused and writes nothing', async () => {
		const d115 = field['service-center-d115']!;
		const base = { actorUserId: user['lead']!, fieldId: d115, now: NOW };

		const opened = await openPeriod(handle.db, {
			...base,
			year: 2026,
			quarter: 4,
			deadline: '2027-02-28'
		});
		expect(opened).toMatchObject({
			ok: true,
			period: {
				year: 2026,
				quarter: 4,
				deadline: '2027-02-28',
				state: 'open',
				openedByName: 'Feldleitung Bürgerservice'
			}
		});
		expect(await auditOf(d115, '2026-4')).toEqual([
			{
				action: 'period.open',
				userId: user['lead'],
				before: null,
				after: JSON.stringify({ state: 'open', deadline: '2027-02-28' })
			}
		]);

		const refusals = [
			// twice
			[{ year: 2026, quarter: 4, deadline: '2027-02-28' }, 'duplicate'],
			// a closed quarter is reopened, not opened again
			[{ year: 2026, quarter: 2, deadline: '2026-08-31' }, 'duplicate'],
			// more than one quarter ahead
			[{ year: 2027, quarter: 2, deadline: '2027-08-31' }, 'too_far_ahead'],
			[{ year: 2100, quarter: 1, deadline: '2100-05-31' }, 'too_far_ahead'],
			// before the quarter's start, and before its end
			[{ year: 2027, quarter: 1, deadline: '2026-12-01' }, 'deadline_before_end'],
			[{ year: 2027, quarter: 1, deadline: '2027-03-30' }, 'deadline_before_end']
		] as const;
		for (const [input, reason] of refusals)
			expect(await openPeriod(handle.db, { ...base, ...input })).toMatchObject({
				ok: false,
				reason
			});
		// the three created before and the fourth quarter
		expect(await periodCount(d115)).toBe(4);
		expect(await auditOf(d115, '2027-1')).toEqual([]);

		// The form refuses impossible dates and years before anything reaches the database.
		const form = (data: object) => openPeriodSchema.safeParse(data).success;
		expect(form({ year: '2027', quarter: 1, deadline: '2027-05-31' })).toBe(true);
		expect(form({ year: '2027', quarter: 1, deadline: '2027-02-30' })).toBe(false);
		expect(form({ year: '2027', quarter: 1, deadline: '31.05.2027' })).toBe(false);
		expect(form({ year: '2027', quarter: 1, deadline: '' })).toBe(false);
		expect(form({ year: '27', quarter: 1, deadline: '2027-05-31' })).toBe(false);
		expect(form({ year: '2027', quarter: 5, deadline: '2027-05-31' })).toBe(false);
		expect(
			reopenSchema.safeParse({ year: '2027', quarter: 1, stamp: 'x', reason: '  a ' }).success
		).toBe(false);
	});

	it('moves the deadline, closes and reopens with a reason; never over a change it did not see', async () => {
		const d115 = field['service-center-d115']!;
		const lead = user['lead']!;
		const admin = user['admin']!;
		const q = { fieldId: d115, year: 2026, quarter: 4 };
		const seen = (await findPeriod(handle.db, d115, q))!;

		const moved = await changeDeadline(handle.db, {
			...q,
			actorUserId: lead,
			now: later(1),
			stamp: seen.stamp,
			deadline: '2027-03-15'
		});
		expect(moved).toMatchObject({ ok: true, period: { deadline: '2027-03-15', state: 'open' } });
		if (!moved.ok) return;

		// A second person still looking at the old page: refused with what is there now.
		const staleMove = await changeDeadline(handle.db, {
			...q,
			actorUserId: admin,
			now: later(2),
			stamp: seen.stamp,
			deadline: '2027-04-30'
		});
		expect(staleMove).toMatchObject({
			ok: false,
			reason: 'stale',
			current: { deadline: '2027-03-15' }
		});
		expect(
			await closePeriod(handle.db, { ...q, actorUserId: admin, now: later(2), stamp: seen.stamp })
		).toMatchObject({ ok: false, reason: 'stale' });
		expect((await findPeriod(handle.db, d115, q))!).toMatchObject({
			deadline: '2027-03-15',
			state: 'open'
		});

		// Two people close at the same moment from the same page: one wins, the other is told.
		const both = await Promise.all([
			closePeriod(handle.db, { ...q, actorUserId: lead, now: later(3), stamp: moved.period.stamp }),
			closePeriod(handle.db, { ...q, actorUserId: admin, now: later(3), stamp: moved.period.stamp })
		]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['stale']);
		const closed = (await findPeriod(handle.db, d115, q))!;
		expect(closed.state).toBe('closed');

		// A closed quarter changes only by reopening it.
		expect(
			await changeDeadline(handle.db, {
				...q,
				actorUserId: lead,
				now: later(4),
				stamp: closed.stamp,
				deadline: '2027-05-31'
			})
		).toMatchObject({ ok: false, reason: 'closed' });
		expect(
			await reopenPeriod(handle.db, {
				...q,
				actorUserId: lead,
				now: later(4),
				stamp: closed.stamp,
				reason: '  '
			})
		).toMatchObject({ ok: false, reason: 'reason_required' });
		expect(
			await reopenPeriod(handle.db, {
				...q,
				actorUserId: lead,
				now: later(4),
				stamp: moved.period.stamp,
				reason: 'Korrektur'
			})
		).toMatchObject({ ok: false, reason: 'stale' });

		const reopened = await reopenPeriod(handle.db, {
			...q,
			actorUserId: admin,
			now: later(5),
			stamp: closed.stamp,
			reason: 'Korrektur der Fallzahlen von Köln'
		});
		expect(reopened).toMatchObject({
			ok: true,
			period: {
				state: 'open',
				closedAt: null,
				deadline: '2027-03-15',
				openedByName: 'Ada Administration'
			}
		});
		// Someone who saw it closed cannot reopen it again or close over the reopening unseen.
		expect(
			await closePeriod(handle.db, { ...q, actorUserId: lead, now: later(6), stamp: closed.stamp })
		).toMatchObject({ ok: false, reason: 'stale' });

		const trail = await auditOf(d115, '2026-4');
		expect(trail.map((e) => e.action)).toEqual([
			'period.open',
			'period.deadline',
			'period.close',
			'period.reopen'
		]);
		expect(JSON.parse(trail[1]!.before!)).toEqual({ deadline: '2027-02-28' });
		expect(JSON.parse(trail[1]!.after!)).toEqual({ deadline: '2027-03-15' });
		expect(JSON.parse(trail[3]!.after!)).toMatchObject({
			state: 'open',
			reason: 'Korrektur der Fallzahlen von Köln'
		});
		expect(trail[3]!.userId).toBe(admin);
	});

	it('refuses changes to quarters that were never opened', async () => {
		const q = {
			fieldId: field['archivierung']!,
			year: 2027,
			quarter: 1,
			actorUserId: user['admin']!,
			now: NOW
		};
		expect(await closePeriod(handle.db, { ...q, stamp: 'x' })).toMatchObject({
			ok: false,
			reason: 'missing'
		});
		expect(await reopenPeriod(handle.db, { ...q, stamp: 'x', reason: 'Test' })).toMatchObject({
			ok: false,
			reason: 'missing'
		});
		expect(
			await changeDeadline(handle.db, { ...q, stamp: 'x', deadline: '2027-05-31' })
		).toMatchObject({ ok: false, reason: 'missing' });
	});

	it('lists a field in one statement, newest first', async () => {
		sent.length = 0;
		const periods = await listPeriods(handle.db, field['service-center-d115']!);
		expect(sent).toHaveLength(1);
		expect(periods.map((p) => [p.year, p.quarter, p.state, p.deadline])).toEqual([
			[2026, 4, 'open', '2027-03-15'],
			[2026, 3, 'open', '2026-11-30'],
			[2026, 2, 'closed', '2026-08-31'],
			[2026, 1, 'closed', '2026-05-31']
		]);
	});

	it('a closed quarter takes no entry until it is reopened', async () => {
		const Q = { year: 2026, quarter: 3 };
		const archive = field['archivierung']!;
		const controller = user['controller']!;
		const grid = async () => (await loadEntryGrid(handle.db, citySlug, 'archivierung', Q, 'de'))!;
		const save = async (g: EntryGrid, value: string) => {
			const row = g.rows.find((r) => r.current === null || r.current.state === 'draft')!;
			const posted = g.rows.map((r) => ({
				kpiId: r.kpiId,
				value:
					r.kpiId === row.kpiId
						? value
						: r.current
							? String(r.current.value).replace('.', ',')
							: '',
				comment: r.current?.comment || 'geprüft',
				version: r.current?.version ?? 0
			}));
			const { drafts } = evaluateRows(g, posted, 'de');
			return saveDrafts(handle.db, {
				userId: controller,
				organisationId: g.organisation.id,
				fieldId: g.field.id,
				quarter: Q,
				drafts
			});
		};
		const open = (await findPeriod(handle.db, archive, Q))!;
		const closed = await closePeriod(handle.db, {
			fieldId: archive,
			...Q,
			actorUserId: user['admin']!,
			now: later(10),
			stamp: open.stamp
		});
		expect(closed.ok).toBe(true);
		if (!closed.ok) return;

		let g = await grid();
		expect(g.period.state).toBe('closed');
		const refused = await save(g, '42');
		expect(refused).toMatchObject({ ok: false, reason: 'period_closed' });
		expect(entryRefusalText('period_closed')).toMatch(
			/geschlossen.*Wiedereröffnung.*nichts gespeichert/
		);

		const reopened = await reopenPeriod(handle.db, {
			fieldId: archive,
			...Q,
			actorUserId: user['admin']!,
			now: later(11),
			stamp: closed.period.stamp,
			reason: 'Nachlieferung Nordstadt'
		});
		expect(reopened.ok).toBe(true);
		g = await grid();
		expect(g.period.state).toBe('open');
		expect(await save(g, '42')).toMatchObject({ ok: true });
	});
});
