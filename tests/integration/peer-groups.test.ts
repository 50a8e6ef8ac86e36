import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, peerGroupMembers } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import {
	deletePeerGroup,
	listCities,
	listPeerGroups,
	savePeerGroup
} from '../../src/lib/server/peer-groups/peer-groups';
import { peerGroupSchema } from '../../src/lib/schemas/peer-groups';
import { createCity, createPeerGroup, createUser } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

describe('peer groups', () => {
	let handle: DatabaseHandle;
	let actor: number;
	let city: Record<'essen' | 'bochum' | 'dortmund' | 'koeln', number>;
	let association: number;
	let cities: { id: number; name: string }[];
	beforeAll(async () => {
		handle = await createTestDatabase();
		const db = handle.db;
		actor = (await createUser(db, { displayName: 'Admin' })).id;
		city = {
			essen: (await createCity(db, { name: 'Essen' })).id,
			bochum: (await createCity(db, { name: 'Bochum' })).id,
			dortmund: (await createCity(db, { name: 'Dortmund' })).id,
			koeln: (await createCity(db, { name: 'Köln' })).id
		};
		association = (await createCity(db, { name: 'Städtetag', kind: 'association', ags: null })).id;
		// A group that already holds the short name the clash below asks for.
		await createPeerGroup(db, { slug: 'ab-500000', members: [city.koeln, city.dortmund] });
		cities = await listCities(handle.db);
	});
	afterAll(() => handle.close());

	it('offers the cities as members, never the association, by name', () => {
		expect(cities.map((c) => c.name)).toEqual(['Bochum', 'Dortmund', 'Essen', 'Köln']);
	});

	const data = (
		members: number[],
		extra: Partial<Parameters<typeof savePeerGroup>[1]['data']> = {}
	) => ({
		slug: 'ruhrgebiet',
		nameDe: 'Ruhrgebiet',
		nameEn: 'Ruhr area',
		members,
		version: 0,
		...extra
	});

	it('creates a group with its members and audits it', async () => {
		const members = [city.essen, city.bochum, city.dortmund];
		const result = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: null,
			data: data(members)
		});
		expect(result).toEqual({ ok: true, slug: 'ruhrgebiet' });
		const groups = await listPeerGroups(handle.db);
		expect(groups.map((g) => g.slug).sort()).toEqual(['ab-500000', 'ruhrgebiet']);
		const group = groups.find((g) => g.slug === 'ruhrgebiet')!;
		expect(group.members).toEqual([...members].sort((a, b) => a - b));
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'peer_group.create'));
		expect(audit.map((a) => a.userId)).toEqual([actor]);
	});

	it('refuses a stale update and a taken short name, writing nothing', async () => {
		const group = (await listPeerGroups(handle.db)).find((g) => g.slug === 'ruhrgebiet')!;
		const first = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: group.id,
			data: data(group.members.slice(0, 2), { version: group.version })
		});
		expect(first.ok).toBe(true);
		// A second editor still holds the old version: refused, the first change stays.
		const second = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: group.id,
			data: data(group.members, { version: group.version, nameDe: 'Überschrieben' })
		});
		expect(second).toEqual({ ok: false, reason: 'stale' });
		const after = (await listPeerGroups(handle.db)).find((g) => g.id === group.id)!;
		expect(after.members).toHaveLength(2);
		expect(after.nameDe).toBe('Ruhrgebiet');

		const clash = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: null,
			data: data(group.members, { slug: 'ab-500000' })
		});
		expect(clash).toEqual({ ok: false, reason: 'slug_taken' });
	});

	it('refuses a member that is no city (the Städtetag) and deletes with the current version only', async () => {
		const refused = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: null,
			data: data([city.essen, association], { slug: 'falsch' })
		});
		expect(refused).toEqual({ ok: false, reason: 'unknown_member' });
		const missing = await savePeerGroup(handle.db, {
			actorUserId: actor,
			groupId: null,
			data: data([city.essen, 999_999], { slug: 'falsch' })
		});
		expect(missing).toEqual({ ok: false, reason: 'unknown_member' });
		const group = (await listPeerGroups(handle.db)).find((g) => g.slug === 'ruhrgebiet')!;
		expect(
			await deletePeerGroup(handle.db, { actorUserId: actor, groupId: group.id, version: 1 })
		).toBe(false);
		expect(
			await deletePeerGroup(handle.db, {
				actorUserId: actor,
				groupId: group.id,
				version: group.version
			})
		).toBe(true);
		const left = await handle.db
			.select()
			.from(peerGroupMembers)
			.where(eq(peerGroupMembers.groupId, group.id));
		expect(left).toHaveLength(0);
	});

	it('validates the form with clear messages: short name, names, at least two members', () => {
		const result = peerGroupSchema.safeParse({
			slug: 'Ruhr Gebiet',
			nameDe: '',
			nameEn: 'x',
			members: [1]
		});
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path.join('.'));
		expect(paths.sort()).toEqual(['members', 'nameDe', 'slug']);
	});
});
