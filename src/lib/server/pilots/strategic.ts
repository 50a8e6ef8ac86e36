import { and, eq, notInArray } from 'drizzle-orm';
import { pilotCriterionScores, pilots, strategicCriteria } from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import { criteriaProblems } from '../../domain/pilots/strategic';
import type { WriteResult } from './write';

/** Points of one pilot; criteria must be the field's, empty points remove the score. */
export async function saveScores(
	db: Db,
	input: {
		actorUserId: number;
		fieldId: number;
		pilotId: number;
		scores: { criterionId: number; points: number | null }[];
	}
): Promise<WriteResult> {
	return db.transaction(async (tx) => {
		const [pilot] = await tx
			.select({ id: pilots.id })
			.from(pilots)
			.where(and(eq(pilots.id, input.pilotId), eq(pilots.fieldId, input.fieldId)));
		if (!pilot) return { ok: false, refusal: { code: 'not_found' } };
		const own = await tx
			.select({ id: strategicCriteria.id })
			.from(strategicCriteria)
			.where(eq(strategicCriteria.fieldId, input.fieldId));
		const ownIds = new Set(own.map((c) => c.id));
		if (input.scores.some((s) => !ownIds.has(s.criterionId)))
			return { ok: false, refusal: { code: 'stale' } };
		await tx.delete(pilotCriterionScores).where(eq(pilotCriterionScores.pilotId, pilot.id));
		const rows = input.scores.flatMap((s) =>
			s.points === null ? [] : [{ pilotId: pilot.id, criterionId: s.criterionId, points: s.points }]
		);
		if (rows.length) await tx.insert(pilotCriterionScores).values(rows);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.scores',
			entity: 'pilot',
			entityId: String(pilot.id),
			after: input.scores
		});
		return { ok: true };
	});
}

/**
 * Replaces the field's criteria: kept ones are renamed/reweighted, missing ones deleted (with
 * their points), new ones (id 0) added. The criteria rules (names, weights summing to 100) are
 * checked here too, not only by the form: a post that bypasses the form writes nothing.
 */
export async function saveCriteria(
	db: Db,
	input: {
		actorUserId: number;
		fieldId: number;
		criteria: { id: number; name: string; weight: number }[];
	}
): Promise<WriteResult> {
	const [problem] = criteriaProblems(input.criteria);
	if (problem) return { ok: false, refusal: problem };
	return db.transaction(async (tx) => {
		const kept = input.criteria.filter((c) => c.id > 0).map((c) => c.id);
		const existing = await tx
			.select({ id: strategicCriteria.id })
			.from(strategicCriteria)
			.where(eq(strategicCriteria.fieldId, input.fieldId));
		const existingIds = new Set(existing.map((c) => c.id));
		if (kept.some((id) => !existingIds.has(id))) return { ok: false, refusal: { code: 'stale' } };
		await tx
			.delete(strategicCriteria)
			.where(
				and(
					eq(strategicCriteria.fieldId, input.fieldId),
					kept.length ? notInArray(strategicCriteria.id, kept) : undefined
				)
			);
		// Names are unique per field: move kept ones out of the way before renaming.
		if (kept.length)
			for (const c of input.criteria.filter((c) => c.id > 0))
				await tx
					.update(strategicCriteria)
					.set({ name: `(umbenennen ${c.id})` })
					.where(eq(strategicCriteria.id, c.id));
		for (const [i, c] of input.criteria.entries()) {
			if (c.id > 0)
				await tx
					.update(strategicCriteria)
					.set({ name: c.name, weight: c.weight, sortOrder: i + 1 })
					.where(eq(strategicCriteria.id, c.id));
			else
				await tx
					.insert(strategicCriteria)
					.values({ fieldId: input.fieldId, name: c.name, weight: c.weight, sortOrder: i + 1 });
		}
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.criteria',
			entity: 'field',
			entityId: String(input.fieldId),
			after: input.criteria
		});
		return { ok: true };
	});
}
