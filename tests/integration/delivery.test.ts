import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	kpis,
	measurements,
	organisations,
	reportingPeriods
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import {
	commitDelivery,
	planDelivery,
	planFingerprint,
	type DeliveryRow
} from '../../src/lib/server/delivery';
import { createTestDatabase } from '../helpers/test-database';
import { createScorecard, createUserWithRoles, createValues } from '../helpers/factories';

describe('delivery core (import and API)', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let controllerId: number;
	let archivId: number;
	const sent: string[] = [];
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (q) => sent.push(q), seed: 'reference' });
		const db = handle.db;
		// Köln and Düsseldorf of the reference data: rows name cities by slug, AGS or name.
		[{ id: koeln }] = (await db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'))) as [{ id: number }];
		controllerId = (await createUserWithRoles(db, [{ role: 'controller', organisationId: koeln }]))
			.id;
		const archive = await createScorecard(db, {
			organisationId: koeln,
			field: 'archivierung',
			kpis: [
				{ code: 'ARCH-ERSCHL', targets: { 2026: { greenMin: '75', yellowMin: '60' } } },
				{ code: 'ARCH-DIGITAL', perspective: 'customers' },
				{ code: 'ARCH-MAGAZIN', perspective: 'finance' },
				{ code: 'ARCH-ANFR-DAUER', perspective: 'processes' },
				{ code: 'ARCH-FACHQUAL', perspective: 'staff' }
			]
		});
		archivId = archive.fieldId;
		const kfz = await createScorecard(db, {
			organisationId: koeln,
			field: 'kfz-zulassungswesen',
			kpis: [{ code: 'KFZ-IKFZ' }, { code: 'KFZ-FLUKT', perspective: 'staff' }]
		});
		const beihilfe = await createScorecard(db, {
			organisationId: koeln,
			field: 'beihilfe',
			kpis: [{ code: 'BH-DAUER' }]
		});
		const values = async (
			card: typeof archive,
			code: string,
			v: Record<string, number>,
			state?: 'draft' | 'submitted' | 'released'
		) =>
			createValues(db, { organisationId: koeln, kpiId: card.kpiIds.get(code)!, values: v, state });
		// Nine values: Q3/2026 drafts in the archive (none for ARCH-MAGAZIN), released Q2 values,
		// a submitted and a released Kfz value, a released Beihilfe value.
		await values(archive, 'ARCH-ERSCHL', { '2026-Q2': 77 });
		await values(archive, 'ARCH-ERSCHL', { '2026-Q3': 78.4 }, 'draft');
		await values(archive, 'ARCH-DIGITAL', { '2026-Q3': 1200 }, 'draft');
		await values(archive, 'ARCH-ANFR-DAUER', { '2026-Q3': 12 }, 'draft');
		await values(archive, 'ARCH-FACHQUAL', { '2026-Q3': 70 }, 'draft');
		await values(archive, 'ARCH-MAGAZIN', { '2026-Q2': 88 });
		await values(kfz, 'KFZ-IKFZ', { '2026-Q3': 41.5 }, 'submitted');
		await values(kfz, 'KFZ-FLUKT', { '2026-Q3': 6 });
		await values(beihilfe, 'BH-DAUER', { '2026-Q3': 9 });
		// Q3/2026 open in the three fields; Q2/2025 and Q2/2026 of the archive closed.
		const closedAt = new Date('2026-09-01T00:00:00Z');
		await db.insert(reportingPeriods).values([
			...[archive, kfz, beihilfe].map((c) => ({
				fieldId: c.fieldId,
				year: 2026,
				quarter: 3,
				deadline: '2026-11-30'
			})),
			{ fieldId: archivId, year: 2026, quarter: 2, deadline: '2026-08-31', closedAt },
			{ fieldId: archivId, year: 2025, quarter: 2, deadline: '2025-08-31', closedAt }
		]);
	});
	afterAll(() => handle.close());

	let line = 0;
	const row = (r: Partial<DeliveryRow> & { kpi: string; value: number | null }): DeliveryRow => ({
		line: ++line,
		city: 'koeln',
		year: 2026,
		quarter: 3,
		comment: '',
		...r
	});
	const stored = async (code: string, year = 2026, quarter = 3) => {
		const [found] = await handle.db
			.select({
				value: measurements.value,
				comment: measurements.comment,
				state: measurements.state
			})
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					eq(measurements.organisationId, koeln),
					eq(kpis.code, code),
					eq(measurements.year, year),
					eq(measurements.quarter, quarter)
				)
			);
		return found ? { ...found, value: Number(found.value) } : null;
	};
	const total = async () =>
		Number((await handle.db.select({ n: sql<number>`count(*)` }).from(measurements))[0]!.n);
	const deliveries = async () =>
		(await handle.db.select().from(auditLog).where(eq(auditLog.entity, 'delivery'))).length;
	const plan = (rows: DeliveryRow[], extra: { onlyFieldId?: number } = {}) =>
		planDelivery(handle.db, { organisationId: koeln, rows, locale: 'de', ...extra });
	const commit = (rows: DeliveryRow[], extra: { expectedFingerprint?: string } = {}) =>
		commitDelivery(handle.db, {
			organisationId: koeln,
			userId: controllerId,
			rows,
			source: 'import',
			locale: 'de',
			...extra
		});

	it('classifies new, changed and unchanged rows, writes them as drafts, and repeats idempotently', async () => {
		// ARCH-MAGAZIN has no Q3 value yet; ARCH-ERSCHL is a draft of 78.4, ARCH-FACHQUAL of 70.
		const rows = [
			row({ kpi: 'ARCH-MAGAZIN', value: 91 }),
			row({ kpi: 'arch-erschl', value: 79.1, comment: 'nachgezählt' }),
			row({ kpi: 'ARCH-FACHQUAL', value: 70, comment: '' })
		];
		const dry = await plan(rows);
		expect(dry.counts).toEqual({ new: 1, changed: 1, unchanged: 1, error: 0 });
		expect(dry.outcomes.map((o) => o.kind)).toEqual(['new', 'changed', 'unchanged']);
		expect(dry.outcomes[1]).toMatchObject({
			city: 'koeln',
			field: 'archivierung',
			kpi: 'ARCH-ERSCHL',
			before: { value: 78.4, state: 'draft' },
			after: { value: 79.1, comment: 'nachgezählt' }
		});
		// The dry run wrote nothing.
		expect(await stored('ARCH-MAGAZIN')).toBeNull();

		expect(await total()).toBe(9);
		expect(await deliveries()).toBe(0);
		const done = await commit(rows);
		expect(done.ok).toBe(true);
		expect(await stored('ARCH-MAGAZIN')).toEqual({ value: 91, comment: '', state: 'draft' });
		expect(await stored('ARCH-ERSCHL')).toEqual({
			value: 79.1,
			comment: 'nachgezählt',
			state: 'draft'
		});
		expect(await stored('ARCH-FACHQUAL')).toEqual({ value: 70, comment: '', state: 'draft' });
		expect(await total()).toBe(10);
		expect(await deliveries()).toBe(1);

		// The same rows again: all unchanged, nothing written, no further audit entry.
		const again = await commit(rows.map((r) => ({ ...r })));
		expect(again).toMatchObject({
			ok: true,
			plan: { counts: { unchanged: 3, new: 0, changed: 0 } }
		});
		expect(await total()).toBe(10);
		expect(await deliveries()).toBe(1);
	});

	it('writes nothing when one row is bad, and says which row and why', async () => {
		const result = await commit([
			row({ kpi: 'ARCH-MAGAZIN', value: 90 }),
			row({ kpi: 'ARCH-GIBTSNICHT', value: 1 })
		]);
		expect(result.ok).toBe(false);
		expect(result.plan.counts).toMatchObject({ changed: 1, error: 1 });
		expect(result.plan.outcomes[1]!.error).toEqual({
			code: 'unknown_kpi',
			message: 'Unbekannter Kennzahl-Code „ARCH-GIBTSNICHT“.'
		});
		expect((await stored('ARCH-MAGAZIN'))!.value).toBe(91);
		expect(await total()).toBe(10);
	});

	it('refuses other cities, unknown cities, fields and periods row by row', async () => {
		const result = await plan([
			row({ city: 'duesseldorf', kpi: 'ARCH-MAGAZIN', value: 1 }),
			row({ city: 'atlantis', kpi: 'ARCH-MAGAZIN', value: 1 }),
			row({ city: '05315000', kpi: 'ARCH-MAGAZIN', value: 91 }),
			row({ city: 'Köln', field: 'Archivierung', kpi: 'ARCH-MAGAZIN', value: 91 }),
			row({ field: 'gibtsnicht', kpi: 'ARCH-MAGAZIN', value: 1 }),
			row({ kpi: 'ARCH-MAGAZIN', quarter: 5, value: 1 }),
			row({ kpi: 'ARCH-MAGAZIN', year: 2031, quarter: 1, value: 1 })
		]);
		const codes = result.outcomes.map((o) => o.error?.code ?? o.kind);
		expect(codes).toEqual([
			'foreign_city',
			'unknown_city',
			'unchanged',
			'duplicate_row',
			'unknown_field',
			'invalid_period',
			'period_missing'
		]);
		expect(result.outcomes[0]!.error!.message).toContain('eigenen Stadt');
		expect(result.outcomes[3]!.error!.message).toBe(
			`Dieselbe Kennzahl und dasselbe Quartal stehen schon in Zeile ${result.outcomes[2]!.line}.`
		);
	});

	it('flags a repeated key as duplicate even with the same value', async () => {
		const result = await plan([
			row({ kpi: 'ARCH-MAGAZIN', value: 91 }),
			row({ kpi: 'ARCH-MAGAZIN', value: 91 })
		]);
		expect(result.outcomes.map((o) => o.error?.code ?? o.kind)).toEqual([
			'unchanged',
			'duplicate_row'
		]);
	});

	it('takes no change in a closed quarter, but an unchanged row there is fine', async () => {
		expect(await stored('ARCH-MAGAZIN', 2026, 2)).toEqual({
			value: 88,
			comment: '',
			state: 'released'
		});
		const result = await plan([
			row({ kpi: 'ARCH-MAGAZIN', quarter: 2, value: 88, comment: '' }),
			row({ kpi: 'ARCH-MAGAZIN', quarter: 2, year: 2025, value: 1 })
		]);
		expect(result.outcomes[0]!.kind).toBe('unchanged');
		expect(result.outcomes[1]!.error).toEqual({
			code: 'period_closed',
			message: 'Q2/2025 ist geschlossen; Änderungen nur nach Wiedereröffnung durch die Feldleitung.'
		});
	});

	it('locks submitted and released values against changes, not against repeating them', async () => {
		expect(await stored('KFZ-IKFZ')).toEqual({ value: 41.5, comment: '', state: 'submitted' });
		const result = await plan([
			row({ kpi: 'KFZ-IKFZ', value: 41.5, comment: '' }),
			row({ kpi: 'KFZ-FLUKT', value: 99 }),
			row({ kpi: 'BH-DAUER', value: 1, comment: 'x' })
		]);
		expect(result.outcomes.map((o) => o.error?.code ?? o.kind)).toEqual([
			'unchanged',
			'value_locked',
			'value_locked'
		]);
		expect(result.outcomes[2]!.error!.message).toContain('freigegeben');
	});

	it('needs a comment for a red value, as the entry grid', async () => {
		const red = await plan([row({ kpi: 'ARCH-ERSCHL', value: 1 })]);
		expect(red.outcomes[0]!.error?.code).toBe('red_needs_comment');
		const explained = await plan([row({ kpi: 'ARCH-ERSCHL', value: 1, comment: 'Wasserschaden' })]);
		expect(explained.outcomes[0]).toMatchObject({ kind: 'changed' });
		// A jump from 79.1 to 1 is beyond the KPI's plausible change: shown, not blocking.
		expect(explained.outcomes[0]!.warnings).toContain('change_exceeds_tolerance');
	});

	it('reads file cells with the KPI unit and refuses unreadable or unstorable numbers', async () => {
		const result = await plan([
			row({
				kpi: 'ARCH-ERSCHL',
				value: null,
				raw: { text: '80,5 %', locale: 'de' },
				comment: 'ok'
			}),
			row({ kpi: 'ARCH-DIGITAL', value: null, raw: { text: '12 %', locale: 'de' } }),
			row({ kpi: 'ARCH-FACHQUAL', value: null, raw: { text: 'zwölf', locale: 'de' } }),
			row({ kpi: 'ARCH-ANFR-DAUER', value: 1e20 }),
			row({ kpi: 'ARCH-MAGAZIN', value: Number.NaN })
		]);
		expect(result.outcomes[0]).toMatchObject({ kind: 'changed', after: { value: 80.5 } });
		expect(result.outcomes.slice(1).map((o) => o.error?.code)).toEqual([
			'invalid_value',
			'invalid_value',
			'invalid_value',
			'invalid_value'
		]);
		expect(result.outcomes[2]!.error!.message).toBe('„zwölf“ ist keine Zahl.');
	});

	it('clears a draft with an empty value; an empty row without a stored value is unchanged', async () => {
		const result = await commit([
			row({ kpi: 'ARCH-MAGAZIN', value: null }),
			row({ kpi: 'ARCH-MAGAZIN', quarter: 4, value: null, year: 2021 })
		]);
		expect(result).toMatchObject({ ok: true, plan: { counts: { changed: 1, unchanged: 1 } } });
		expect(await stored('ARCH-MAGAZIN')).toBeNull();
		expect(await total()).toBe(9);
	});

	it('keeps rows to one field on a scorecard page and names ambiguous or missing KPIs', async () => {
		const result = await plan(
			[
				row({ field: 'beihilfe', kpi: 'BH-DAUER', value: 7.4 }),
				row({ kpi: 'BH-DAUER', value: 7.4 }),
				row({ kpi: 'ARCH-ERSCHL', value: 79.1, comment: 'nachgezählt' })
			],
			{ onlyFieldId: archivId }
		);
		expect(result.outcomes.map((o) => o.error?.code ?? o.kind)).toEqual([
			'kpi_not_on_scorecard',
			'kpi_not_on_scorecard',
			'unchanged'
		]);
		expect(result.outcomes[0]!.error!.message).toContain('Importseite');
	});

	it('refuses the commit when the stored values changed since the dry run', async () => {
		const rows = [row({ kpi: 'ARCH-FACHQUAL', value: 60, comment: 'neu' })];
		const dry = await plan(rows);
		await handle.db.execute(
			sql`update measurements set value = 61 where organisation_id = ${koeln} and year = 2026
				and quarter = 3 and kpi_id = (select id from kpis where code = 'ARCH-FACHQUAL')`
		);
		const result = await commit(rows, { expectedFingerprint: planFingerprint(dry) });
		expect(result).toMatchObject({ ok: false, stale: true });
		expect(await stored('ARCH-FACHQUAL')).toEqual({ value: 61, comment: '', state: 'draft' });
		const fresh = await plan(rows);
		expect(await commit(rows, { expectedFingerprint: planFingerprint(fresh) })).toMatchObject({
			ok: true
		});
		expect(await stored('ARCH-FACHQUAL')).toEqual({ value: 60, comment: 'neu', state: 'draft' });
	});

	it('plans and commits 2,000 rows in a fixed number of statements', async () => {
		// 2000 rows over 2000–2099 for the archive KPIs: quarters without a period are refused.
		const codes = [
			'ARCH-ERSCHL',
			'ARCH-DIGITAL',
			'ARCH-MAGAZIN',
			'ARCH-ANFR-DAUER',
			'ARCH-FACHQUAL'
		];
		const many: DeliveryRow[] = [];
		for (let i = 0; i < 2000; i++) {
			many.push(
				row({
					kpi: codes[i % 5]!,
					year: 2000 + Math.floor(i / 20),
					quarter: (((i / 5) % 4) | 0) + 1,
					value: i
				})
			);
		}
		sent.length = 0;
		const result = await plan(many);
		expect(result.outcomes).toHaveLength(2000);
		expect(sent.length).toBeLessThanOrEqual(8);
		sent.length = 0;
		const refused = await commit(many);
		expect(refused.ok).toBe(false);
		expect(sent.length).toBeLessThanOrEqual(10);
	});

	it('writes 2,000 new rows in a few statements once the periods are open', async () => {
		// Quarters without any value, opened for this test.
		const years = Array.from({ length: 20 }, (_, i) => 2000 + i);
		await handle.db
			.insert(reportingPeriods)
			.values(
				years.flatMap((year) =>
					[1, 2, 3, 4].map((quarter) => ({
						fieldId: archivId,
						year,
						quarter,
						deadline: '2030-01-01'
					}))
				)
			)
			.onConflictDoNothing();
		const codes = ['ARCH-DIGITAL', 'ARCH-ANFR-DAUER'];
		const many: DeliveryRow[] = [];
		for (const year of years)
			for (const quarter of [1, 2, 3, 4])
				for (const kpi of codes)
					many.push(
						row({ kpi, year, quarter, value: 1000 + year + quarter, comment: 'Altbestand' })
					);
		expect(await total()).toBe(9);
		sent.length = 0;
		const result = await commit(many);
		expect(result.plan.outcomes.find((o) => o.error)?.error).toBeUndefined();
		expect(result.ok).toBe(true);
		expect(result.plan.counts.new).toBe(many.length);
		expect(sent.length).toBeLessThanOrEqual(14);
		expect(many).toHaveLength(160);
		expect(await total()).toBe(169);
	});
});
