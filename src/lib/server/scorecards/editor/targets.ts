import { and, asc, eq, inArray, notExists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { kpiVersions, objectives, perspectives, scorecardKpis, targets } from '../../db/schema';
import { recordAudit } from '../../auth/audit';
import { bandProblems, type Bands } from '../../../domain/status/status';
import { versionForQuarter } from '../../../domain/scorecard/versions';
import { EditRefused } from './run';
import { ownScorecardKpi } from './kpis';
import type { EditContext } from './structure';

const toStored = (n: number | null) => (n === null ? null : String(n));

/**
 * Sets the city's yearly target bands of a KPI. The rules depend on the polarity of the
 * definition in force that year, so they are checked here, not only in the form.
 */
export async function setTarget(
	ctx: EditContext,
	input: { scorecardKpiId: number; year: number; bands: Bands }
) {
	const skpi = await ownScorecardKpi(ctx, input.scorecardKpiId);
	const versions = await ctx.tx
		.select({
			id: kpiVersions.id,
			validFromYear: kpiVersions.validFromYear,
			validFromQuarter: kpiVersions.validFromQuarter,
			polarity: kpiVersions.polarity
		})
		.from(kpiVersions)
		.where(eq(kpiVersions.kpiId, skpi.kpiId))
		.orderBy(asc(kpiVersions.validFromYear), asc(kpiVersions.validFromQuarter));
	const version = versionForQuarter(versions, { year: input.year, quarter: 4 });
	if (!version) throw new EditRefused('not_found');
	const problems = bandProblems(version.polarity, input.bands);
	if (problems.length > 0) throw new EditRefused('invalid_bands', problems);
	const values = {
		greenMin: toStored(input.bands.greenMin),
		greenMax: toStored(input.bands.greenMax),
		yellowMin: toStored(input.bands.yellowMin),
		yellowMax: toStored(input.bands.yellowMax)
	};
	await ctx.tx
		.insert(targets)
		.values({ scorecardKpiId: skpi.id, year: input.year, ...values })
		.onConflictDoUpdate({ target: [targets.scorecardKpiId, targets.year], set: values });
	await recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action: 'target.set',
		entity: 'target',
		entityId: `${skpi.id}/${input.year}`,
		after: input.bands
	});
}

/** Removes the city's own target for a year; the field's common target applies again. */
export async function clearTarget(
	ctx: EditContext,
	input: { scorecardKpiId: number; year: number }
) {
	const skpi = await ownScorecardKpi(ctx, input.scorecardKpiId);
	const [removed] = await ctx.tx
		.delete(targets)
		.where(and(eq(targets.scorecardKpiId, skpi.id), eq(targets.year, input.year)))
		.returning();
	if (!removed) throw new EditRefused('not_found');
	await recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action: 'target.clear',
		entity: 'target',
		entityId: `${skpi.id}/${input.year}`,
		before: removed
	});
}

/**
 * Carries the scorecard into the next year: every target of `fromYear` is copied to the year
 * after, where that year has none yet (targets already set for it are kept). Returns how many
 * were copied and kept.
 */
export async function copyTargetsToNextYear(ctx: EditContext, input: { fromYear: number }) {
	const next = alias(targets, 'next');
	const skpiIds = ctx.tx
		.select({ id: scorecardKpis.id })
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(eq(perspectives.scorecardId, ctx.scorecardId));
	const source = await ctx.tx
		.select()
		.from(targets)
		.where(
			and(
				eq(targets.year, input.fromYear),
				inArray(targets.scorecardKpiId, skpiIds),
				notExists(
					ctx.tx
						.select()
						.from(next)
						.where(
							and(
								eq(next.scorecardKpiId, targets.scorecardKpiId),
								eq(next.year, input.fromYear + 1)
							)
						)
				)
			)
		);
	if (source.length === 0) throw new EditRefused('nothing_to_copy');
	await ctx.tx.insert(targets).values(source.map((t) => ({ ...t, year: input.fromYear + 1 })));
	await recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action: 'target.copy_year',
		entity: 'scorecard',
		entityId: String(ctx.scorecardId),
		after: { fromYear: input.fromYear, toYear: input.fromYear + 1, copied: source.length }
	});
	return source.length;
}
