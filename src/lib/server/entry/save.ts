import { eq, sql } from 'drizzle-orm';
import { measurements } from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import type { Quarter } from '../../domain/period/quarter';
import { claimHolds } from '../../domain/entry/version-claim';
import { allowedInState, periodRefusal, type PeriodRefusal } from '../../domain/entry/workflow';
import { refuse, transactionOr } from '../db/refusal';
import { lockPeriod, lockValues } from './values';
import type { SaveConflict } from '../../types/entry';

export type { SaveConflict };

export interface DraftInput {
	kpiId: number;
	kpiVersionId: number;
	value: number | null;
	comment: string;
	/** The row version the grid was read at; 0 when there was no value yet. */
	expectedVersion: number;
}

/** A row this save wrote, with its version now (null: the draft was cleared and removed). */
export interface WrittenRow {
	kpiId: number;
	version: number | null;
}

type SaveFailure =
	| { ok: false; reason: 'conflict'; conflicts: SaveConflict[] }
	| { ok: false; reason: 'locked'; kpiIds: number[] }
	| { ok: false; reason: PeriodRefusal };

export type SaveResult = { ok: true; changed: number; written: WrittenRow[] } | SaveFailure;

const sameNumber = (a: number | null, b: string | null) =>
	a === null ? b === null : b !== null && Number(b) === a;

/**
 * Saves the grid as drafts, all rows or none: a row someone else changed since it was read
 * (optimistic locking on `measurements.version`) or a row already submitted or released stops
 * the whole save, and the answer names those rows. Unchanged rows are not written.
 */
export async function saveDrafts(
	db: Db,
	input: {
		userId: number;
		organisationId: number;
		fieldId: number;
		quarter: Quarter;
		drafts: DraftInput[];
	}
): Promise<SaveResult> {
	const { quarter: q } = input;
	return transactionOr<SaveFailure, SaveResult>(db, async (tx) => {
		const period = periodRefusal('save', await lockPeriod(tx, input.fieldId, q));
		if (period) refuse({ ok: false, reason: period });
		const rows = await lockValues(
			tx,
			input.organisationId,
			input.drafts.map((d) => d.kpiId),
			q
		);
		const byKpi = new Map(rows.map((r) => [r.kpiId, r]));
		const conflicts: SaveConflict[] = [];
		const locked: number[] = [];
		for (const d of input.drafts) {
			const row = byKpi.get(d.kpiId);
			const currentVersion = row?.version ?? 0;
			const unchanged =
				sameNumber(d.value, row?.value ?? null) && d.comment === (row?.comment ?? '');
			if (unchanged) continue;
			if (!claimHolds(d.expectedVersion, row)) {
				conflicts.push({
					kpiId: d.kpiId,
					theirValue: row ? Number(row.value) : null,
					theirComment: row?.comment ?? '',
					theirVersion: currentVersion,
					byName: row?.updatedByName ?? null
				});
			} else if (row && !allowedInState('save', row.state)) {
				locked.push(d.kpiId);
			}
		}
		if (conflicts.length) refuse({ ok: false, reason: 'conflict', conflicts });
		if (locked.length) refuse({ ok: false, reason: 'locked', kpiIds: locked });

		const written: WrittenRow[] = [];
		for (const d of input.drafts) {
			const row = byKpi.get(d.kpiId);
			if (sameNumber(d.value, row?.value ?? null) && d.comment === (row?.comment ?? '')) continue;
			const after = { value: d.value, comment: d.comment };
			if (!row) {
				if (d.value === null) continue;
				const [inserted] = await tx
					.insert(measurements)
					.values({
						organisationId: input.organisationId,
						kpiId: d.kpiId,
						kpiVersionId: d.kpiVersionId,
						year: q.year,
						quarter: q.quarter,
						value: String(d.value),
						comment: d.comment,
						updatedBy: input.userId
					})
					.returning({ version: measurements.version });
				written.push({ kpiId: d.kpiId, version: inserted!.version });
			} else if (d.value === null) {
				// Clearing a draft removes it: "no value" is a status of its own, never a zero.
				await tx.delete(measurements).where(eq(measurements.id, row.id));
				written.push({ kpiId: d.kpiId, version: null });
			} else {
				const [updated] = await tx
					.update(measurements)
					.set({
						value: String(d.value),
						comment: d.comment,
						kpiVersionId: d.kpiVersionId,
						version: sql`${measurements.version} + 1`,
						updatedBy: input.userId,
						updatedAt: new Date()
					})
					.where(eq(measurements.id, row.id))
					.returning({ version: measurements.version });
				written.push({ kpiId: d.kpiId, version: updated!.version });
			}
			await recordAudit(tx, {
				userId: input.userId,
				organisationId: input.organisationId,
				action: 'measurement.save',
				entity: 'measurement',
				entityId: `${d.kpiId}/${q.year}-Q${q.quarter}`,
				before: row ? { value: Number(row.value), comment: row.comment } : null,
				after
			});
		}
		return { ok: true as const, changed: written.length, written };
	});
}
