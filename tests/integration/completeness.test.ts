import { and, eq, inArray } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cooperationFields,
	measurements,
	organisations,
	reportingPeriods,
	scorecardKpis
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadCompleteness, loadDrilldown } from '../../src/lib/server/periods/completeness';
import { matrixRows } from '../../src/lib/server/periods/completeness-queries';
import { notDeliveredCsv } from '../../src/lib/server/periods/export';
import { loadEntryGrid } from '../../src/lib/server/entry/grid';
import { evaluateRows } from '../../src/lib/server/entry/form';
import { saveDrafts } from '../../src/lib/server/entry/save';
import type { EntryState } from '../../src/lib/domain/completeness/states';
import { createTestDatabase } from '../helpers/test-database';
import { createScorecard, createUserWithRoles, createValues } from '../helpers/factories';

const Q = { year: 2026, quarter: 3 };
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

/** Q3/2026 as created below: city/field → counts and cell state, written by hand. */
const cells = {
	'koeln/archivierung': {
		kpis: 5,
		missing: 0,
		draft: 3,
		submitted: 1,
		released: 1,
		state: 'draft'
	},
	// KFZ-FLUKT is archived on this scorecard: its draft counts nowhere.
	'koeln/kfz-zulassungswesen': {
		kpis: 2,
		missing: 0,
		draft: 0,
		submitted: 0,
		released: 2,
		state: 'released'
	},
	'duesseldorf/archivierung': {
		kpis: 2,
		missing: 0,
		draft: 0,
		submitted: 2,
		released: 0,
		state: 'submitted'
	},
	'duesseldorf/kfz-zulassungswesen': {
		kpis: 1,
		missing: 0,
		draft: 1,
		submitted: 0,
		released: 0,
		state: 'draft'
	},
	'essen/beihilfe': { kpis: 2, missing: 2, draft: 0, submitted: 0, released: 0, state: 'missing' },
	'hamm/geschaeftsprozessoptimierung': {
		kpis: 0,
		missing: 0,
		draft: 0,
		submitted: 0,
		released: 0,
		state: 'no_kpis'
	}
} as const;

