import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	listUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { sessions, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('sessions', () => {
	let handle: DatabaseHandle;
	let userId: number;
	let otherUserId: number;

	beforeAll(async () => {
		handle = await createTestDatabase();
		const rows = await handle.db
			.insert(users)
			.values([
				{ email: 'anna@example.org', displayName: 'Anna', passwordHash: 'x', totpSecret: 's' },
				{ email: 'ben@example.org', displayName: 'Ben' }
			])
			.returning({ id: users.id });
		userId = rows[0]!.id;
		otherUserId = rows[1]!.id;
	});
	afterAll(() => handle.close());
	beforeEach(async () => {
		await handle.db.delete(sessions);
		await handle.db.update(users).set({ active: true });
	});

	it('generates tokens of at least 160 random bits, all different', () => {
		const tokens = Array.from({ length: 100 }, generateSessionToken);
		expect(new Set(tokens).size).toBe(100);
		expect(decodeBase32IgnorePadding(tokens[0]!.toUpperCase()).length * 8).toBeGreaterThanOrEqual(
			160
		);
		expect(sessionIdFromToken('abc')).toMatch(/^[0-9a-f]{64}$/);
	});

	it('stores only the hash of the token', async () => {
		const { token, session } = await createSession(handle.db, userId, {
			now: T0,
			userAgent: 'Firefox'
		});
		const stored = await handle.db.select().from(sessions);
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).toBe(sessionIdFromToken(token));
		expect(stored[0]!.id).not.toBe(token);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(session.expiresAt).toEqual(at(12 * 60));
		expect(session.userAgent).toBe('Firefox');
	});

	it('returns the user without secrets for a valid token', async () => {
		const { token } = await createSession(handle.db, userId, { now: T0 });
		const result = await validateSessionToken(handle.db, token, { now: at(1) });
		expect(result?.user).toEqual({
			id: userId,
			email: 'anna@example.org',
			displayName: 'Anna',
			locale: 'de',
			hasTotp: true
		});
		expect(
			await validateSessionToken(handle.db, generateSessionToken(), { now: at(1) })
		).toBeNull();
	});

	it('ends after 30 idle minutes and deletes the session', async () => {
		const { token } = await createSession(handle.db, userId, { now: T0 });
		expect(await validateSessionToken(handle.db, token, { now: at(29) })).not.toBeNull();
		expect(await validateSessionToken(handle.db, token, { now: at(29 + 31) })).toBeNull();
		expect(await handle.db.select().from(sessions)).toHaveLength(0);
	});

	it('slides the idle timeout, writing last_active_at only after 5 minutes', async () => {
		const { token, session } = await createSession(handle.db, userId, { now: T0 });
		const lastActive = async () =>
			(await handle.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]!.lastActiveAt;
		await validateSessionToken(handle.db, token, { now: at(4) });
		expect(await lastActive()).toEqual(T0);
		await validateSessionToken(handle.db, token, { now: at(25) });
		expect(await lastActive()).toEqual(at(25));
		// 50 minutes after login but only 25 after the last activity: still valid.
		expect(await validateSessionToken(handle.db, token, { now: at(50) })).not.toBeNull();
	});

	it('ends after 12 hours even when active all the time', async () => {
		const { token } = await createSession(handle.db, userId, { now: T0 });
		for (let minute = 20; minute < 12 * 60; minute += 20) {
			expect(await validateSessionToken(handle.db, token, { now: at(minute) })).not.toBeNull();
		}
		expect(await validateSessionToken(handle.db, token, { now: at(12 * 60) })).toBeNull();
	});

	it('takes shorter configured lifetimes into account', async () => {
		const { token } = await createSession(handle.db, userId, { now: T0 });
		expect(
			await validateSessionToken(handle.db, token, { now: at(11), idleMinutes: 10 })
		).toBeNull();
		const second = await createSession(handle.db, userId, { now: T0 });
		const options = { now: at(125), absoluteHours: 2, idleMinutes: 600 };
		expect(await validateSessionToken(handle.db, second.token, options)).toBeNull();
	});

	it('rejects the sessions of a deactivated user', async () => {
		const { token } = await createSession(handle.db, userId, { now: T0 });
		await handle.db.update(users).set({ active: false }).where(eq(users.id, userId));
		expect(await validateSessionToken(handle.db, token, { now: at(1) })).toBeNull();
		expect(await handle.db.select().from(sessions)).toHaveLength(0);
	});

	it('lists live sessions and ends one or all of a user', async () => {
		const a = await createSession(handle.db, userId, { now: T0 });
		const b = await createSession(handle.db, userId, { now: at(10) });
		await createSession(handle.db, userId, { now: at(-60) }); // idle long ago
		const other = await createSession(handle.db, otherUserId, { now: T0 });
		const listed = await listUserSessions(handle.db, userId, { now: at(15) });
		expect(listed.map((s) => s.id)).toEqual([b.session.id, a.session.id]);

		await invalidateSession(handle.db, a.session.id);
		expect(await validateSessionToken(handle.db, a.token, { now: at(15) })).toBeNull();
		expect(await validateSessionToken(handle.db, b.token, { now: at(15) })).not.toBeNull();

		expect(await invalidateUserSessions(handle.db, userId)).toBe(2);
		expect(await validateSessionToken(handle.db, b.token, { now: at(15) })).toBeNull();
		expect(await validateSessionToken(handle.db, other.token, { now: at(15) })).not.toBeNull();
	});
});
