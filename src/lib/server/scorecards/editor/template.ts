import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { objectives, perspectives, scorecardKpis, scorecards, kpis } from '../../db/schema';
import { recordAudit } from '../../auth/audit';
import { EditRefused } from './run';
import type { EditContext } from './structure';

/**
 * Copies the field template (perspectives, objectives, shared KPIs with their weights) into an
 * empty city scorecard in one step. Targets are not copied: the field's common targets apply
 * until the city sets its own. A scorecard that already has perspectives is left alone.
 */
export async function adoptTemplate(ctx: EditContext) {
	const [existing] = await ctx.tx
		.select({ n: count() })
		.from(perspectives)
		.where(eq(perspectives.scorecardId, ctx.scorecardId));
	if ((existing?.n ?? 0) > 0) throw new EditRefused('not_empty');
	const [own] = await ctx.tx
		.select({ fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(eq(scorecards.id, ctx.scorecardId));
	const rows = await ctx.tx
		.select({
			perspectiveId: perspectives.id,
			key: perspectives.key,
			nameDe: perspectives.nameDe,
			nameEn: perspectives.nameEn,
			perspectiveOrder: perspectives.sortOrder,
			objectiveId: objectives.id,
			title: objectives.title,
			description: objectives.description,
			owner: objectives.owner,
			objectiveOrder: objectives.sortOrder,
			kpiId: scorecardKpis.kpiId,
			weight: scorecardKpis.weight,
			kpiOrder: scorecardKpis.sortOrder,
			kpiArchived: kpis.archivedAt
		})
		.from(scorecards)
		.innerJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.leftJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.leftJoin(
			scorecardKpis,
			and(eq(scorecardKpis.objectiveId, objectives.id), isNull(scorecardKpis.archivedAt))
		)
		.leftJoin(kpis, eq(kpis.id, scorecardKpis.kpiId))
		.where(and(isNull(scorecards.organisationId), eq(scorecards.fieldId, own!.fieldId)))
		.orderBy(asc(perspectives.sortOrder), asc(objectives.sortOrder), asc(scorecardKpis.sortOrder));
	if (rows.length === 0) throw new EditRefused('not_found');

	// Row by row for the few perspectives and objectives, so each new id maps to its source
	// without relying on RETURNING order; the KPIs, the bulk, go in one insert.
	const perspectiveSources = unique(rows, (r) => r.perspectiveId);
	const perspectiveMap = new Map<number, number>();
	for (const p of perspectiveSources) {
		const [row] = await ctx.tx
			.insert(perspectives)
			.values({
				scorecardId: ctx.scorecardId,
				key: p.key,
				nameDe: p.nameDe,
				nameEn: p.nameEn,
				sortOrder: p.perspectiveOrder
			})
			.returning({ id: perspectives.id });
		perspectiveMap.set(p.perspectiveId, row!.id);
	}
	const objectiveSources = unique(
		rows.filter((r) => r.objectiveId !== null),
		(r) => r.objectiveId!
	);
	const objectiveMap = new Map<number, number>();
	for (const o of objectiveSources) {
		const [row] = await ctx.tx
			.insert(objectives)
			.values({
				perspectiveId: perspectiveMap.get(o.perspectiveId)!,
				title: o.title!,
				description: o.description ?? '',
				owner: o.owner ?? '',
				sortOrder: o.objectiveOrder!
			})
			.returning({ id: objectives.id });
		objectiveMap.set(o.objectiveId!, row!.id);
	}

	const kpiSources = rows.filter((r) => r.kpiId !== null && r.kpiArchived === null);
	if (kpiSources.length > 0) {
		await ctx.tx.insert(scorecardKpis).values(
			kpiSources.map((k) => ({
				objectiveId: objectiveMap.get(k.objectiveId!)!,
				kpiId: k.kpiId!,
				weight: k.weight!,
				sortOrder: k.kpiOrder!
			}))
		);
	}
	await recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action: 'scorecard.adopt_template',
		entity: 'scorecard',
		entityId: String(ctx.scorecardId),
		after: {
			perspectives: perspectiveSources.length,
			objectives: objectiveSources.length,
			kpis: kpiSources.length
		}
	});
	return {
		perspectives: perspectiveSources.length,
		objectives: objectiveSources.length,
		kpis: kpiSources.length
	};
}

function unique<T, K>(rows: T[], key: (row: T) => K): T[] {
	const seen = new Set<K>();
	return rows.filter((r) => {
		const k = key(r);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}