describe('completeness of a quarter', () => {
	let handle: DatabaseHandle;
	const sent: string[] = [];
	const slugOf = new Map<number, string>();
	const fieldSlugOf = new Map<number, string>();
	const at = (organisationId: number, fieldId: number) =>
		`${slugOf.get(organisationId)}/${fieldSlugOf.get(fieldId)}`;
	let kpiCode = new Map<number, string>();
	let koelnController = 0;

	/**
	 * Four reference cities with six scorecards: Köln delivers its Kfz figures and has drafts in
	 * the archive, Düsseldorf submitted its archive and has a Kfz draft, Essen entered nothing
	 * for Beihilfe, Hamm's scorecard lists no KPI yet. Köln has two active controllers and an
	 * inactive one, Düsseldorf one controller, Essen none. Q3/2026 is open in every field.
	 */
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const db = handle.db;
		for (const o of await db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations))
			slugOf.set(o.id, o.slug);
		const fields = await db
			.select({ id: cooperationFields.id, slug: cooperationFields.slug })
			.from(cooperationFields);
		for (const f of fields) fieldSlugOf.set(f.id, f.slug);
		const city = (slug: string) => [...slugOf].find(([, s]) => s === slug)![0];
		const koeln = city('koeln');
		const duesseldorf = city('duesseldorf');
		const essen = city('essen');
		const hamm = city('hamm');
		const codes = new Map<string, number>();
		const card = async (
			organisationId: number,
			field: string,
			states: Record<string, EntryState>
		) => {
			const created = await createScorecard(db, {
				organisationId,
				field,
				kpis: Object.keys(states).map((code) => ({ code }))
			});
			for (const [code, state] of Object.entries(states)) {
				const kpiId = created.kpiIds.get(code)!;
				codes.set(code, kpiId);
				if (state !== 'missing')
					await createValues(db, {
						organisationId,
						kpiId,
						values: { '2026-Q3': 50, '2026-Q2': 48 },
						state
					});
			}
			return created;
		};
		await card(koeln, 'archivierung', {
			'ARCH-ERSCHL': 'released',
			'ARCH-DIGITAL': 'submitted',
			'ARCH-MAGAZIN': 'draft',
			'ARCH-ANFR-DAUER': 'draft',
			'ARCH-FACHQUAL': 'draft'
		});
		const koelnKfz = await card(koeln, 'kfz-zulassungswesen', {
			'KFZ-IKFZ': 'released',
			'KFZ-WARTEZEIT': 'released',
			'KFZ-FLUKT': 'draft'
		});
		await db
			.update(scorecardKpis)
			.set({ archivedAt: new Date('2026-05-01T00:00:00Z') })
			.where(eq(scorecardKpis.id, koelnKfz.scorecardKpiIds.get('KFZ-FLUKT')!));
		await card(duesseldorf, 'archivierung', {
			'ARCH-ERSCHL': 'submitted',
			'ARCH-MAGAZIN': 'submitted'
		});
		await card(duesseldorf, 'kfz-zulassungswesen', { 'KFZ-IKFZ': 'draft' });
		await card(essen, 'beihilfe', { 'BH-DAUER': 'missing', 'BH-ONLINE': 'missing' });
		await createScorecard(db, {
			organisationId: hamm,
			field: 'geschaeftsprozessoptimierung',
			kpis: []
		});
		kpiCode = new Map([...codes].map(([code, id]) => [id, code]));

		koelnController = (
			await createUserWithRoles(db, [{ role: 'controller', organisationId: koeln }], {
				email: 'bernd@koeln.example'
			})
		).id;
		await createUserWithRoles(db, [{ role: 'controller', organisationId: koeln }], {
			email: 'anna@koeln.example'
		});
		await createUserWithRoles(db, [{ role: 'controller', organisationId: koeln }], {
			email: 'ehemals@koeln.example',
			active: false
		});
		await createUserWithRoles(db, [{ role: 'approver', organisationId: koeln }], {
			email: 'freigabe@koeln.example'
		});
		await createUserWithRoles(db, [{ role: 'controller', organisationId: duesseldorf }], {
			email: 'controlling@duesseldorf.example'
		});

		const archive = fields.find((f) => f.slug === 'archivierung')!.id;
		await db.insert(reportingPeriods).values([
			...fields.map((f) => ({ fieldId: f.id, ...Q, deadline: '2026-11-30' })),
			...[1, 2].map((quarter) => ({
				fieldId: archive,
				year: 2026,
				quarter,
				deadline: '2026-08-31',
				closedAt: new Date('2026-09-01T00:00:00Z')
			}))
		]);
	});
	afterAll(() => handle.close());

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

	it('builds the city × field heatmap in one aggregate statement, with the counts of the rows created', async () => {
		sent.length = 0;
		await matrixRows(handle.db, Q);
		expect(sent).toHaveLength(1);

		sent.length = 0;
		const { matrix, notDelivered } = await loadCompleteness(handle.db, Q);
		// The heatmap and the "not delivered" list with contacts: two statements for 13 × 10 cells.
		expect(sent.length).toBeLessThanOrEqual(2);

		expect(sent).toHaveLength(2);

		expect(matrix.fields).toHaveLength(10);
		expect(matrix.cities.map((c) => c.name)).toEqual(['Düsseldorf', 'Essen', 'Hamm', 'Köln']);
		expect(
			Object.fromEntries(
				matrix.cells.map(({ organisationId, fieldId, ...counts }) => [
					at(organisationId, fieldId),
					counts
				])
			)
		).toEqual(cells);
		expect(
			matrix.fields.every((f) => f.period.state === 'open' && f.period.deadline === '2026-11-30')
		).toBe(true);

		// Not delivered: exactly the pairs with a KPI missing or in draft (all fields are open),
		// by city name; Hamm's scorecard without KPIs owes nothing.
		expect(notDelivered.map((r) => at(r.organisationId, r.fieldId))).toEqual([
			'duesseldorf/kfz-zulassungswesen',
			'essen/beihilfe',
			'koeln/archivierung'
		]);
	});

	it("reminds a city's contact address, else its controllers; nobody is invented", async () => {
		const { org } = await ids();
		const koeln = org('koeln');
		// Düsseldorf's own contact address wins over its controller.
		await handle.db
			.update(organisations)
			.set({ contactEmail: 'ikz@stadt.example' })
			.where(eq(organisations.id, org('duesseldorf')));

		const { reminders } = await loadCompleteness(handle.db, Q);
		expect(
			reminders.map((r) => [slugOf.get(r.organisationId), r.city, r.contact, r.mailto !== null])
		).toEqual([
			[
				'duesseldorf',
				'Düsseldorf',
				{ source: 'organisation', emails: ['ikz@stadt.example'] },
				true
			],
			['essen', 'Essen', { source: 'none', emails: [] }, false],
			// Active controllers only, sorted; not the approver, not the deactivated account.
			[
				'koeln',
				'Köln',
				{ source: 'controllers', emails: ['anna@koeln.example', 'bernd@koeln.example'] },
				true
			]
		]);
		const koelnReminder = reminders.find((r) => r.organisationId === koeln)!;
		expect(koelnReminder.mailto).toMatch(/^mailto:anna@koeln\.example,bernd@koeln\.example\?/);
	});

	it('drills down to the KPIs of a field and of one city × field cell', async () => {
		const { org, field } = await ids();
		const archive = field('archivierung');
		sent.length = 0;
		const all = await loadDrilldown(handle.db, archive, Q);
		const one = await loadDrilldown(handle.db, archive, Q, org('koeln'));
		expect(sent).toHaveLength(2);
		const statesOf = (d: typeof all) =>
			d.cities.map((c) => [c.name, Object.fromEntries(c.kpis.map((k) => [k.code, k.state]))]);
		const koeln = {
			'ARCH-ERSCHL': 'released',
			'ARCH-DIGITAL': 'submitted',
			'ARCH-MAGAZIN': 'draft',
			'ARCH-ANFR-DAUER': 'draft',
			'ARCH-FACHQUAL': 'draft'
		};
		expect(statesOf(all)).toEqual([
			['Düsseldorf', { 'ARCH-ERSCHL': 'submitted', 'ARCH-MAGAZIN': 'submitted' }],
			['Köln', koeln]
		]);
		expect(statesOf(one)).toEqual([['Köln', koeln]]);
		expect(one.cities[0]!.kpis.every((k) => kpiCode.get(k.id) === k.code && k.nameDe)).toBe(true);
	});

	it('shows states, never values: a fresh draft changes the counts but its figure appears nowhere', async () => {
		const { org, field } = await ids();
		// Make Köln's ARCH-MAGAZIN draft missing, then let the controller enter it again.
		const drafted = (await loadEntryGrid(handle.db, 'koeln', 'archivierung', Q, 'de'))!;
		const target = drafted.rows.find((r) => kpiCode.get(r.kpiId) === 'ARCH-MAGAZIN')!;
		expect(target.current?.state).toBe('draft');
		await handle.db.delete(measurements).where(eq(measurements.id, target.current!.id));
		const cellOf = async () =>
			(await loadCompleteness(handle.db, Q)).matrix.cells.find(
				(c) => c.organisationId === org('koeln') && c.fieldId === field('archivierung')
			)!;
		expect(await cellOf()).toMatchObject({ missing: 1, draft: 2, state: 'missing' });
		const g = (await loadEntryGrid(handle.db, 'koeln', 'archivierung', Q, 'de'))!;
		// Only the re-entered KPI is posted; the others stay as they are.
		const posted = [
			{ kpiId: target.kpiId, value: '987654', comment: 'GEHEIMER KOMMENTAR', version: 0 }
		];
		const { drafts } = evaluateRows(g, posted, 'de');
		const saved = await saveDrafts(handle.db, {
			userId: koelnController,
			organisationId: g.organisation.id,
			fieldId: g.field.id,
			quarter: Q,
			drafts
		});
		expect(saved.ok).toBe(true);
		const after = await cellOf();
		expect(after).toMatchObject({
			missing: 0,
			draft: 3,
			submitted: 1,
			released: 1,
			state: 'draft'
		});

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
		expect(lines).toHaveLength(4);
		const parsed = Papa.parse<string[]>(csv.slice(1), {
			delimiter: ';',
			newline: '\r\n',
			skipEmptyLines: true
		});
		expect(parsed.errors).toEqual([]);
		// Umlauts survive; contacts as the reminder test left them.
		expect(parsed.data.slice(1)).toEqual([
			[
				'Düsseldorf',
				'Kfz-Zulassungswesen',
				'Q3/2026',
				'2026-11-30',
				'1',
				'0',
				'1',
				'0',
				'0',
				'ikz@stadt.example'
			],
			['Essen', 'Beihilfe', 'Q3/2026', '2026-11-30', '2', '2', '0', '0', '0', ''],
			[
				'Köln',
				'Archivierung',
				'Q3/2026',
				'2026-11-30',
				'5',
				'0',
				'3',
				'1',
				'1',
				'anna@koeln.example, bernd@koeln.example'
			]
		]);
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
		expect(notDelivered.map((r) => at(r.organisationId, r.fieldId))).toEqual([
			'duesseldorf/kfz-zulassungswesen',
			'essen/beihilfe'
		]);
		expect(
			matrix.cells.filter((c) => c.fieldId === archive).map((c) => slugOf.get(c.organisationId))
		).toEqual(expect.arrayContaining(['koeln', 'duesseldorf']));
		expect(matrix.cells.filter((c) => c.fieldId === archive)).toHaveLength(2);
		// Nothing else was touched.
		expect(
			await handle.db.$count(reportingPeriods, inArray(reportingPeriods.fieldId, [archive]))
		).toBe(2);
	});
});
