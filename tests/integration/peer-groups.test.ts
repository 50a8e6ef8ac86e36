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
import { createTestDatabase } from '../helpers/test-database';

describe('peer groups', () => {
	let handle: DatabaseHandle;
	let cities: { id: number; name: string }[];
	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
		cities = await listCities(handle.db);
	});
	afterAll(() => handle.close());

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
		const members = cities.filter((c) => ['Essen', 'Bochum', 'Dortmund'].includes(c.name));
		const result = await savePeerGroup(handle.db, {
			actorUserId: 1,
			groupId: null,
			data: data(members.map((c) => c.id))
		});
		expect(result).toEqual({ ok: true, slug: 'ruhrgebiet' });
		const group = (await listPeerGroups(handle.db)).find((g) => g.slug === 'ruhrgebiet')!;
		expect(group.members).toEqual(members.map((c) => c.id).sort((a, b) => a - b));
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'peer_group.create'));
		expect(audit).toHaveLength(1);
	});

	it('refuses a stale update and a taken short name, writing nothing', async () => {
		const group = (await listPeerGroups(handle.db)).find((g) => g.slug === 'ruhrgebiet')!;
		const first = await savePeerGroup(handle.db, {
			actorUserId: 1,
			groupId: group.id,
			data: data(group.members.slice(0, 2), { version: group.version })
		});
		expect(first.ok).toBe(true);
		// A second editor still holds the old version: refused, the first change stays.
		const second = await savePeerGroup(handle.db, {
			actorUserId: 1,
			groupId: group.id,
			data: data(group.members, { version: group.version, nameDe: 'Überschrieben' })
		});
		expect(second).toEqual({ ok: false, reason: 'stale' });
		const after = (await listPeerGroups(handle.db)).find((g) => g.id === group.id)!;
		expect(after.members).toHaveLength(2);
		expect(after.nameDe).toBe('Ruhrgebiet');

		const clash = await savePeerGroup(handle.db, {
			actorUserId: 1,
			groupId: null,
			data: data(group.members, { slug: 'ab-500000' })
		});
		expect(clash).toEqual({ ok: false, reason: 'slug_taken' });
	});

	it('refuses a member that is no city (the Städtetag) and deletes with the current version only', async () => {
		const refused = await savePeerGroup(handle.db, {
			actorUserId: 1,
			groupId: null,
			data: data([cities[0]!.id, 999_999], { slug: 'falsch' })
		});
		expect(refused).toEqual({ ok: false, reason: 'unknown_member' });
		const group = (await listPeerGroups(handle.db)).find((g) => g.slug === 'ruhrgebiet')!;
		expect(
			await deletePeerGroup(handle.db, { actorUserId: 1, groupId: group.id, version: 1 })
		).toBe(false);
		expect(
			await deletePeerGroup(handle.db, {
				actorUserId: 1,
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
