import { and, eq, isNotNull, isNull, max, sql } from 'drizzle-orm';
import {
	kpis,
	kpiVersions,
	measurements,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards
} from '../../db/schema';
import { recordAudit } from '../../auth/audit';
import { EditRefused } from './run';
import { weightProblems } from '../../../domain/scoring/rollup';
import { ownObjective, type EditContext } from './structure';

const audit = (ctx: EditContext, action: string, id: number, details: object) =>
	recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action,
		entity: 'scorecard_kpi',
		entityId: String(id),
		...details
	});

/** A KPI row of this scorecard with its catalogue identity, or a refusal. */
export async function ownScorecardKpi(ctx: EditContext, scorecardKpiId: number) {
	const [row] = await ctx.tx
		.select({
			id: scorecardKpis.id,
			objectiveId: scorecardKpis.objectiveId,
			kpiId: scorecardKpis.kpiId,
			weight: scorecardKpis.weight,
			archivedAt: scorecardKpis.archivedAt,
			ownerOrganisationId: kpis.ownerOrganisationId
		})
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.innerJoin(kpis, eq(kpis.id, scorecardKpis.kpiId))
		.where(
			and(eq(scorecardKpis.id, scorecardKpiId), eq(perspectives.scorecardId, ctx.scorecardId))
		);
	if (!row) throw new EditRefused('not_found');
	return row;
}

/**
 * Weights are relative within an objective; one KPI weighing more than a hundred times another
 * makes the smaller one meaningless, so such a set is refused (the change rolls back).
 */
async function checkWeights(ctx: EditContext, objectiveId: number) {
	const rows = await ctx.tx
		.select({ weight: scorecardKpis.weight })
		.from(scorecardKpis)
		.where(and(eq(scorecardKpis.objectiveId, objectiveId), isNull(scorecardKpis.archivedAt)));
	if (weightProblems(rows.map((r) => Number(r.weight))).length > 0) {
		throw new EditRefused('weights_uneven');
	}
}

/** The row of this KPI anywhere on the scorecard (a KPI is measured once per scorecard). */
async function rowOnScorecard(ctx: EditContext, kpiId: number) {
	const [row] = await ctx.tx
		.select({ id: scorecardKpis.id, archivedAt: scorecardKpis.archivedAt })
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(and(eq(scorecardKpis.kpiId, kpiId), eq(perspectives.scorecardId, ctx.scorecardId)));
	return row ?? null;
}

async function nextSortOrder(ctx: EditContext, objectiveId: number) {
	const [last] = await ctx.tx
		.select({ sortOrder: max(scorecardKpis.sortOrder) })
		.from(scorecardKpis)
		.where(eq(scorecardKpis.objectiveId, objectiveId));
	return (last?.sortOrder ?? 0) + 1;
}

/**
 * Puts a shared catalogue KPI of the scorecard's field on an objective. One that was removed
 * earlier (archived) comes back with its targets, on the chosen objective.
 */
export async function addSharedKpi(
	ctx: EditContext,
	input: { objectiveId: number; kpiId: number; weight: number }
) {
	await ownObjective(ctx, input.objectiveId);
	const [kpi] = await ctx.tx
		.select({ id: kpis.id })
		.from(kpis)
		.innerJoin(scorecards, eq(scorecards.fieldId, kpis.fieldId))
		.where(
			and(
				eq(kpis.id, input.kpiId),
				eq(scorecards.id, ctx.scorecardId),
				isNull(kpis.ownerOrganisationId),
				isNull(kpis.archivedAt)
			)
		);
	if (!kpi) throw new EditRefused('kpi_not_available');
	const existing = await rowOnScorecard(ctx, input.kpiId);
	if (existing && existing.archivedAt === null) throw new EditRefused('kpi_on_scorecard');
	const sortOrder = await nextSortOrder(ctx, input.objectiveId);
	const weight = String(input.weight);
	if (existing) {
		await ctx.tx
			.update(scorecardKpis)
			.set({ archivedAt: null, objectiveId: input.objectiveId, weight, sortOrder })
			.where(eq(scorecardKpis.id, existing.id));
		await checkWeights(ctx, input.objectiveId);
		await audit(ctx, 'scorecard_kpi.restore', existing.id, { after: input });
		return existing.id;
	}
	const [row] = await ctx.tx
		.insert(scorecardKpis)
		.values({ objectiveId: input.objectiveId, kpiId: input.kpiId, weight, sortOrder })
		.returning({ id: scorecardKpis.id });
	await checkWeights(ctx, input.objectiveId);
	await audit(ctx, 'scorecard_kpi.create', row!.id, { after: input });
	return row!.id;
}

