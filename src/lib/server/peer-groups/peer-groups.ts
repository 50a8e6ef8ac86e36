import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { organisations, peerGroupMembers, peerGroups } from '../db/schema';
import type { Db, DbOrTx } from '../db/types';
import { refuse, transactionOr } from '../db/refusal';
import { recordAudit } from '../auth/audit';
import type { PeerGroupInput } from '../../schemas/peer-groups';

export interface PeerGroupRow {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
	version: number;
	members: number[];
}

/** Every group with its member ids, in one read. */
export function listPeerGroups(db: DbOrTx): Promise<PeerGroupRow[]> {
	return db
		.select({
			id: peerGroups.id,
			slug: peerGroups.slug,
			nameDe: peerGroups.nameDe,
			nameEn: peerGroups.nameEn,
			version: peerGroups.version,
			members: sql<
				number[]
			>`coalesce(array_agg(${peerGroupMembers.organisationId} order by ${peerGroupMembers.organisationId}) filter (where ${peerGroupMembers.organisationId} is not null), '{}')`
		})
		.from(peerGroups)
		.leftJoin(peerGroupMembers, eq(peerGroupMembers.groupId, peerGroups.id))
		.groupBy(peerGroups.id)
		.orderBy(asc(peerGroups.nameDe));
}

/** The cities a group may hold (the Städtetag is no city to compare). */
export function listCities(db: DbOrTx) {
	return db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(ne(organisations.kind, 'association'))
		.orderBy(asc(organisations.name));
}

export type SaveRefusal = 'slug_taken' | 'stale' | 'unknown_member' | 'not_found';
export type SaveResult = { ok: true; slug: string } | { ok: false; reason: SaveRefusal };

const refused = (reason: SaveRefusal): never => refuse({ ok: false, reason });

/**
 * Creates (`groupId` null) or updates a group with its members in one transaction. An update
 * names the version it read; if someone saved in between, nothing is written ('stale').
 */
export async function savePeerGroup(
	db: Db,
	input: { actorUserId: number; groupId: number | null; data: PeerGroupInput }
): Promise<SaveResult> {
	const { data } = input;
	return transactionOr<SaveResult, SaveResult>(db, async (tx) => {
		const cities = await tx
			.select({ id: organisations.id })
			.from(organisations)
			.where(and(inArray(organisations.id, data.members), ne(organisations.kind, 'association')));
		if (cities.length !== new Set(data.members).size) refused('unknown_member');
		const [clash] = await tx
			.select({ id: peerGroups.id })
			.from(peerGroups)
			.where(eq(peerGroups.slug, data.slug));
		if (clash && clash.id !== input.groupId) refused('slug_taken');
		const fields = {
			slug: data.slug,
			nameDe: data.nameDe,
			nameEn: data.nameEn,
			updatedBy: input.actorUserId,
			updatedAt: new Date()
		};
		let id: number;
		if (input.groupId === null) {
			[{ id }] = (await tx.insert(peerGroups).values(fields).returning({ id: peerGroups.id })) as [
				{ id: number }
			];
		} else {
			const updated = await tx
				.update(peerGroups)
				.set({ ...fields, version: sql`${peerGroups.version} + 1` })
				.where(and(eq(peerGroups.id, input.groupId), eq(peerGroups.version, data.version)))
				.returning({ id: peerGroups.id });
			if (!updated.length) refused('stale');
			id = input.groupId;
			await tx.delete(peerGroupMembers).where(eq(peerGroupMembers.groupId, id));
		}
		await tx
			.insert(peerGroupMembers)
			.values(
				[...new Set(data.members)].map((organisationId) => ({ groupId: id, organisationId }))
			);
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: null,
			action: input.groupId === null ? 'peer_group.create' : 'peer_group.update',
			entity: 'peer_group',
			entityId: String(id),
			before: null,
			after: { slug: data.slug, nameDe: data.nameDe, members: data.members }
		});
		return { ok: true as const, slug: data.slug };
	});
}

export async function deletePeerGroup(
	db: Db,
	input: { actorUserId: number; groupId: number; version: number }
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const deleted = await tx
			.delete(peerGroups)
			.where(and(eq(peerGroups.id, input.groupId), eq(peerGroups.version, input.version)))
			.returning({ slug: peerGroups.slug });
		if (!deleted.length) return false;
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: null,
			action: 'peer_group.delete',
			entity: 'peer_group',
			entityId: String(input.groupId),
			before: { slug: deleted[0]!.slug },
			after: null
		});
		return true;
	});
}
