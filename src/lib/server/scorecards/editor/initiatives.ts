import { and, eq } from 'drizzle-orm';
import { initiatives, objectives, perspectives } from '../../db/schema';
import { recordAudit } from '../../auth/audit';
import { EditRefused } from './run';
import { ownObjective, type EditContext } from './structure';

export interface InitiativeInput {
	objectiveId: number;
	title: string;
	owner: string;
	startsOn: string | null;
	endsOn: string | null;
	status: (typeof initiatives.$inferInsert)['status'];
	notes: string;
}

const audit = (ctx: EditContext, action: string, id: number, details: object) =>
	recordAudit(ctx.tx, {
		userId: ctx.userId,
		organisationId: ctx.organisationId,
		action,
		entity: 'initiative',
		entityId: String(id),
		...details
	});

async function ownInitiative(ctx: EditContext, initiativeId: number) {
	const [row] = await ctx.tx
		.select({
			id: initiatives.id,
			objectiveId: initiatives.objectiveId,
			title: initiatives.title,
			owner: initiatives.owner,
			startsOn: initiatives.startsOn,
			endsOn: initiatives.endsOn,
			status: initiatives.status,
			notes: initiatives.notes
		})
		.from(initiatives)
		.innerJoin(objectives, eq(objectives.id, initiatives.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(and(eq(initiatives.id, initiativeId), eq(perspectives.scorecardId, ctx.scorecardId)));
	if (!row) throw new EditRefused('not_found');
	return row;
}

export async function addInitiative(ctx: EditContext, input: InitiativeInput) {
	await ownObjective(ctx, input.objectiveId);
	const [row] = await ctx.tx.insert(initiatives).values(input).returning({ id: initiatives.id });
	await audit(ctx, 'initiative.create', row!.id, { after: input });
	return row!.id;
}

export async function updateInitiative(
	ctx: EditContext,
	input: Omit<InitiativeInput, 'objectiveId'> & { initiativeId: number }
) {
	const before = await ownInitiative(ctx, input.initiativeId);
	const { initiativeId, ...after } = input;
	await ctx.tx.update(initiatives).set(after).where(eq(initiatives.id, initiativeId));
	await audit(ctx, 'initiative.update', initiativeId, { before, after });
}

export async function deleteInitiative(ctx: EditContext, input: { initiativeId: number }) {
	const before = await ownInitiative(ctx, input.initiativeId);
	await ctx.tx.delete(initiatives).where(eq(initiatives.id, before.id));
	await audit(ctx, 'initiative.delete', before.id, { before });
}
