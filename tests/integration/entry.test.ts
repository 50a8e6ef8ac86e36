import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, measurements, reportingPeriods } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import { evaluateRows } from '../../src/lib/server/entry/form';
import { saveDrafts } from '../../src/lib/server/entry/save';
import { releaseQuarter, reopenValue, submitQuarter } from '../../src/lib/server/entry/transitions';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues
} from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

const Q = { year: 2026, quarter: 3 };

describe('quarterly entry', () => {
	let handle: DatabaseHandle;
	let controllerId: number;
	let approverId: number;
	const sent: string[] = [];
	let city: string;
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const db = handle.db;
		const weststadt = await createCity(db, { name: 'Weststadt' });
		city = weststadt.slug;
		const organisationId = weststadt.id;
		controllerId = (await createUserWithRoles(db, [{ role: 'controller', organisationId }])).id;
		approverId = (await createUserWithRoles(db, [{ role: 'approver', organisationId }])).id;
		const archive = await createScorecard(db, {
			organisationId,
			field: 'archivierung',
			kpis: [
				{ code: 'ARCH-ERSCHL', perspective: 'mandate' },
				{ code: 'ARCH-DIGITAL', perspective: 'customers' },
				{ code: 'ARCH-MAGAZIN', perspective: 'finance' },
				{ code: 'ARCH-FACHQUAL', perspective: 'staff' }
			]
		});
		// Last year's and last quarter's values are released; this quarter has drafts for three.
		const earlier = {
			'ARCH-ERSCHL': 61.5,
			'ARCH-DIGITAL': 1200,
			'ARCH-MAGAZIN': 80,
			'ARCH-FACHQUAL': 70
		};
		for (const [code, value] of Object.entries(earlier)) {
			const kpiId = archive.kpiIds.get(code)!;
			await createValues(db, {
				organisationId,
				kpiId,
				values: { '2025-Q3': value, '2026-Q2': value }
			});
			if (code !== 'ARCH-FACHQUAL')
				await createValues(db, {
					organisationId,
					kpiId,
					values: { '2026-Q3': value },
					state: 'draft'
				});
		}
		const beihilfe = await createScorecard(db, {
			organisationId,
			field: 'beihilfe',
			kpis: [{ code: 'BH-DAUER' }]
		});
		for (const fieldId of [archive.fieldId, beihilfe.fieldId])
			await db.insert(reportingPeriods).values({ fieldId, ...Q, deadline: '2026-11-30' });
	});
	afterAll(() => handle.close());

	const grid = async (field = 'archivierung') =>
		(await loadEntryGrid(handle.db, city, field, Q, 'de'))!;
	const scope = (g: EntryGrid, userId: number) => ({
		userId,
		organisationId: g.organisation.id,
		fieldId: g.field.id,
		quarter: Q,
		kpiIds: g.rows.map((r) => r.kpiId)
	});
	/** The row versions the grid shows, as the page sends them back. */
	const seen = (g: EntryGrid) =>
		new Map(g.rows.flatMap((r) => (r.current ? [[r.kpiId, r.current.version] as const] : [])));
	/** The grid as posted: every row with its stored value, then `changes` typed over it. */
	const post = (g: EntryGrid, changes: Record<string, { value?: string; comment?: string }>) =>
		g.rows.map((r) => ({
			kpiId: r.kpiId,
			value: changes[r.code]?.value ?? (r.current ? String(r.current.value).replace('.', ',') : ''),
			comment: changes[r.code]?.comment ?? r.current?.comment ?? '',
			version: r.current?.version ?? 0
		}));

	it('loads the grid in six reads with previous quarter and same quarter last year', async () => {
		sent.length = 0;
		const g = await grid();
		expect(sent.length).toBeLessThanOrEqual(6);
		expect(g.period).toEqual({ state: 'open', deadline: '2026-11-30' });
		expect(g.rows.map((r) => r.code)).toEqual([
			'ARCH-ERSCHL',
			'ARCH-DIGITAL',
			'ARCH-MAGAZIN',
			'ARCH-FACHQUAL'
		]);
		expect(g.rows.map((r) => r.current?.state ?? null)).toEqual(['draft', 'draft', 'draft', null]);
		expect(g.rows.map((r) => [r.previousQuarter, r.sameQuarterLastYear])).toEqual([
			[61.5, 61.5],
			[1200, 1200],
			[80, 80],
			[70, 70]
		]);
	});

	it('saves German numbers as drafts and refuses a stale save, keeping the other value', async () => {
		const g = await grid();
		const first = g.rows[0]!;
		const typed = post(g, { [first.code]: { value: '1.234,5', comment: 'Sondereffekt Umzug' } });
		const { drafts, checks } = evaluateRows(g, typed, 'de');
		expect(checks.every((c) => c.problem === null)).toBe(true);
		const saved = await saveDrafts(handle.db, { ...scope(g, controllerId), drafts });
		expect(saved).toMatchObject({ ok: true, changed: 1 });
		const [row] = await handle.db
			.select()
			.from(measurements)
			.where(
				and(
					eq(measurements.organisationId, g.organisation.id),
					eq(measurements.kpiId, first.kpiId),
					eq(measurements.year, 2026),
					eq(measurements.quarter, 3)
				)
			);
		expect(Number(row!.value)).toBe(1234.5);

		// A second person saves from the grid they loaded before the first save.
		const stale = evaluateRows(g, post(g, { [first.code]: { value: '99' } }), 'de');
		const conflict = await saveDrafts(handle.db, { ...scope(g, approverId), drafts: stale.drafts });
		expect(conflict).toMatchObject({ ok: false, reason: 'conflict' });
		expect(
			conflict.ok ? null : 'conflicts' in conflict ? conflict.conflicts[0] : null
		).toMatchObject({
			kpiId: first.kpiId,
			theirValue: 1234.5,
			theirComment: 'Sondereffekt Umzug'
		});
		const [still] = await handle.db.select().from(measurements).where(eq(measurements.id, row!.id));
		expect(Number(still!.value)).toBe(1234.5);
	});

	it('refuses text in a number cell before anything is written', async () => {
		const g = await grid();
		const { checks } = evaluateRows(g, post(g, { [g.rows[1]!.code]: { value: 'zwölf' } }), 'de');
		expect(checks.find((c) => c.kpiId === g.rows[1]!.kpiId)?.problem).toBe('not_a_number');
	});

	it('submits, releases for the ring, and reopens one value with an audited reason', async () => {
		let g = await grid();
		// Explain every value, so no plausibility rule blocks the submission.
		const typed = post(
			g,
			Object.fromEntries(g.rows.map((r) => [r.code, { comment: r.current?.comment || 'geprüft' }]))
		);
		const { drafts, checks } = evaluateRows(g, typed, 'de');
		expect((await saveDrafts(handle.db, { ...scope(g, controllerId), drafts })).ok).toBe(true);
		const blocking = checks.filter((c) => c.errors.length).map((c) => c.kpiId);
		expect(blocking).toEqual([]);
		const submitted = await submitQuarter(
			handle.db,
			scope(g, controllerId),
			blocking,
			seen(await grid())
		);
		expect(submitted).toMatchObject({ ok: true });

		g = await grid();
		const withValue = g.rows.filter((r) => r.current);
		expect(withValue).toHaveLength(3);
		expect(withValue.every((r) => r.current!.state === 'submitted')).toBe(true);

		// Submitted values are locked for the controller.
		const locked = evaluateRows(g, post(g, { [withValue[0]!.code]: { value: '5' } }), 'de');
		expect(
			await saveDrafts(handle.db, { ...scope(g, controllerId), drafts: locked.drafts })
		).toMatchObject({
			ok: false,
			reason: 'locked'
		});

		// Before the release another city sees nothing of it; afterwards it does.
		const foreign = { kind: 'anonymous' } as const;
		const before = await loadScorecardPage(handle.db, foreign, city, 'archivierung', 'de');
		expect(before!.latestQuarter).toEqual({ year: 2026, quarter: 2 });
		expect(await releaseQuarter(handle.db, scope(g, approverId), seen(g))).toMatchObject({
			ok: true
		});
		const after = await loadScorecardPage(handle.db, foreign, city, 'archivierung', 'de');
		expect(after!.latestQuarter).toEqual(Q);

		g = await grid();
		const shown = { kpiId: withValue[0]!.kpiId, version: seen(g).get(withValue[0]!.kpiId)! };
		const noReason = await reopenValue(handle.db, {
			...scope(g, approverId),
			...shown,
			reason: ' '
		});
		expect(noReason).toMatchObject({ ok: false, reason: 'reason_required' });
		const reopened = await reopenValue(handle.db, {
			...scope(g, approverId),
			...shown,
			reason: 'Zählfehler im Quellsystem'
		});
		expect(reopened).toMatchObject({ ok: true });
		const [entry] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'measurement.reopen'));
		expect(entry!.after).toContain('Zählfehler im Quellsystem');
	});

	it('logs each step with the quarter or value it touched, and a draft needs no reopening', async () => {
		const g = await grid();
		const draft = g.rows.find((r) => r.current?.state === 'draft')!;
		expect(
			await reopenValue(handle.db, {
				...scope(g, approverId),
				kpiId: draft.kpiId,
				version: draft.current!.version,
				reason: 'noch einmal'
			})
		).toMatchObject({ ok: false, reason: 'already_draft' });
		// The reopen above put it back to draft (the grid shows it so).
		expect(draft.current!.state).toBe('draft');
		const log = await handle.db
			.select({
				action: auditLog.action,
				userId: auditLog.userId,
				organisationId: auditLog.organisationId,
				entity: auditLog.entity,
				entityId: auditLog.entityId,
				before: auditLog.before,
				after: auditLog.after
			})
			.from(auditLog)
			.where(
				inArray(auditLog.action, [
					'measurement.submit',
					'measurement.release',
					'measurement.reopen',
					'measurement.return'
				])
			)
			.orderBy(auditLog.id);
		const submittedIds = g.rows.filter((r) => r.current).map((r) => r.kpiId);
		const quarter = `${g.field.id}/2026-Q3`;
		const city = g.organisation.id;
		expect(log).toEqual([
			{
				action: 'measurement.submit',
				userId: controllerId,
				organisationId: city,
				entity: 'quarter',
				entityId: quarter,
				before: null,
				after: JSON.stringify({ kpiIds: submittedIds })
			},
			{
				action: 'measurement.release',
				userId: approverId,
				organisationId: city,
				entity: 'quarter',
				entityId: quarter,
				before: null,
				after: JSON.stringify({ kpiIds: submittedIds })
			},
			{
				action: 'measurement.reopen',
				userId: approverId,
				organisationId: city,
				entity: 'measurement',
				entityId: `${draft.kpiId}/2026-Q3`,
				before: JSON.stringify({ state: 'released', value: draft.current!.value }),
				after: JSON.stringify({ state: 'draft', reason: 'Zählfehler im Quellsystem' })
			}
		]);
	});

	it('takes no changes in a closed quarter', async () => {
		const g = await grid('beihilfe');
		await handle.db
			.update(reportingPeriods)
			.set({ closedAt: new Date() })
			.where(
				and(
					eq(reportingPeriods.fieldId, g.field.id),
					eq(reportingPeriods.year, 2026),
					eq(reportingPeriods.quarter, 3)
				)
			);
		const { drafts } = evaluateRows(g, post(g, { [g.rows[0]!.code]: { value: '1' } }), 'de');
		expect(await saveDrafts(handle.db, { ...scope(g, controllerId), drafts })).toMatchObject({
			ok: false,
			reason: 'period_closed'
		});
	});
});
