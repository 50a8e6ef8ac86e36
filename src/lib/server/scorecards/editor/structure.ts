import { and, asc, count, eq, max, sql } from 'drizzle-orm';
import { initiatives, objectives, perspectives, scorecardKpis, scorecards } from '../../db/schema';
import type { Tx } from '../../db/types';
import { recordAudit } from '../../auth/audit';
import { EditRefused } from './run';

/** Who edits which scorecard; every function below runs inside `editScorecard`. */
export interface EditContext {
	tx: Tx;
	scorecardId: number;
	organisationId: number | null;
	userId: number;
}

const audit = (
	ctx: EditContext,
	action: string,
	entity: string,
	entityId: number,
	details: { before?: unknown; after?: unknown }
) =>
	recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action,
		entity,
		entityId: String(entityId),
		...details
	});

export async function updateMission(ctx: EditContext, mission: string) {
	const [before] = await ctx.tx
		.select({ mission: scorecards.mission })
		.from(scorecards)
		.where(eq(scorecards.id, ctx.scorecardId));
	await ctx.tx.update(scorecards).set({ mission }).where(eq(scorecards.id, ctx.scorecardId));
	await audit(ctx, 'scorecard.mission', 'scorecard', ctx.scorecardId, {
		before: before?.mission,
		after: mission
	});
}

/** A perspective of this scorecard, or a refusal: ids from another scorecard are never touched. */
async function ownPerspective(ctx: EditContext, perspectiveId: number) {
	const [row] = await ctx.tx
		.select()
		.from(perspectives)
		.where(and(eq(perspectives.id, perspectiveId), eq(perspectives.scorecardId, ctx.scorecardId)));
	if (!row) throw new EditRefused('not_found');
	return row;
}

/** An objective of this scorecard (through its perspective), or a refusal. */
export async function ownObjective(ctx: EditContext, objectiveId: number) {
	const [row] = await ctx.tx
		.select({
			id: objectives.id,
			perspectiveId: objectives.perspectiveId,
			title: objectives.title,
			description: objectives.description,
			owner: objectives.owner,
			sortOrder: objectives.sortOrder
		})
		.from(objectives)
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(and(eq(objectives.id, objectiveId), eq(perspectives.scorecardId, ctx.scorecardId)));
	if (!row) throw new EditRefused('not_found');
	return row;
}

export async function addPerspective(ctx: EditContext, input: { nameDe: string; nameEn: string }) {
	const [last] = await ctx.tx
		.select({ sortOrder: max(perspectives.sortOrder) })
		.from(perspectives)
		.where(eq(perspectives.scorecardId, ctx.scorecardId));
	const [row] = await ctx.tx
		.insert(perspectives)
		.values({
			scorecardId: ctx.scorecardId,
			key: null,
			nameDe: input.nameDe,
			nameEn: input.nameEn || input.nameDe,
			sortOrder: (last?.sortOrder ?? 0) + 1
		})
		.returning({ id: perspectives.id });
	await audit(ctx, 'perspective.create', 'perspective', row!.id, { after: input });
	return row!.id;
}

export async function renamePerspective(
	ctx: EditContext,
	input: { perspectiveId: number; nameDe: string; nameEn: string }
) {
	const before = await ownPerspective(ctx, input.perspectiveId);
	const after = { nameDe: input.nameDe, nameEn: input.nameEn || input.nameDe };
	await ctx.tx.update(perspectives).set(after).where(eq(perspectives.id, before.id));
	await audit(ctx, 'perspective.rename', 'perspective', before.id, {
		before: { nameDe: before.nameDe, nameEn: before.nameEn },
		after
	});
}

/** Swaps the sort order with the neighbour above or below; at the edge nothing changes. */
async function swapNeighbour<T extends { id: number; sortOrder: number }>(
	siblings: T[],
	id: number,
	direction: 'up' | 'down',
	write: (id: number, sortOrder: number) => Promise<unknown>
) {
	const index = siblings.findIndex((s) => s.id === id);
	const other = siblings[direction === 'up' ? index - 1 : index + 1];
	const self = siblings[index];
	if (!self || !other) return;
	// Renumber densely so equal sort orders from older data cannot make a swap a no-op.
	const order = siblings.map((s) => s.id);
	const a = order.indexOf(self.id);
	const b = order.indexOf(other.id);
	[order[a], order[b]] = [order[b]!, order[a]!];
	for (const [i, sid] of order.entries()) await write(sid, i + 1);
}

