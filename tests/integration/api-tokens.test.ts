import { and, eq, like, or } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	apiTokenCan,
	apiTokenCities,
	authenticateApiToken,
	createApiToken,
	listApiTokens,
	recordApiTokenUse,
	revokeApiToken
} from '../../src/lib/server/api-tokens/tokens';
import { generateApiToken } from '../../src/lib/server/api-tokens/secret';
import { decideApiAccess } from '../../src/lib/server/api/access';
import { createApiTokenSchema } from '../../src/lib/schemas/api-tokens';
import { assignRole, removeRole, setUserActive } from '../../src/lib/server/admin/users';
import { loadPrincipal } from '../../src/lib/server/auth/users';
import { createUser } from '../../src/lib/server/auth/users';
import {
	apiTokens,
	auditLog,
	organisations,
	roleAssignments
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';
import { createUserWithRoles } from '../helpers/factories';

const NOW = new Date('2026-04-01T10:00:00Z');
const days = (d: number) => new Date(NOW.getTime() + d * 86_400_000);
const bearer = (token: string) => `Bearer ${token}`;
const sha256Hex = (s: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(s)));

describe('personal API tokens', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let muenster: number;
	let controller: number;
	let leadership: number;
	let observer: number;
	let admin: number;
	/** Every plain token handed out in this file, to prove none reaches the audit log. */
	const plainTokens: string[] = [];

	async function create(input: {
		userId: number;
		organisationId?: number;
		scope?: 'read' | 'write';
		name?: string;
		expiresInDays?: number;
	}) {
		const result = await createApiToken(handle.db, {
			organisationId: koeln,
			scope: 'read',
			name: 'Lieferung Fachverfahren',
			expiresInDays: 90,
			now: NOW,
			...input
		});
		if (result.ok) plainTokens.push(result.token);
		return result;
	}

	async function createOk(input: Parameters<typeof create>[0]) {
		const result = await create(input);
		if (!result.ok) throw new Error(`token refused: ${result.reason}`);
		return result;
	}

	async function auditOf(tokenId: number) {
		return handle.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'api_token'), eq(auditLog.entityId, String(tokenId))))
			.orderBy(auditLog.id);
	}

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const orgs = await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations);
		koeln = orgs.find((o) => o.slug === 'koeln')!.id;
		muenster = orgs.find((o) => o.slug === 'muenster')!.id;
		const one = async (role: Parameters<typeof createUserWithRoles>[1][number]) =>
			(await createUserWithRoles(handle.db, [role])).id;
		controller = await one({ role: 'controller', organisationId: koeln });
		leadership = await one({ role: 'city_leadership', organisationId: koeln });
		observer = await one({ role: 'observer' });
		admin = await one({ role: 'admin' });
	});
	afterAll(() => handle.close());

	it('creates a token that authenticates, storing only its SHA-256', async () => {
		const { token, row } = await createOk({ userId: controller, scope: 'write' });
		expect(token).toMatch(/^ikz_[a-z2-7]{32}$/);
		expect(row).not.toHaveProperty('tokenHash');
		expect(row).toMatchObject({ userId: controller, organisationId: koeln, scope: 'write' });
		expect(row.expiresAt).toEqual(days(90));

		const [stored] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
		expect(stored!.tokenHash).toBe(sha256Hex(token));
		expect(JSON.stringify(stored)).not.toContain(token.slice(4));

		const auth = await authenticateApiToken(handle.db, bearer(token), days(1));
		expect(auth).toMatchObject({
			ok: true,
			token: { id: row.id, userId: controller, organisationId: koeln, scope: 'write' },
			principal: { userId: controller }
		});
		expect(auth.ok && auth.token).toMatchObject({
			organisationSlug: 'koeln',
			organisationName: 'Köln'
		});
		// The scheme is case-insensitive.
		expect((await authenticateApiToken(handle.db, `bearer  ${token}`, days(2))).ok).toBe(true);
		// The audited use moves lastUsedAt; a slower, earlier request does not move it back.
		if (!auth.ok) throw new Error('token should authenticate');
		const use = (at: Date) =>
			recordApiTokenUse(handle.db, auth.token, { method: 'GET', path: '/api/v1', status: 200 }, at);
		await use(days(2));
		await use(days(1.5));
		const [later] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
		expect(later!.lastUsedAt).toEqual(days(2));
	});

	it('refuses missing, malformed and unknown tokens with their reason', async () => {
		const { token } = await createOk({ userId: controller });
		const cases: [string | null | undefined, string][] = [
			[null, 'missing'],
			[undefined, 'missing'],
			['', 'missing'],
			['   ', 'missing'],
			[token, 'malformed'],
			[`Basic ${token}`, 'malformed'],
			['Bearer', 'malformed'],
			['Bearer abc', 'malformed'],
			[`Bearer ${token.slice(4)}`, 'malformed'],
			[`Bearer ${token.toUpperCase()}`, 'malformed'],
			[`Bearer ${token}x`, 'malformed'],
			[`Bearer ${token} ${token}`, 'malformed'],
			[bearer(generateApiToken()), 'unknown']
		];
		for (const [header, reason] of cases) {
			expect(await authenticateApiToken(handle.db, header, NOW), String(header)).toEqual({
				ok: false,
				reason,
				token: null
			});
		}
	});

	it('refuses an expired token from its expiry on', async () => {
		const { token } = await createOk({ userId: controller, expiresInDays: 1 });
		expect((await authenticateApiToken(handle.db, bearer(token), days(0.99))).ok).toBe(true);
		for (const at of [days(1), days(30)]) {
			expect(await authenticateApiToken(handle.db, bearer(token), at)).toMatchObject({
				ok: false,
				reason: 'expired',
				token: { userId: controller, organisationId: koeln }
			});
		}
	});

	it('checks name and expiry before anything is stored', async () => {
		for (const expiresInDays of [0, 366, 1.5, Number.NaN]) {
			await expect(create({ userId: controller, expiresInDays })).rejects.toThrow(RangeError);
		}
		await expect(create({ userId: controller, name: '   ' })).rejects.toThrow(RangeError);
		await expect(create({ userId: controller, name: 'x'.repeat(101) })).rejects.toThrow(RangeError);
		// Characters, not UTF-16 units, as the database's check counts them.
		expect((await create({ userId: controller, name: '🔑'.repeat(100) })).ok).toBe(true);

		const form = (data: Record<string, unknown>) =>
			createApiTokenSchema.safeParse({
				name: 'Export',
				organisationId: koeln,
				scope: 'read',
				expiresInDays: 90,
				...data
			});
		expect(form({}).success).toBe(true);
		expect(form({ name: '🔑'.repeat(100) }).success).toBe(true);
		for (const [data, path] of [
			[{ name: ' ' }, 'name'],
			[{ name: 'x'.repeat(101) }, 'name'],
			[{ organisationId: 0 }, 'organisationId'],
			[{ scope: 'admin' }, 'scope'],
			[{ expiresInDays: 0 }, 'expiresInDays'],
			[{ expiresInDays: 366 }, 'expiresInDays'],
			[{ expiresInDays: 2.5 }, 'expiresInDays']
		] as const) {
			const result = form(data);
			expect(result.success, JSON.stringify(data)).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual([path]);
		}
	});

	it('allows tokens only where the creator may read unreleased values, write only with write', async () => {
		expect(await create({ userId: leadership, scope: 'write' })).toEqual({
			ok: false,
			reason: 'write_not_permitted'
		});
		expect((await create({ userId: leadership, scope: 'read' })).ok).toBe(true);
		for (const userId of [observer, admin]) {
			expect(await create({ userId, scope: 'read' })).toEqual({
				ok: false,
				reason: 'not_permitted'
			});
		}
		expect(await create({ userId: controller, organisationId: muenster })).toEqual({
			ok: false,
			reason: 'not_permitted'
		});

		const cities = async (userId: number) =>
			apiTokenCities(handle.db, (await loadPrincipal(handle.db, userId))!);
		expect(await cities(controller)).toEqual([
			{ id: koeln, slug: 'koeln', name: 'Köln', scopes: ['read', 'write'] }
		]);
		expect(await cities(leadership)).toEqual([
			{ id: koeln, slug: 'koeln', name: 'Köln', scopes: ['read'] }
		]);
		expect(await cities(observer)).toEqual([]);
		expect(await cities(admin)).toEqual([]);
	});

	it('never lets a token do more than its scope, its city and its creator allow', async () => {
		const read = await createOk({ userId: controller, scope: 'read' });
		const write = await createOk({ userId: controller, scope: 'write' });
		const readAuth = await authenticateApiToken(handle.db, bearer(read.token), NOW);
		const writeAuth = await authenticateApiToken(handle.db, bearer(write.token), NOW);
		if (!readAuth.ok || !writeAuth.ok) throw new Error('tokens should authenticate');
		const inKoeln = { organisationId: koeln };
		expect(apiTokenCan(readAuth, 'measurement:read_unreleased', inKoeln)).toBe(true);
		expect(apiTokenCan(readAuth, 'measurement:write', inKoeln)).toBe(false);
		expect(apiTokenCan(writeAuth, 'measurement:write', inKoeln)).toBe(true);
		// The controller may submit and edit scorecards in the browser, a token may not.
		expect(apiTokenCan(writeAuth, 'measurement:submit', inKoeln)).toBe(false);
		expect(apiTokenCan(writeAuth, 'scorecard:write', inKoeln)).toBe(false);
		expect(apiTokenCan(writeAuth, 'measurement:write', { organisationId: muenster })).toBe(false);
	});

	it('stops a token when its creator loses the role or is deactivated', async () => {
		const user = await createUser(handle.db, {
			email: 'controlling.api@koeln.example',
			displayName: 'Controlling API Köln',
			roles: [{ role: 'controller', organisationId: koeln, fieldId: null }]
		});
		const write = await createOk({ userId: user.id, scope: 'write' });
		const read = await createOk({ userId: user.id, scope: 'read' });
		const [assignment] = await handle.db
			.select({ id: roleAssignments.id })
			.from(roleAssignments)
			.where(eq(roleAssignments.userId, user.id));

		// Controller → city leadership: reading still allowed, writing no longer.
		expect(
			await assignRole(handle.db, {
				actorUserId: admin,
				userId: user.id,
				role: 'city_leadership',
				organisationId: koeln,
				fieldId: null
			})
		).toMatchObject({ ok: true });
		await removeRole(handle.db, {
			actorUserId: admin,
			userId: user.id,
			assignmentId: assignment!.id
		});
		// The tokens still authenticate; the guard refuses what the owner may no longer do.
		const access = async (token: string, need: 'read' | 'write') =>
			decideApiAccess(await authenticateApiToken(handle.db, bearer(token), NOW), 'koeln', need);
		const refused = await access(write.token, 'write');
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.response.status).toBe(403);
		expect((await access(write.token, 'read')).ok).toBe(true);
		expect((await access(read.token, 'read')).ok).toBe(true);

		expect(
			await setUserActive(handle.db, { actorUserId: admin, userId: user.id, active: false })
		).toMatchObject({ ok: true });
		for (const token of [read.token, write.token]) {
			expect(await authenticateApiToken(handle.db, bearer(token), NOW)).toMatchObject({
				ok: false,
				reason: 'inactive_user'
			});
		}
		// Reactivated with the role back, the read token works again (it was never revoked).
		await setUserActive(handle.db, { actorUserId: admin, userId: user.id, active: true });
		expect((await authenticateApiToken(handle.db, bearer(read.token), NOW)).ok).toBe(true);
	});

	it('revokes only own tokens, once, and a revoked token is refused', async () => {
		const { token, row } = await createOk({ userId: controller, name: 'Zu widerrufen' });
		expect(
			await revokeApiToken(handle.db, { userId: leadership, tokenId: row.id, now: days(1) })
		).toEqual({ ok: false, reason: 'not_found' });
		expect((await authenticateApiToken(handle.db, bearer(token), days(1))).ok).toBe(true);
		expect(
			await revokeApiToken(handle.db, { userId: controller, tokenId: 999_999, now: days(1) })
		).toEqual({ ok: false, reason: 'not_found' });

		expect(
			await revokeApiToken(handle.db, { userId: controller, tokenId: row.id, now: days(2) })
		).toEqual({ ok: true, name: 'Zu widerrufen' });
		expect(
			await revokeApiToken(handle.db, { userId: controller, tokenId: row.id, now: days(3) })
		).toEqual({ ok: false, reason: 'already_revoked' });
		expect(await authenticateApiToken(handle.db, bearer(token), days(2))).toMatchObject({
			ok: false,
			reason: 'revoked'
		});
		const [stored] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
		expect(stored!.revokedAt).toEqual(days(2));
		expect((await auditOf(row.id)).map((a) => a.action)).toEqual([
			'api_token.create',
			'api_token.revoke'
		]);
	});

	it('lists own tokens with city and status, never a hash', async () => {
		const user = await createUser(handle.db, {
			email: 'liste@koeln.example',
			displayName: 'Liste Köln',
			roles: [{ role: 'controller', organisationId: koeln, fieldId: null }]
		});
		const active = await createOk({ userId: user.id, name: 'Aktiv', expiresInDays: 30 });
		const expired = await createOk({ userId: user.id, name: 'Abgelaufen', expiresInDays: 1 });
		const revoked = await createOk({ userId: user.id, name: 'Widerrufen' });
		await revokeApiToken(handle.db, { userId: user.id, tokenId: revoked.row.id, now: NOW });

		const list = await listApiTokens(handle.db, user.id, days(2));
		expect(list.map((t) => [t.id, t.name, t.organisationName, t.status])).toEqual(
			expect.arrayContaining([
				[active.row.id, 'Aktiv', 'Köln', 'active'],
				[expired.row.id, 'Abgelaufen', 'Köln', 'expired'],
				[revoked.row.id, 'Widerrufen', 'Köln', 'revoked']
			])
		);
		expect(list).toHaveLength(3);
		for (const item of list) expect(item).not.toHaveProperty('tokenHash');
		expect(JSON.stringify(list)).not.toMatch(/[0-9a-f]{64}/);
		expect(await listApiTokens(handle.db, observer, NOW)).toEqual([]);
	});

	it('audits creation and every use, never with the plain token', async () => {
		const { token, row } = await createOk({ userId: controller, scope: 'write', name: 'Audit' });
		const auth = await authenticateApiToken(handle.db, bearer(token), NOW);
		if (!auth.ok) throw new Error('token should authenticate');
		await handle.db.transaction(async (tx) => {
			await recordApiTokenUse(
				tx,
				auth.token,
				{ method: 'put', path: '/api/v1/cities/koeln/values', status: 200 },
				NOW
			);
		});
		// A use whose change fails is rolled back together with its audit entry.
		await expect(
			handle.db.transaction(async (tx) => {
				await recordApiTokenUse(tx, auth.token, { method: 'PUT', path: '/x', status: 200 }, NOW);
				throw new Error('change failed');
			})
		).rejects.toThrow('change failed');

		const audit = await auditOf(row.id);
		expect(audit.map((a) => [a.action, a.userId, a.organisationId])).toEqual([
			['api_token.create', controller, koeln],
			['api_token.use', controller, koeln]
		]);
		expect(JSON.parse(audit[0]!.after!)).toEqual({
			name: 'Audit',
			scope: 'write',
			expiresAt: days(90).toISOString()
		});
		expect(JSON.parse(audit[1]!.after!)).toEqual({
			method: 'PUT',
			path: '/api/v1/cities/koeln/values',
			status: 200,
			scope: 'write'
		});

		const all = await handle.db
			.select()
			.from(auditLog)
			.where(or(like(auditLog.action, 'api_token.%'), like(auditLog.after, '%ikz_%')));
		// Every token this file created (14) and every token event: 14 creations, 3 uses, 2 revocations.
		expect(plainTokens).toHaveLength(14);
		expect(all).toHaveLength(19);
		const text = JSON.stringify(all);
		for (const plain of plainTokens) {
			expect(text).not.toContain(plain.slice(4));
			expect(text).not.toContain(sha256Hex(plain));
		}
	});
});
