import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	perspectives,
	pilotGates,
	pilots,
	reportingPeriods,
	scorecardKpis,
	scorecards
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Role } from '../../src/lib/server/auth/permissions';
import { loadTasks } from '../../src/lib/server/tasks/load';
import { hasTasks } from '../../src/lib/domain/tasks/types';
import { createCity, createUser } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

/*
 * One field, Q3/2026 open with the deadline 30 November, looked at on 5 December (10:00 in
 * Berlin): five days overdue. City A lists three KPIs: one draft, one submitted, one missing;
 * city B lists one KPI, submitted (delivered). A's draft KPI was released in Q2 (closed).
 * A pilot of the field (planned) has two of the five gate criteria decided.
 */
const NOW = new Date('2026-12-05T09:00:00Z');

describe('Meine Aufgaben per role', () => {
	let handle: DatabaseHandle;
	let queries = 0;
	let cityA: number, cityB: number, fieldId: number, fieldSlug: string, slugA: string;
	let kpiIds: [number, number, number];
	let userSeq = 0;

	async function viewerWith(role: Role, scope: { organisationId?: number; fieldId?: number } = {}) {
		const user = await createUser(handle.db, { email: `tasks-${++userSeq}@test.invalid` });
		return {
			kind: 'user' as const,
			principal: {
				userId: user.id,
				roles: [
					{ role, organisationId: scope.organisationId ?? null, fieldId: scope.fieldId ?? null }
				]
			}
		};
	}

	async function scorecardWith(organisationId: number, kpiIds: number[]) {
		const db = handle.db;
		const [card] = await db.insert(scorecards).values({ organisationId, fieldId }).returning();
		const [p] = await db
			.insert(perspectives)
			.values({ scorecardId: card!.id, nameDe: 'Finanzen', nameEn: 'Finance', sortOrder: 1 })
			.returning();
		const [o] = await db
			.insert(objectives)
			.values({ perspectiveId: p!.id, title: 'Ziel', sortOrder: 1 })
			.returning();
		await db
			.insert(scorecardKpis)
			.values(kpiIds.map((kpiId, i) => ({ objectiveId: o!.id, kpiId, sortOrder: i + 1 })));
	}

	beforeAll(async () => {
		handle = await createTestDatabase({
			seed: 'reference',
			onQuery: () => {
				queries += 1;
			}
		});
		const db = handle.db;
		const [field] = await db
			.select()
			.from(cooperationFields)
			.orderBy(asc(cooperationFields.sortOrder))
			.limit(1);
		fieldId = field!.id;
		fieldSlug = field!.slug;
		// Three shared KPIs of the field already defined in Q3/2026.
		const defined = await db
			.selectDistinct({ id: kpis.id, versionId: kpiVersions.id })
			.from(kpis)
			.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
			.where(
				and(
					eq(kpis.fieldId, fieldId),
					isNull(kpis.ownerOrganisationId),
					lte(kpiVersions.validFromYear, 2025)
				)
			)
			.orderBy(asc(kpis.id))
			.limit(3);
		expect(defined).toHaveLength(3);
		const [k1, k2, k3] = defined as [(typeof defined)[0], (typeof defined)[0], (typeof defined)[0]];
		kpiIds = [k1.id, k2.id, k3.id];

		const a = await createCity(db, { name: 'Aufgabenstadt' });
		const b = await createCity(db, { name: 'Bereitstadt' });
		cityA = a.id;
		cityB = b.id;
		slugA = a.slug;
		await scorecardWith(cityA, [k1.id, k2.id, k3.id]);
		await scorecardWith(cityB, [k1.id]);

		await db.insert(reportingPeriods).values([
			{ fieldId, year: 2026, quarter: 3, deadline: '2026-11-30' },
			{
				fieldId,
				year: 2026,
				quarter: 2,
				deadline: '2026-08-31',
				closedAt: new Date('2026-09-01T08:00:00Z')
			}
		]);
		const value = (
			organisationId: number,
			k: { id: number; versionId: number },
			quarter: number,
			state: 'draft' | 'submitted' | 'released',
			at: string
		) => ({
			organisationId,
			kpiId: k.id,
			kpiVersionId: k.versionId,
			year: 2026,
			quarter,
			value: '10',
			state,
			submittedAt: state === 'draft' ? null : new Date(at),
			releasedAt: state === 'released' ? new Date(at) : null
		});
		await db
			.insert(measurements)
			.values([
				value(cityA, k1, 3, 'draft', '2026-11-20T08:00:00Z'),
				value(cityA, k2, 3, 'submitted', '2026-11-21T08:00:00Z'),
				value(cityA, k1, 2, 'released', '2026-08-20T08:00:00Z'),
				value(cityB, k1, 3, 'submitted', '2026-11-10T08:00:00Z')
			]);

		const lead = await createUser(db, { email: 'pilot-lead@test.invalid' });
		const [pilot] = await db
			.insert(pilots)
			.values({
				fieldId,
				leadOrganisationId: cityA,
				title: 'Gemeinsame Beihilfestelle',
				status: 'planned'
			})
			.returning();
		await db.insert(pilotGates).values(
			(['konkretisierung', 'machbarkeit'] as const).map((criterion) => ({
				pilotId: pilot!.id,
				criterion,
				rating: 7,
				decision: 'go' as const,
				decidedOn: '2026-10-01',
				decidedByUserId: lead.id
			}))
		);
	});
	afterAll(() => handle.close());

	it('controller: one and a draft missing in the field, five days overdue', async () => {
		const viewer = await viewerWith('controller', { organisationId: cityA });
		queries = 0;
		const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(queries).toBe(7);
		expect(tasks.quarter).toEqual({ year: 2026, quarter: 3 });
		expect(tasks.controller?.open).toEqual([
			{
				city: { slug: slugA, name: 'Aufgabenstadt' },
				field: expect.objectContaining({ slug: fieldSlug }),
				missing: 1,
				draft: 1,
				deadline: { kind: 'overdue', deadline: '2026-11-30', daysOverdue: 5 }
			}
		]);
		expect(tasks.approver).toBeNull();
		expect(tasks.leadership).toBeNull();
		expect(tasks.ring).toBeNull();
	});

	/** A's Q3 value of the given KPI (k1 a draft, k2 submitted). */
	const valueOfA = (kpiId: number) =>
		and(
			eq(measurements.organisationId, cityA),
			eq(measurements.kpiId, kpiId),
			eq(measurements.year, 2026),
			eq(measurements.quarter, 3)
		);

	it('controller: a value the approver returned, with the reason, per field', async () => {
		const [k1] = kpiIds;
		await handle.db
			.update(measurements)
			.set({ returnReason: 'Quelle fehlt', returnedAt: new Date('2026-12-01T10:00:00Z') })
			.where(valueOfA(k1));
		const viewer = await viewerWith('controller', { organisationId: cityA });
		const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(tasks.controller?.returned).toEqual([
			{
				city: { slug: slugA, name: 'Aufgabenstadt' },
				field: expect.objectContaining({ slug: fieldSlug }),
				quarter: { year: 2026, quarter: 3 },
				values: [
					{
						kpiId: k1,
						code: expect.any(String),
						reason: 'Quelle fehlt',
						returnedAt: new Date('2026-12-01T10:00:00Z')
					}
				]
			}
		]);
		// The approver of the city has nothing returned to correct.
		const approver = await viewerWith('approver', { organisationId: cityA });
		expect((await loadTasks(handle.db, approver, 'de', NOW)).controller).toBeNull();
		await handle.db
			.update(measurements)
			.set({ returnReason: null, returnedAt: null })
			.where(valueOfA(k1));
	});

	it('controller: a red value and an implausible jump, both without a comment, want one', async () => {
		const [k1, k2] = kpiIds;
		const versionsOf = (kpiId: number) =>
			handle.db.select().from(kpiVersions).where(eq(kpiVersions.kpiId, kpiId));
		const [before1, before2] = [await versionsOf(k1), await versionsOf(k2)];
		// k1: no target, at most 50 % change against Q2 (10), typed 100. k2: green only 50–60,
		// submitted 10.
		await handle.db
			.update(kpiVersions)
			.set({
				plausibleChangePercent: 50,
				greenMin: null,
				greenMax: null,
				yellowMin: null,
				yellowMax: null
			})
			.where(eq(kpiVersions.kpiId, k1));
		await handle.db.update(measurements).set({ value: '100' }).where(valueOfA(k1));
		await handle.db
			.update(kpiVersions)
			.set({ greenMin: '50', greenMax: '60', yellowMin: null, yellowMax: null })
			.where(eq(kpiVersions.kpiId, k2));
		const viewer = await viewerWith('controller', { organisationId: cityA });
		const reasons = async () =>
			(await loadTasks(handle.db, viewer, 'de', NOW)).controller?.unexplained
				.map((u) => [u.kpiId, u.reasons] as const)
				.sort((a, b) => a[0] - b[0]);
		expect(await reasons()).toEqual(
			[
				[k1, ['change_exceeds_tolerance']],
				[k2, ['red']]
			].sort((a, b) => (a[0] as number) - (b[0] as number))
		);
		// Explained: a comment on the jump takes it off the list.
		await handle.db
			.update(measurements)
			.set({ comment: 'Neue Zählweise ab Q3' })
			.where(valueOfA(k1));
		expect(await reasons()).toEqual([[k2, ['red']]]);

		await handle.db.update(measurements).set({ value: '10', comment: '' }).where(valueOfA(k1));
		for (const { id, plausibleChangePercent, greenMin, greenMax, yellowMin, yellowMax } of [
			...before1,
			...before2
		])
			await handle.db
				.update(kpiVersions)
				.set({ plausibleChangePercent, greenMin, greenMax, yellowMin, yellowMax })
				.where(eq(kpiVersions.id, id));
	});

	it('controller of a delivered city: nothing open', async () => {
		const viewer = await viewerWith('controller', { organisationId: cityB });
		const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(tasks.controller?.open).toEqual([]);
		expect(tasks.controller?.unexplained).toEqual([]);
		expect(hasTasks(tasks)).toBe(false);
	});

	it('approver: one submitted value of the own city waits, with its submission date', async () => {
		const viewer = await viewerWith('approver', { organisationId: cityA });
		queries = 0;
		const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(queries).toBe(2);
		expect(tasks.approver).toEqual([
			{
				city: { slug: slugA, name: 'Aufgabenstadt' },
				field: expect.objectContaining({ slug: fieldSlug }),
				count: 1,
				oldestSubmittedAt: new Date('2026-11-21T08:00:00Z')
			}
		]);
		expect(tasks.controller).toBeNull();
	});

	it('field lead: city A late (two values owing), one pilot with 2 of 5 gates decided', async () => {
		const viewer = await viewerWith('field_lead', { fieldId });
		queries = 0;
		const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(queries).toBe(3);
		expect(
			tasks.fieldLead?.late.map((l) => [l.city.name, l.owing, l.deadline.daysOverdue])
		).toEqual([['Aufgabenstadt', 2, 5]]);
		expect(tasks.fieldLead?.pilots.map((p) => [p.title, p.decided])).toEqual([
			['Gemeinsame Beihilfestelle', 2]
		]);
	});

	it('leadership: the released value at the first visit, none at the next; a briefing link', async () => {
		const viewer = await viewerWith('city_leadership', { organisationId: cityA });
		queries = 0;
		const first = await loadTasks(handle.db, viewer, 'de', NOW);
		expect(queries).toBe(8);
		expect(first.leadership?.since).toBeNull();
		expect(first.leadership?.released.map((r) => r.count)).toEqual([1]);
		expect(first.leadership?.briefings).toEqual([
			{ city: { slug: slugA, name: 'Aufgabenstadt' }, quarter: { year: 2026, quarter: 3 } }
		]);
		const later = new Date('2026-12-06T09:00:00Z');
		const second = await loadTasks(handle.db, viewer, 'de', later);
		expect(second.leadership?.since).toEqual(NOW);
		expect(second.leadership?.released).toEqual([]);
	});

	it('leadership: reloading within a visit keeps the list; the next visit starts after it', async () => {
		const viewer = await viewerWith('city_leadership', { organisationId: cityA });
		const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
		const released = async (minutes: number) => {
			const t = await loadTasks(handle.db, viewer, 'de', at(minutes));
			return { since: t.leadership?.since, counts: t.leadership?.released.map((r) => r.count) };
		};
		// First visit: everything released is new, on every reload of the visit.
		expect(await released(0)).toEqual({ since: null, counts: [1] });
		expect(await released(10)).toEqual({ since: null, counts: [1] });
		expect(await released(35)).toEqual({ since: null, counts: [1] });
		// Two hours without a look: a new visit; "since" is the last look of the one before.
		expect(await released(155)).toEqual({ since: at(35), counts: [] });
		// Within that visit the approver releases A's submitted value: it joins the list.
		const submitted = and(
			eq(measurements.organisationId, cityA),
			eq(measurements.quarter, 3),
			eq(measurements.state, 'submitted')
		);
		const [value] = await handle.db
			.update(measurements)
			.set({ state: 'released', releasedAt: at(170) })
			.where(submitted)
			.returning({ id: measurements.id });
		expect(await released(180)).toEqual({ since: at(35), counts: [1] });
		expect(await released(200)).toEqual({ since: at(35), counts: [1] });
		// The next visit starts after the last look of this one: nothing new since.
		expect(await released(300)).toEqual({ since: at(200), counts: [] });
		await handle.db
			.update(measurements)
			.set({ state: 'submitted', releasedAt: null })
			.where(eq(measurements.id, value!.id));
	});

	it('observer and admin: the ring — 1 delivered, 1 late in the open field', async () => {
		for (const role of ['observer', 'admin'] as const) {
			const viewer = await viewerWith(role);
			queries = 0;
			const tasks = await loadTasks(handle.db, viewer, 'de', NOW);
			expect(queries).toBe(2);
			const open = tasks.ring?.fields.filter((f) => f.field.slug === fieldSlug);
			expect(open?.map((f) => [f.delivered, f.late, f.inTime])).toEqual([[1, 1, 0]]);
			expect(tasks.ring?.late.map((l) => l.city.name)).toEqual(['Aufgabenstadt']);
		}
	});

	it('a person without roles has nothing to do', async () => {
		const user = await createUser(handle.db, { email: 'nobody@test.invalid' });
		const tasks = await loadTasks(
			handle.db,
			{ kind: 'user', principal: { userId: user.id, roles: [] } },
			'de',
			NOW
		);
		expect(hasTasks(tasks)).toBe(false);
	});
});
