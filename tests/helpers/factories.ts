import { organisations, peerGroupMembers, peerGroups, users } from '../../src/lib/server/db/schema';
import type { DbOrTx } from '../../src/lib/server/db/types';

/*
 * Typed test factories: an integration test creates the rows it needs, with names of its own,
 * instead of seeding the whole demo and finding rows by demo e-mail. Each factory fills what a
 * test does not care about with valid defaults and returns the inserted row.
 */

let serial = 0;
const next = () => ++serial;

type City = typeof organisations.$inferSelect;
type User = typeof users.$inferSelect;
type PeerGroup = typeof peerGroups.$inferSelect & { members: number[] };

/** A city (or another kind of organisation) with a unique slug and AGS. */
export async function createCity(
	db: DbOrTx,
	fields: Partial<typeof organisations.$inferInsert> & { name: string }
): Promise<City> {
	const n = next();
	const slug = fields.slug ?? `${fields.name.toLowerCase().replace(/[^a-z]+/g, '-')}-${n}`;
	const [row] = await db
		.insert(organisations)
		.values({ kind: 'city', ags: String(5_000_000 + n).padStart(8, '0'), slug, ...fields })
		.returning();
	return row!;
}

/** An active account without roles or password unless given. */
export async function createUser(
	db: DbOrTx,
	fields: Partial<typeof users.$inferInsert> = {}
): Promise<User> {
	const n = next();
	const [row] = await db
		.insert(users)
		.values({ email: `person-${n}@test.invalid`, displayName: `Person ${n}`, ...fields })
		.returning();
	return row!;
}

/** A comparison group of the given member organisations. */
export async function createPeerGroup(
	db: DbOrTx,
	fields: { slug: string; members: number[]; nameDe?: string; nameEn?: string }
): Promise<PeerGroup> {
	const [group] = await db
		.insert(peerGroups)
		.values({
			slug: fields.slug,
			nameDe: fields.nameDe ?? fields.slug,
			nameEn: fields.nameEn ?? fields.slug
		})
		.returning();
	if (fields.members.length > 0)
		await db
			.insert(peerGroupMembers)
			.values(fields.members.map((organisationId) => ({ groupId: group!.id, organisationId })));
	return { ...group!, members: fields.members };
}
