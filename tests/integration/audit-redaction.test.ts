import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, reportingPeriods } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Principal } from '../../src/lib/server/auth/permissions';
import { listAuditEntries, type AuditScope } from '../../src/lib/server/audit/queries';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import { evaluateRows } from '../../src/lib/server/entry/form';
import { saveDrafts } from '../../src/lib/server/entry/save';
import { releaseQuarter, reopenValue, submitQuarter } from '../../src/lib/server/entry/transitions';
import { addFactor, removeFactor } from '../../src/lib/server/exchange/write';
import { createTestDatabase } from '../helpers/test-database';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues
} from '../helpers/factories';

/**
 * Decision 0003 says a city's unreleased values never reach the admin; decision 0021 extends
 * that to the audit log. A city's quarter (two Archivierung KPIs) goes through the real writes
 * (intermediate drafts, a submission taken back, a release, a correction of a released value,
 * influencing factors), then the log is read as the admin and as the city's leadership.
 */

const Q = { year: 2026, quarter: 3 };
const HIDDEN = 'verborgen (nicht freigegeben)';

describe('audit log: unreleased content', () => {
	let handle: DatabaseHandle;
	const who: Record<string, Principal> = {};
	let koeln = 0;
	let grid: EntryGrid;
	/** Everything Köln wrote while the value was not released: none of it may reach the admin. */
	const secrets = {
		firstDraft: 4711.3,
		firstComment: 'Erster Entwurf: Zählung unvollständig',
		secondDraft: 4712.9,
		secondComment: 'Zweiter Entwurf nach Nachzählung',
		reopenSubmittedReason: 'Eingereicht mit Tippfehler, richtig wäre 4713,0',
		draftFactor: 'Sonderaktion im Entwurf, noch nicht abgestimmt',
		draftFactorEffect: 'etwa +7 % im Entwurf',
		reopenReleasedReason: 'Nachmeldung eines Standorts'
	};
	const releasedFactor = 'Großbestand übernommen (veröffentlicht)';
	let released = { kpiId: 0, year: 0, quarter: 0 };
	const kpi = { erschl: 0, magazin: 0 };
	let releasedValue = 0;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		const city = await createCity(db, { name: 'Köln' });
		koeln = city.id;
		const account = async (
			key: string,
			role: 'admin' | 'city_leadership' | 'controller' | 'approver'
		) => {
			const roles = [{ role, organisationId: role === 'admin' ? null : koeln, fieldId: null }];
			const user = await createUserWithRoles(
				db,
				roles.map((r) => ({ role: r.role, organisationId: r.organisationId ?? undefined })),
				{ email: `${key}@koeln.example` }
			);
			who[key] = { userId: user.id, roles };
		};
		await account('admin', 'admin');
		await account('ob.koeln', 'city_leadership');
		await account('controlling.koeln', 'controller');
		await account('freigabe.koeln', 'approver');
		// Two KPIs with drafts in the open quarter and a value released in Q1/2024.
		const card = await createScorecard(db, {
			organisationId: koeln,
			field: 'archivierung',
			kpis: [{ code: 'ARCH-ERSCHL' }, { code: 'ARCH-MAGAZIN', perspective: 'finance' }]
		});
		for (const [code, value] of [
			['ARCH-ERSCHL', 61.5],
			['ARCH-MAGAZIN', 80]
		] as const) {
			const kpiId = card.kpiIds.get(code)!;
			await createValues(db, { organisationId: koeln, kpiId, values: { '2024-Q1': value } });
			await createValues(db, {
				organisationId: koeln,
				kpiId,
				values: { '2026-Q3': value },
				state: 'draft'
			});
		}
		await db
			.insert(reportingPeriods)
			.values({ fieldId: card.fieldId, ...Q, deadline: '2026-11-30' });
		kpi.erschl = card.kpiIds.get('ARCH-ERSCHL')!;
		kpi.magazin = card.kpiIds.get('ARCH-MAGAZIN')!;
		released = { kpiId: kpi.magazin, year: 2024, quarter: 1 };

		const controller = who['controlling.koeln']!;
		const approver = who['freigabe.koeln']!;
		const loadGrid = async () =>
			(await loadEntryGrid(handle.db, city.slug, 'archivierung', Q, 'de'))!;
		grid = await loadGrid();
		const target = grid.rows.find((r) => r.kpiId === kpi.erschl)!;
		const scope = (userId: number) => ({
			userId,
			organisationId: koeln,
			fieldId: grid.field.id,
			quarter: Q,
			kpiIds: grid.rows.map((r) => r.kpiId)
		});
		/** The rows' versions as a freshly loaded page shows them. */
		const seenNow = async () =>
			new Map(
				(await loadGrid()).rows.flatMap((r) =>
					r.current ? [[r.kpiId, r.current.version] as const] : []
				)
			);
		const versionOf = async (kpiId: number) =>
			(await loadGrid()).rows.find((r) => r.kpiId === kpiId)!.current!.version;
		/** Saves the grid as typed, with `value`/`comment` on the first row and a comment on all. */
		const save = async (value: number, comment: string) => {
			const g = await loadGrid();
			const posted = g.rows.map((r) => ({
				kpiId: r.kpiId,
				value:
					r.kpiId === target.kpiId
						? String(value).replace('.', ',')
						: r.current
							? String(r.current.value).replace('.', ',')
							: '',
				comment: r.kpiId === target.kpiId ? comment : r.current?.comment || 'geprüft',
				version: r.current?.version ?? 0
			}));
			const { drafts } = evaluateRows(g, posted, 'de');
			const saved = await saveDrafts(handle.db, { ...scope(controller.userId), drafts });
			expect(saved.ok).toBe(true);
		};
		await save(secrets.firstDraft, secrets.firstComment);
		await save(secrets.secondDraft, secrets.secondComment);
		expect((await submitQuarter(handle.db, scope(controller.userId), [], await seenNow())).ok).toBe(
			true
		);
		// The approver sends a submitted (never released) value back with a reason.
		expect(
			(
				await reopenValue(handle.db, {
					...scope(approver.userId),
					kpiId: target.kpiId,
					version: await versionOf(target.kpiId),
					reason: secrets.reopenSubmittedReason
				})
			).ok
		).toBe(true);
		const factor = await addFactor(handle.db, {
			principal: controller,
			value: { organisationId: koeln, kpiId: target.kpiId, ...Q },
			kind: 'one_off',
			explanation: secrets.draftFactor,
			estimatedEffect: secrets.draftFactorEffect
		});
		expect(factor.ok).toBe(true);
		expect(
			await removeFactor(handle.db, {
				principal: controller,
				organisationId: koeln,
				factorId: factor.ok ? factor.id : 0
			})
		).toEqual({ ok: true });
		await save(4713, 'Endgültig geprüft');
		expect((await submitQuarter(handle.db, scope(controller.userId), [], await seenNow())).ok).toBe(
			true
		);
		expect((await releaseQuarter(handle.db, scope(approver.userId), await seenNow())).ok).toBe(
			true
		);
		releasedValue = 4713;
		// A correction of the released value: that value was public, the reason is about the next.
		expect(
			(
				await reopenValue(handle.db, {
					...scope(approver.userId),
					kpiId: target.kpiId,
					version: await versionOf(target.kpiId),
					reason: secrets.reopenReleasedReason
				})
			).ok
		).toBe(true);

		// A factor on a value released long ago: public when it was written.
		const publicFactor = await addFactor(handle.db, {
			principal: controller,
			value: { organisationId: koeln, ...released },
			kind: 'case_mix',
			explanation: releasedFactor,
			estimatedEffect: 'ca. -2 %'
		});
		expect(publicFactor.ok).toBe(true);
	}, 120_000);
	afterAll(() => handle.close());

	const read = async (scope: AuditScope) =>
		(await listAuditEntries(handle.db, scope, { organisationId: koeln })).rows;
	const text = (rows: unknown) => JSON.stringify(rows);

	it('the admin sees who changed which value when, never an unreleased value or text', async () => {
		const rows = await read({ kind: 'all', reader: who['admin']! });
		const saves = rows.filter((r) => r.action === 'measurement.save');
		// Three saves of ARCH-ERSCHL (two drafts, the corrected value) and one of ARCH-MAGAZIN
		// (its comment, in the first save), newest first.
		const { erschl, magazin } = kpi;
		expect(saves.map((r) => r.entityId)).toEqual([
			`${erschl}/2026-Q3`,
			`${erschl}/2026-Q3`,
			`${magazin}/2026-Q3`,
			`${erschl}/2026-Q3`
		]);
		const all = text(rows);
		for (const secret of Object.values(secrets)) {
			const shown = typeof secret === 'number' ? String(secret) : secret;
			expect(all, String(secret)).not.toContain(shown);
		}
		// Each save still says that something was saved for which value, by whom, and when.
		for (const save of saves) {
			expect(save.userEmail).toBe('controlling.koeln@koeln.example');
			expect(JSON.parse(save.after!)).toEqual({ value: HIDDEN, comment: HIDDEN });
		}
		const reopens = rows.filter((r) => r.action === 'measurement.reopen');
		expect(reopens.map((r) => JSON.parse(r.before!))).toEqual([
			// Newest first: the released value was public, the submitted one never was.
			{ state: 'released', value: releasedValue },
			{ state: 'submitted', value: HIDDEN }
		]);
		for (const r of reopens)
			expect(JSON.parse(r.after!)).toEqual({ state: 'draft', reason: HIDDEN });
		const factors = rows.filter((r) => r.action.startsWith('value_factor.'));
		const factorText = factors.map((r) => JSON.parse((r.after ?? r.before)!));
		// Newest first: the public factor, then the draft factor's removal and its creation.
		expect(factors.map((r) => r.action)).toEqual([
			'value_factor.create',
			'value_factor.delete',
			'value_factor.create'
		]);
		expect(factorText).toEqual([
			expect.objectContaining({ explanation: releasedFactor, estimatedEffect: 'ca. -2 %' }),
			expect.objectContaining({ explanation: HIDDEN, estimatedEffect: HIDDEN, kind: 'one_off' }),
			expect.objectContaining({ explanation: HIDDEN, estimatedEffect: HIDDEN, kind: 'one_off' })
		]);
		expect(
			factors.filter((r) => r.before === null && JSON.parse(r.after!).explanation === HIDDEN)
		).toHaveLength(1);
		expect(
			factors.filter((r) => r.after === null && JSON.parse(r.before!).explanation === HIDDEN)
		).toHaveLength(1);
	});

	it('Köln’s leadership, who may read Köln’s unreleased values, sees the complete record', async () => {
		const rows = await read({ kind: 'cities', organisationIds: [koeln], reader: who['ob.koeln']! });
		const all = text(rows);
		for (const secret of Object.values(secrets)) expect(all).toContain(String(secret));
		expect(all).not.toContain(HIDDEN);
	});

	it('the database keeps the complete record for everyone', async () => {
		// Redaction is in the reading only: the stored entries still hold every draft.
		const stored = text(
			await handle.db.select().from(auditLog).where(eq(auditLog.organisationId, koeln))
		);
		for (const secret of Object.values(secrets)) expect(stored).toContain(String(secret));
	});
});
