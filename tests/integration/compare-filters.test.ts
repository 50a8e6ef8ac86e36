import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	measurements,
	municipalities,
	organisations
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { readTrendRequest } from '../../src/lib/server/compare/trend-request';
import { loadRingOverview } from '../../src/lib/server/compare/ring-overview';
import { createTestDatabase } from '../helpers/test-database';

const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<object>()),
	appDb: () => holder.db as Db
}));
const comparisonRoute = await import('../../src/routes/compare/+page.server');

/**
 * Issue 17's comparison filters at the server: the address never names a KPI the page does not
 * show, "Vergleich" comes back to the last selection, and (issue 18) the trend starts with the
 * own city's peer group.
 */
describe('comparison filters and the peer-group trend', () => {
	let handle: DatabaseHandle;
	const ids = new Map<string, number>();
	let koeln: Viewer;
	const observer: Viewer = {
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
	};

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
		holder.db = handle.db;
		for (const o of await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations))
			ids.set(o.slug, o.id);
		koeln = {
			kind: 'user',
			principal: {
				userId: 2,
				roles: [{ role: 'city_leadership', organisationId: ids.get('koeln')!, fieldId: null }]
			}
		};
	});
	afterAll(() => handle.close());

	/** The shared KPIs of a field in catalogue order, read independently of the page. */
	async function sharedCodes(field: string) {
		const rows = await handle.db
			.select({ code: kpis.code })
			.from(kpis)
			.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
			.where(
				and(
					eq(cooperationFields.slug, field),
					isNull(kpis.ownerOrganisationId),
					isNull(kpis.archivedAt)
				)
			)
			.orderBy(asc(kpis.sortOrder), asc(kpis.code));
		return rows.map((r) => r.code);
	}

	/** Calls the page's load as SvelteKit would; a redirect comes back as its location. */
	async function open(query: string, jar = new Map<string, string>(), viewer = koeln) {
		const url = new URL(`http://localhost/compare${query}`);
		const event = {
			url,
			route: { id: '/compare' },
			params: {},
			locals: {
				user:
					viewer.kind === 'user'
						? { id: viewer.principal.userId, roles: viewer.principal.roles }
						: null,
				session: null
			},
			cookies: {
				get: (name: string) => jar.get(name),
				set: (name: string, value: string) => void jar.set(name, value),
				delete: (name: string) => void jar.delete(name)
			}
		} as unknown as RequestEvent;
		try {
			const data = (await comparisonRoute.load(event as never)) as {
				page: { field: { slug: string }; kpi: { code: string } };
			};
			return { data, location: null, jar };
		} catch (e) {
			if (isRedirect(e)) return { data: null, location: new URL(e.location, url), jar };
			throw e;
		}
	}

	it("answers another field's KPI with a redirect to the chosen field's first KPI", async () => {
		const beihilfe = await sharedCodes('beihilfe');
		expect(beihilfe).not.toContain('D115-SL30');
		const { location, data } = await open('?field=beihilfe&kpi=D115-SL30&period=2026-Q2');
		expect(data).toBeNull();
		expect(location!.pathname).toBe('/compare');
		expect(location!.searchParams.get('field')).toBe('beihilfe');
		expect(location!.searchParams.get('kpi')).toBe(beihilfe[0]);
		expect(location!.searchParams.get('period')).toBe('2026-Q2');

		// Following it shows exactly that KPI, without another redirect.
		const followed = await open(location!.search);
		expect(followed.location).toBeNull();
		expect(followed.data!.page.kpi.code).toBe(beihilfe[0]);
	});

	it('names the KPI it shows when the address names none or an unknown one', async () => {
		const d115 = await sharedCodes('service-center-d115');
		for (const query of ['?field=service-center-d115', '?field=service-center-d115&kpi=NOPE']) {
			const { location } = await open(query);
			expect(location!.searchParams.get('kpi'), query).toBe(d115[0]);
		}
	});

	it('remembers the last selection for "Vergleich" and ignores a forged memory', async () => {
		const shown = await open('?field=beihilfe&kpi=BH-KOSTEN-EW&basis=absolute');
		expect(shown.data!.page.kpi.code).toBe('BH-KOSTEN-EW');

		const back = await open('', shown.jar);
		expect(back.location!.searchParams.get('field')).toBe('beihilfe');
		expect(back.location!.searchParams.get('kpi')).toBe('BH-KOSTEN-EW');
		expect(back.location!.searchParams.get('basis')).toBe('absolute');

		// The next person on the same browser (a shared PC) does not get the previous one's view.
		const nextPerson = await open('', shown.jar, observer);
		expect(nextPerson.location).toBeNull();

		// A forged memory of the same person (the cookie is `<user id>:<query>`).
		const forged = new Map(
			[...shown.jar].map(([k, v]) => [k, v.replace(/:.*$/, ':field=<script>&kpi=x')])
		);
		const fresh = await open('', forged);
		// No memory to trust: the default view, the first field's first KPI.
		const first = await handle.db
			.select({ slug: cooperationFields.slug })
			.from(cooperationFields)
			.orderBy(asc(cooperationFields.sortOrder))
			.limit(1);
		expect(fresh.location).toBeNull();
		expect(fresh.data!.page.field.slug).toBe(first[0]!.slug);
		expect(fresh.data!.page.kpi.code).toBe((await sharedCodes(first[0]!.slug))[0]);
	});

	it('gives the observer the ring at a glance: every field, its newest quarter and who released', async () => {
		const ring = await loadRingOverview(handle.db);
		const fields = await handle.db
			.select({ slug: cooperationFields.slug })
			.from(cooperationFields)
			.orderBy(asc(cooperationFields.sortOrder));
		expect(ring.map((f) => f.slug)).toEqual(fields.map((f) => f.slug));

		// Archivierung, read here: participants, and cities with a released shared value in Q3/2026.
		const archivierung = ring.find((f) => f.slug === 'archivierung')!;
		expect(archivierung.quarter).toEqual({ year: 2026, quarter: 3 });
		const participants = await handle.db
			.select({ id: fieldParticipants.organisationId })
			.from(fieldParticipants)
			.innerJoin(cooperationFields, eq(cooperationFields.id, fieldParticipants.fieldId))
			.innerJoin(organisations, eq(organisations.id, fieldParticipants.organisationId))
			.where(
				and(eq(cooperationFields.slug, 'archivierung'), ne(organisations.kind, 'association'))
			);
		expect(archivierung.cities).toBe(participants.length);
		const released = await handle.db
			.selectDistinct({ id: measurements.organisationId })
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
			.where(
				and(
					eq(cooperationFields.slug, 'archivierung'),
					isNull(kpis.ownerOrganisationId),
					eq(measurements.year, 2026),
					eq(measurements.quarter, 3),
					eq(measurements.state, 'released'),
					inArray(
						measurements.organisationId,
						participants.map((p) => p.id)
					)
				)
			);
		expect(archivierung.releasedCities).toBe(released.length);
		// Köln's and Düsseldorf's drafts are not counted as delivered.
		expect(archivierung.releasedCities).toBeLessThan(archivierung.cities);
	});

	describe('trend by peer group', () => {
		const trend = (viewer: Viewer, query: string) =>
			loadTrendPage(handle.db, viewer, readTrendRequest(new URLSearchParams(query))!, 'de');

		/** Ring members in Köln's Regierungsbezirk, from the official directory. */
		async function regierungsbezirkKoeln() {
			const rows = await handle.db
				.select({ slug: organisations.slug })
				.from(organisations)
				.innerJoin(municipalities, eq(municipalities.ags, organisations.ags))
				.where(eq(municipalities.regierungsbezirk, 'Köln'));
			return rows.map((r) => r.slug).sort();
		}

		it('offers Köln its own peer groups, one click each, and the observer none', async () => {
			const page = (await trend(koeln, 'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT'))!;
			expect(page.ownGroups.map((g) => g.slug)).toEqual(
				expect.arrayContaining(['regierungsbezirk-koeln', 'kreisfreie-staedte'])
			);
			const observed = (await trend(observer, 'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT'))!;
			expect(observed.ownGroups).toEqual([]);
		});

		it("draws the group's cities, own city first, and the group's median", async () => {
			const members = await regierungsbezirkKoeln();
			expect(members).toContain('koeln');
			const page = (await trend(
				koeln,
				'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT&group=regierungsbezirk-koeln'
			))!;
			expect(page.group).toBe('regierungsbezirk-koeln');
			expect(page.chosen[0]).toBe('koeln');
			expect([...page.chosen].sort()).toEqual(
				members.filter((s) => page.trend!.cities.some((c) => c.slug === s))
			);
			expect(page.trend!.cities.every((c) => members.includes(c.slug))).toBe(true);

			// The median of the group's released values in Q2/2026, computed here.
			const values = await handle.db
				.select({ value: measurements.value })
				.from(measurements)
				.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
				.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
				.where(
					and(
						eq(kpis.code, 'KFZ-WARTEZEIT'),
						isNull(kpis.ownerOrganisationId),
						eq(measurements.year, 2026),
						eq(measurements.quarter, 2),
						eq(measurements.state, 'released'),
						inArray(organisations.slug, members)
					)
				);
			const sorted = values.map((v) => Number(v.value)).sort((a, b) => a - b);
			expect(sorted.length).toBeGreaterThan(1);
			const mid = (sorted.length - 1) / 2;
			const median = (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
			const i = page.trend!.quarters.findIndex((q) => q.year === 2026 && q.quarter === 2);
			expect(page.trend!.median[i]).toBeCloseTo(median, 6);
		});

		it('knows no invented group', async () => {
			const page = await trend(koeln, 'field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT&group=atlantis');
			expect(page).toBeNull();
		});
	});
});
