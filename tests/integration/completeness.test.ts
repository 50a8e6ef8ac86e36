import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cooperationFields,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	reportingPeriods,
	roleAssignments,
	scorecardKpis,
	scorecards,
	users
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadCompleteness, loadDrilldown } from '../../src/lib/server/periods/completeness';
import { matrixRows } from '../../src/lib/server/periods/completeness-queries';
import { notDeliveredCsv } from '../../src/lib/server/periods/export';
import { loadEntryGrid } from '../../src/lib/server/entry/grid';
import { evaluateRows } from '../../src/lib/server/entry/form';
import { saveDrafts } from '../../src/lib/server/entry/save';
import type { EntryState, StateCounts } from '../../src/lib/domain/completeness/states';
import { createTestDatabase } from '../helpers/test-database';

const Q = { year: 2026, quarter: 3 };
const index = (q: { year: number; quarter: number }) => q.year * 4 + q.quarter - 1;
const labels = {
	city: 'Stadt',
	field: 'Kooperationsfeld',
	quarter: 'Quartal',
	deadline: 'Frist',
	kpis: 'Kennzahlen',
	missing: 'fehlen',
	draft: 'Entwurf',
	submitted: 'eingereicht',
	released: 'freigegeben',
	contacts: 'Kontakt'
};

type Expected = Map<string, StateCounts & { states: Map<number, EntryState> }>;

