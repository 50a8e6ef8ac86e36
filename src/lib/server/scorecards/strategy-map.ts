import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
	cooperationFields,
	objectiveLinks,
	objectives,
	organisations,
	perspectives,
	scorecards
} from '../db/schema';
import type { Db, DbOrTx, Tx } from '../db/types';
import { recordAudit } from '../auth/audit';
import { claimScorecard } from './editor/lock';
import { refuse, transactionOr } from '../db/refusal';

/** A cause–effect link of the strategy map: the first objective affects the second. */
export interface ObjectiveLink {
	fromObjectiveId: number;
	toObjectiveId: number;
}

/** The scorecard behind a map URL with what writes need: its organisation and version. */
export interface MapScorecard {
	scorecardId: number;
	organisationId: number;
	version: number;
}

/**
 * The city's scorecard for the field, with its current version. Pages read it before the
 * scorecard itself, so the version in their forms is never newer than what they show.
 */
export async function findMapScorecard(
	db: DbOrTx,
	organisationSlug: string,
	fieldSlug: string
): Promise<MapScorecard | null> {
	const [row] = await db
		.select({
			scorecardId: scorecards.id,
			organisationId: organisations.id,
			version: scorecards.version
		})
		.from(scorecards)
		.innerJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.innerJoin(cooperationFields, eq(cooperationFields.id, scorecards.fieldId))
		.where(and(eq(organisations.slug, organisationSlug), eq(cooperationFields.slug, fieldSlug)));
	return row ?? null;
}

const fromObjective = alias(objectives, 'from_objective');
const fromPerspective = alias(perspectives, 'from_perspective');
const toObjective = alias(objectives, 'to_objective');
const toPerspective = alias(perspectives, 'to_perspective');

/** Every link between two objectives of the scorecard, in one query. */
export function loadObjectiveLinks(db: DbOrTx, scorecardId: number): Promise<ObjectiveLink[]> {
	return db
		.select({
			fromObjectiveId: objectiveLinks.fromObjectiveId,
			toObjectiveId: objectiveLinks.toObjectiveId
		})
		.from(objectiveLinks)
		.innerJoin(fromObjective, eq(fromObjective.id, objectiveLinks.fromObjectiveId))
		.innerJoin(fromPerspective, eq(fromPerspective.id, fromObjective.perspectiveId))
		.innerJoin(toObjective, eq(toObjective.id, objectiveLinks.toObjectiveId))
		.innerJoin(toPerspective, eq(toPerspective.id, toObjective.perspectiveId))
		.where(
			and(eq(fromPerspective.scorecardId, scorecardId), eq(toPerspective.scorecardId, scorecardId))
		)
		.orderBy(asc(objectiveLinks.fromObjectiveId), asc(objectiveLinks.toObjectiveId));
}

export interface LinkChange extends ObjectiveLink {
	actorUserId: number;
	scorecardId: number;
	organisationId: number;
	/** The scorecard version the form was read at. */
	expectedVersion: number;
}

export type LinkRefusal =
	| { ok: false; reason: 'same_objective' | 'duplicate' | 'not_found' | 'conflict' }
	| { ok: false; reason: 'foreign_objective'; field: 'fromObjectiveId' | 'toObjectiveId' };

export type LinkChangeResult =
	{ ok: true; version: number; fromTitle: string; toTitle: string } | LinkRefusal;

/** Titles of those of the objectives that belong to the scorecard. */
async function scorecardObjectives(
	tx: Tx,
	scorecardId: number,
	ids: number[]
): Promise<Map<number, string>> {
	const rows = await tx
		.select({ id: objectives.id, title: objectives.title })
		.from(objectives)
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(and(inArray(objectives.id, ids), eq(perspectives.scorecardId, scorecardId)));
	return new Map(rows.map((r) => [r.id, r.title]));
}

async function changeLink(
	db: Db,
	change: LinkChange,
	kind: 'add' | 'remove'
): Promise<LinkChangeResult> {
	const { fromObjectiveId: from, toObjectiveId: to } = change;
	if (from === to) return { ok: false, reason: 'same_objective' };
	// A refusal rolls back the version bump as well.
	return transactionOr<LinkRefusal, LinkChangeResult>(db, async (tx) => {
		const version = await claimScorecard(tx, change.scorecardId, change.expectedVersion);
		const titles = await scorecardObjectives(tx, change.scorecardId, [from, to]);
		const fromTitle = titles.get(from);
		const toTitle = titles.get(to);
		if (fromTitle === undefined)
			refuse<LinkRefusal>({ ok: false, reason: 'foreign_objective', field: 'fromObjectiveId' });
		if (toTitle === undefined)
			refuse<LinkRefusal>({ ok: false, reason: 'foreign_objective', field: 'toObjectiveId' });
		const changed =
			kind === 'add'
				? await tx
						.insert(objectiveLinks)
						.values({ fromObjectiveId: from, toObjectiveId: to })
						.onConflictDoNothing()
						.returning({ from: objectiveLinks.fromObjectiveId })
				: await tx
						.delete(objectiveLinks)
						.where(
							and(eq(objectiveLinks.fromObjectiveId, from), eq(objectiveLinks.toObjectiveId, to))
						)
						.returning({ from: objectiveLinks.fromObjectiveId });
		if (changed.length === 0)
			refuse<LinkRefusal>({ ok: false, reason: kind === 'add' ? 'duplicate' : 'not_found' });
		const link = { fromObjectiveId: from, fromTitle, toObjectiveId: to, toTitle };
		await recordAudit(tx, {
			userId: change.actorUserId,
			organisationId: change.organisationId,
			action: kind === 'add' ? 'scorecard.link_add' : 'scorecard.link_remove',
			entity: 'objective_link',
			entityId: `${from}->${to}`,
			before: kind === 'remove' ? link : undefined,
			after: kind === 'add' ? link : undefined
		});
		return { ok: true as const, version, fromTitle, toTitle };
	});
}

/**
 * Adds a cause–effect link, if the scorecard is still at the expected version and both objectives
 * belong to it; bumps the version and writes an audit entry in the same transaction.
 */
export function addObjectiveLink(db: Db, change: LinkChange): Promise<LinkChangeResult> {
	return changeLink(db, change, 'add');
}

/** Removes a cause–effect link under the same rules as adding one. */
export function removeObjectiveLink(db: Db, change: LinkChange): Promise<LinkChangeResult> {
	return changeLink(db, change, 'remove');
}