export async function movePerspective(
	ctx: EditContext,
	input: { perspectiveId: number; direction: 'up' | 'down' }
) {
	await ownPerspective(ctx, input.perspectiveId);
	const siblings = await ctx.tx
		.select({ id: perspectives.id, sortOrder: perspectives.sortOrder })
		.from(perspectives)
		.where(eq(perspectives.scorecardId, ctx.scorecardId))
		.orderBy(asc(perspectives.sortOrder), asc(perspectives.id));
	await swapNeighbour(siblings, input.perspectiveId, input.direction, (id, sortOrder) =>
		ctx.tx.update(perspectives).set({ sortOrder }).where(eq(perspectives.id, id))
	);
	await audit(ctx, 'perspective.move', 'perspective', input.perspectiveId, {
		after: { direction: input.direction }
	});
}

/** Only an empty perspective can go, and never the last one: objectives are not lost. */
export async function deletePerspective(ctx: EditContext, input: { perspectiveId: number }) {
	const before = await ownPerspective(ctx, input.perspectiveId);
	const [objectiveCount] = await ctx.tx
		.select({ n: count() })
		.from(objectives)
		.where(eq(objectives.perspectiveId, before.id));
	if ((objectiveCount?.n ?? 0) > 0) throw new EditRefused('not_empty');
	const [perspectiveCount] = await ctx.tx
		.select({ n: count() })
		.from(perspectives)
		.where(eq(perspectives.scorecardId, ctx.scorecardId));
	if ((perspectiveCount?.n ?? 0) <= 1) throw new EditRefused('last_perspective');
	await ctx.tx.delete(perspectives).where(eq(perspectives.id, before.id));
	await audit(ctx, 'perspective.delete', 'perspective', before.id, {
		before: { nameDe: before.nameDe, nameEn: before.nameEn }
	});
}

export interface ObjectiveInput {
	perspectiveId: number;
	title: string;
	description: string;
	owner: string;
}

/** A new objective, or one moved to another perspective, goes last there. */
async function lastInPerspective(ctx: EditContext, perspectiveId: number): Promise<number> {
	const [last] = await ctx.tx
		.select({ sortOrder: max(objectives.sortOrder) })
		.from(objectives)
		.where(eq(objectives.perspectiveId, perspectiveId));
	return (last?.sortOrder ?? 0) + 1;
}

export async function addObjective(ctx: EditContext, input: ObjectiveInput) {
	await ownPerspective(ctx, input.perspectiveId);
	const [row] = await ctx.tx
		.insert(objectives)
		.values({ ...input, sortOrder: await lastInPerspective(ctx, input.perspectiveId) })
		.returning({ id: objectives.id });
	await audit(ctx, 'objective.create', 'objective', row!.id, { after: input });
	return row!.id;
}

export async function updateObjective(
	ctx: EditContext,
	input: ObjectiveInput & { objectiveId: number }
) {
	const before = await ownObjective(ctx, input.objectiveId);
	await ownPerspective(ctx, input.perspectiveId);
	const { objectiveId, ...after } = input;
	const moved = before.perspectiveId !== input.perspectiveId;
	const sortOrder = moved ? await lastInPerspective(ctx, input.perspectiveId) : before.sortOrder;
	await ctx.tx
		.update(objectives)
		.set({ ...after, sortOrder })
		.where(eq(objectives.id, objectiveId));
	await audit(ctx, 'objective.update', 'objective', objectiveId, { before, after });
}

export async function moveObjective(
	ctx: EditContext,
	input: { objectiveId: number; direction: 'up' | 'down' }
) {
	const objective = await ownObjective(ctx, input.objectiveId);
	const siblings = await ctx.tx
		.select({ id: objectives.id, sortOrder: objectives.sortOrder })
		.from(objectives)
		.where(eq(objectives.perspectiveId, objective.perspectiveId))
		.orderBy(asc(objectives.sortOrder), asc(objectives.id));
	await swapNeighbour(siblings, input.objectiveId, input.direction, (id, sortOrder) =>
		ctx.tx.update(objectives).set({ sortOrder }).where(eq(objectives.id, id))
	);
	await audit(ctx, 'objective.move', 'objective', input.objectiveId, {
		after: { direction: input.direction }
	});
}

/** An objective with KPIs (even archived ones) or initiatives stays: remove those first. */
export async function deleteObjective(ctx: EditContext, input: { objectiveId: number }) {
	const before = await ownObjective(ctx, input.objectiveId);
	const [usage] = await ctx.tx
		.select({
			kpis: sql<number>`(select count(*) from ${scorecardKpis} where ${scorecardKpis.objectiveId} = ${before.id})`.mapWith(
				Number
			),
			initiatives:
				sql<number>`(select count(*) from ${initiatives} where ${initiatives.objectiveId} = ${before.id})`.mapWith(
					Number
				)
		})
		.from(objectives)
		.where(eq(objectives.id, before.id));
	if ((usage?.kpis ?? 0) > 0 || (usage?.initiatives ?? 0) > 0) throw new EditRefused('not_empty');
	await ctx.tx.delete(objectives).where(eq(objectives.id, before.id));
	await audit(ctx, 'objective.delete', 'objective', before.id, { before });
}