export interface LocalKpiInput {
	objectiveId: number;
	code: string;
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	unit: (typeof kpiVersions.$inferInsert)['unit'];
	decimals: number;
	polarity: (typeof kpiVersions.$inferInsert)['polarity'];
	aggregation: (typeof kpiVersions.$inferInsert)['aggregation'];
	validFromYear: number;
	weight: number;
}

/** A KPI only this city measures: created with its first definition, never compared. */
export async function addLocalKpi(ctx: EditContext, input: LocalKpiInput) {
	if (ctx.organisationId === null) throw new EditRefused('kpi_not_available');
	await ownObjective(ctx, input.objectiveId);
	const [sc] = await ctx.tx
		.select({ fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(eq(scorecards.id, ctx.scorecardId));
	const [kpi] = await ctx.tx
		.insert(kpis)
		.values({ fieldId: sc!.fieldId, ownerOrganisationId: ctx.organisationId, code: input.code })
		.onConflictDoNothing()
		.returning({ id: kpis.id });
	if (!kpi) throw new EditRefused('code_taken');
	await ctx.tx.insert(kpiVersions).values({
		kpiId: kpi.id,
		validFromYear: input.validFromYear,
		validFromQuarter: 1,
		nameDe: input.nameDe,
		nameEn: input.nameEn || input.nameDe,
		definitionDe: input.definitionDe,
		definitionEn: input.definitionDe,
		unit: input.unit,
		decimals: input.decimals,
		polarity: input.polarity,
		aggregation: input.aggregation
	});
	const [row] = await ctx.tx
		.insert(scorecardKpis)
		.values({
			objectiveId: input.objectiveId,
			kpiId: kpi.id,
			weight: String(input.weight),
			sortOrder: await nextSortOrder(ctx, input.objectiveId)
		})
		.returning({ id: scorecardKpis.id });
	await checkWeights(ctx, input.objectiveId);
	await audit(ctx, 'scorecard_kpi.create_local', row!.id, { after: input });
	return row!.id;
}

export async function setWeight(
	ctx: EditContext,
	input: { scorecardKpiId: number; weight: number }
) {
	const before = await ownScorecardKpi(ctx, input.scorecardKpiId);
	await ctx.tx
		.update(scorecardKpis)
		.set({ weight: String(input.weight) })
		.where(eq(scorecardKpis.id, before.id));
	await checkWeights(ctx, before.objectiveId);
	await audit(ctx, 'scorecard_kpi.weight', before.id, {
		before: { weight: Number(before.weight) },
		after: { weight: input.weight }
	});
}

/**
 * Takes a KPI off the scorecard. If the city has values for it, the row is archived (hidden,
 * targets kept, restorable) — values are never lost; otherwise it is deleted with its targets.
 */
export async function removeKpi(
	ctx: EditContext,
	input: { scorecardKpiId: number }
): Promise<'archived' | 'deleted'> {
	const before = await ownScorecardKpi(ctx, input.scorecardKpiId);
	const [withValues] =
		ctx.organisationId === null
			? []
			: await ctx.tx
					.select({ one: sql<number>`1` })
					.from(measurements)
					.where(
						and(
							eq(measurements.organisationId, ctx.organisationId),
							eq(measurements.kpiId, before.kpiId)
						)
					)
					.limit(1);
	if (withValues) {
		await ctx.tx
			.update(scorecardKpis)
			.set({ archivedAt: new Date() })
			.where(eq(scorecardKpis.id, before.id));
		await audit(ctx, 'scorecard_kpi.archive', before.id, { before });
		return 'archived';
	}
	await ctx.tx.delete(scorecardKpis).where(eq(scorecardKpis.id, before.id));
	// A local KPI without values and without use has no reason to exist any more.
	if (before.ownerOrganisationId !== null) {
		await ctx.tx.delete(kpiVersions).where(eq(kpiVersions.kpiId, before.kpiId));
		await ctx.tx.delete(kpis).where(eq(kpis.id, before.kpiId));
	}
	await audit(ctx, 'scorecard_kpi.delete', before.id, { before });
	return 'deleted';
}

export async function restoreKpi(ctx: EditContext, input: { scorecardKpiId: number }) {
	const before = await ownScorecardKpi(ctx, input.scorecardKpiId);
	if (before.archivedAt === null) return;
	await ctx.tx
		.update(scorecardKpis)
		.set({ archivedAt: null })
		.where(and(eq(scorecardKpis.id, before.id), isNotNull(scorecardKpis.archivedAt)));
	await checkWeights(ctx, before.objectiveId);
	await audit(ctx, 'scorecard_kpi.restore', before.id, { before });
}