describe('completeness of a quarter', () => {
	let handle: DatabaseHandle;
	const sent: string[] = [];

	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'demo' });
	});
	afterAll(() => handle.close());

	/**
	 * The expected counts computed the long way, independently of the aggregate statement:
	 * plain reads of scorecards, their KPIs, versions and the quarter's values, counted here.
	 */
	async function expectedCounts(): Promise<Expected> {
		const db = handle.db;
		const [cards, listed, versions, values] = await Promise.all([
			db
				.select({ id: scorecards.id, org: scorecards.organisationId, field: scorecards.fieldId })
				.from(scorecards)
				.where(isNotNull(scorecards.organisationId)),
			db
				.select({
					scorecardId: perspectives.scorecardId,
					kpiId: scorecardKpis.kpiId,
					archivedAt: scorecardKpis.archivedAt
				})
				.from(scorecardKpis)
				.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
				.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId)),
			db
				.select({
					kpiId: kpiVersions.kpiId,
					year: kpiVersions.validFromYear,
					quarter: kpiVersions.validFromQuarter
				})
				.from(kpiVersions),
			db
				.select({
					org: measurements.organisationId,
					kpiId: measurements.kpiId,
					state: measurements.state
				})
				.from(measurements)
				.where(and(eq(measurements.year, Q.year), eq(measurements.quarter, Q.quarter)))
		]);
		const defined = new Set(versions.filter((v) => index(v) <= index(Q)).map((v) => v.kpiId));
		const stateOf = new Map(values.map((v) => [`${v.org}:${v.kpiId}`, v.state]));
		const expected: Expected = new Map();
		for (const card of cards) {
			const kpiIds = new Set(
				listed
					.filter((l) => l.scorecardId === card.id && l.archivedAt === null && defined.has(l.kpiId))
					.map((l) => l.kpiId)
			);
			const c = { kpis: 0, missing: 0, draft: 0, submitted: 0, released: 0, states: new Map() };
			for (const kpiId of kpiIds) {
				const state: EntryState = stateOf.get(`${card.org}:${kpiId}`) ?? 'missing';
				c.kpis += 1;
				c[state] += 1;
				c.states.set(kpiId, state);
			}
			expected.set(`${card.org}:${card.field}`, c);
		}
		return expected;
	}

	const ids = async () => {
		const orgs = await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations);
		const fields = await handle.db
			.select({ id: cooperationFields.id, slug: cooperationFields.slug })
			.from(cooperationFields);
		return {
			org: (slug: string) => orgs.find((o) => o.slug === slug)!.id,
			field: (slug: string) => fields.find((f) => f.slug === slug)!.id
		};
	};

	it('builds the city × field heatmap in one aggregate statement, matching a count done the long way', async () => {
		sent.length = 0;
		await matrixRows(handle.db, Q);
		expect(sent).toHaveLength(1);

		sent.length = 0;
		const { matrix, notDelivered } = await loadCompleteness(handle.db, Q);
		// The heatmap and the "not delivered" list with contacts: two statements for 13 × 10 cells.
		expect(sent.length).toBeLessThanOrEqual(2);

		const expected = await expectedCounts();
		expect(matrix.fields).toHaveLength(10);
		expect(matrix.cities).toHaveLength(
			new Set([...expected.keys()].map((k) => k.split(':')[0])).size
		);
		expect(matrix.cities.length).toBeGreaterThanOrEqual(13);
		expect(matrix.cells).toHaveLength(expected.size);
		for (const cell of matrix.cells) {
			const e = expected.get(`${cell.organisationId}:${cell.fieldId}`)!;
			expect({ ...cell, key: `${cell.organisationId}:${cell.fieldId}` }).toMatchObject({
				kpis: e.kpis,
				missing: e.missing,
				draft: e.draft,
				submitted: e.submitted,
				released: e.released
			});
		}
		// The demo's open quarter is mixed, so every state appears somewhere.
		for (const state of ['missing', 'draft', 'submitted', 'released'] as const)
			expect(matrix.cells.some((c) => c.state === state)).toBe(true);
		expect(
			matrix.fields.every((f) => f.period.state === 'open' && f.period.deadline === '2026-11-30')
		).toBe(true);

		// Not delivered: exactly the pairs with a KPI missing or in draft (all fields are open).
		const owing = [...expected]
			.filter(([, c]) => c.kpis > 0 && c.missing + c.draft > 0)
			.map(([k]) => k)
			.sort();
		expect(notDelivered.map((r) => `${r.organisationId}:${r.fieldId}`).sort()).toEqual(owing);
		expect(owing.length).toBeGreaterThan(0);
	});

	it("reminds a city's contact address, else its controllers; nobody is invented", async () => {
		const { org } = await ids();
		const koeln = org('koeln');
		const { notDelivered: before } = await loadCompleteness(handle.db, Q);
		const other = before.find((r) => r.organisationId !== koeln)!;
		await handle.db
			.update(organisations)
			.set({ contactEmail: 'ikz@stadt.example' })
			.where(eq(organisations.id, other.organisationId));

		const { reminders } = await loadCompleteness(handle.db, Q);
		const controllers = async (organisationId: number) =>
			(
				await handle.db
					.select({ email: users.email })
					.from(roleAssignments)
					.innerJoin(users, eq(users.id, roleAssignments.userId))
					.where(
						and(
							eq(roleAssignments.organisationId, organisationId),
							eq(roleAssignments.role, 'controller'),
							eq(users.active, true)
						)
					)
			)
				.map((u) => u.email)
				.sort();
		for (const r of reminders) {
			const mails = await controllers(r.organisationId);
			if (r.organisationId === other.organisationId)
				expect(r.contact).toEqual({ source: 'organisation', emails: ['ikz@stadt.example'] });
			else if (mails.length) expect(r.contact).toEqual({ source: 'controllers', emails: mails });
			else expect(r.contact).toEqual({ source: 'none', emails: [] });
			expect(r.mailto === null).toBe(r.contact.emails.length === 0);
		}
		// Köln still has drafts in the demo: its controllers get the reminder.
		const koelnReminder = reminders.find((r) => r.organisationId === koeln)!;
		expect(koelnReminder.contact.emails).toContain('controlling.koeln@demo.ikz-nrw.de');
		expect(koelnReminder.mailto).toMatch(/^mailto:controlling\.koeln@demo\.ikz-nrw\.de/);
	});

	it('drills down to the KPIs of a field and of one city × field cell', async () => {
		const { org, field } = await ids();
		const expected = await expectedCounts();
		const archive = field('archivierung');
		sent.length = 0;
		const all = await loadDrilldown(handle.db, archive, Q);
		const one = await loadDrilldown(handle.db, archive, Q, org('koeln'));
		expect(sent).toHaveLength(2);
		const cities = [...expected.keys()].filter((k) => k.endsWith(`:${archive}`));
		expect(all.cities).toHaveLength(cities.length);
		for (const city of all.cities) {
			const e = expected.get(`${city.id}:${archive}`)!;
			expect(new Map(city.kpis.map((k) => [k.id, k.state]))).toEqual(e.states);
		}
		expect(one.cities.map((c) => c.name)).toEqual(['Köln']);
		expect(one.cities[0]!.kpis.length).toBe(expected.get(`${org('koeln')}:${archive}`)!.kpis);
		expect(one.cities[0]!.kpis.every((k) => k.code && k.nameDe)).toBe(true);
	});

	it('shows states, never values: a fresh draft changes the counts but its figure appears nowhere', async () => {
		const { org, field } = await ids();
		const [controller] = await handle.db
			.select({ id: users.id })
			.from(users)
			.where(eq(users.email, 'controlling.koeln@demo.ikz-nrw.de'));
		// Make one of Köln's draft KPIs missing, then let the controller enter it again.
		const drafted = (await loadEntryGrid(handle.db, 'koeln', 'archivierung', Q, 'de'))!;
		const target = drafted.rows.find((r) => r.current?.state === 'draft')!;
		await handle.db.delete(measurements).where(eq(measurements.id, target.current!.id));
		const cellOf = async () =>
			(await loadCompleteness(handle.db, Q)).matrix.cells.find(
				(c) => c.organisationId === org('koeln') && c.fieldId === field('archivierung')
			)!;
		const before = await cellOf();
		const g = (await loadEntryGrid(handle.db, 'koeln', 'archivierung', Q, 'de'))!;
		const posted = g.rows.map((r) => ({
			kpiId: r.kpiId,
			value:
				r.kpiId === target.kpiId
					? '987654,3'
					: r.current
						? String(r.current.value).replace('.', ',')
						: '',
			comment: r.kpiId === target.kpiId ? 'GEHEIMER KOMMENTAR' : r.current?.comment || 'geprüft',
			version: r.current?.version ?? 0
		}));
		const { drafts } = evaluateRows(g, posted, 'de');
		const saved = await saveDrafts(handle.db, {
			userId: controller!.id,
			organisationId: g.organisation.id,
			fieldId: g.field.id,
			quarter: Q,
			drafts
		});
		expect(saved.ok).toBe(true);
		const after = await cellOf();
		expect([after.missing, after.draft]).toEqual([before.missing - 1, before.draft + 1]);
		expect(after.state).toBe('draft');

		const everything = JSON.stringify([
			await loadCompleteness(handle.db, Q),
			await loadDrilldown(handle.db, field('archivierung'), Q),
			await loadDrilldown(handle.db, field('archivierung'), Q, org('koeln'))
		]);
		expect(everything).not.toContain('987654');
		expect(everything).not.toContain('GEHEIM');
		expect(everything).not.toMatch(/"(value|caseCount|comment|comparable)"/);
	});

	it('exports the list as CSV for German Excel: BOM, semicolons, CRLF, quoted where needed', async () => {
		const { notDelivered } = await loadCompleteness(handle.db, Q);
		const csv = notDeliveredCsv(
			notDelivered,
			Q,
			labels,
			(r) => r.fieldNameDe,
			(q) => `Q${q.quarter}/${q.year}`
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = csv.slice(1).split('\r\n').slice(0, -1);
		expect(lines[0]).toBe(
			'Stadt;Kooperationsfeld;Quartal;Frist;Kennzahlen;fehlen;Entwurf;eingereicht;freigegeben;Kontakt'
		);
		expect(lines).toHaveLength(notDelivered.length + 1);
		const parsed = Papa.parse<string[]>(csv.slice(1), {
			delimiter: ';',
			newline: '\r\n',
			skipEmptyLines: true
		});
		expect(parsed.errors).toEqual([]);
		expect(parsed.data.slice(1)).toEqual(
			notDelivered.map((r) => [
				r.city,
				r.fieldNameDe,
				'Q3/2026',
				'2026-11-30',
				String(r.kpis),
				String(r.missing),
				String(r.draft),
				String(r.submitted),
				String(r.released),
				r.contact.emails.join(', ')
			])
		);
		// Umlauts survive (Köln, Düsseldorf …) and the file names every owing city.
		expect(new Set(parsed.data.slice(1).map((r) => r[0]))).toEqual(
			new Set(notDelivered.map((r) => r.city))
		);
	});

	it('leaves fields whose quarter was never opened out of the list', async () => {
		const { field } = await ids();
		const archive = field('archivierung');
		await handle.db
			.delete(reportingPeriods)
			.where(
				and(
					eq(reportingPeriods.fieldId, archive),
					eq(reportingPeriods.year, Q.year),
					eq(reportingPeriods.quarter, Q.quarter)
				)
			);
		const { matrix, notDelivered } = await loadCompleteness(handle.db, Q);
		expect(matrix.fields.find((f) => f.id === archive)!.period).toEqual({
			state: 'missing',
			deadline: null
		});
		expect(notDelivered.some((r) => r.fieldId === archive)).toBe(false);
		expect(matrix.cells.some((c) => c.fieldId === archive)).toBe(true);
		// Nothing else was touched.
		expect(
			await handle.db.$count(reportingPeriods, inArray(reportingPeriods.fieldId, [archive]))
		).toBe(11);
	});
});
