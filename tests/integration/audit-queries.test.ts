import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/lib/server/auth/audit';
import {
	AUDIT_PAGE_SIZE,
	auditOrganisationOptions,
	auditScopeFor,
	listAuditEntries,
	readableJson
} from '../../src/lib/server/audit/queries';
import { auditFilterSchema } from '../../src/lib/schemas/admin';
import { auditLog, organisations, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Principal, RoleAssignment } from '../../src/lib/server/auth/permissions';
import { createTestDatabase } from '../helpers/test-database';

describe('audit queries', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let bonn: number;
	let actor: number;

	beforeAll(async () => {
		handle = await createTestDatabase();
		const orgs = await handle.db
			.insert(organisations)
			.values([
				{ kind: 'city', name: 'Köln', slug: 'koeln', ags: '05315000' },
				{ kind: 'city', name: 'Bonn', slug: 'bonn', ags: '05314000' }
			])
			.returning({ id: organisations.id });
		koeln = orgs[0]!.id;
		bonn = orgs[1]!.id;
		const [u] = await handle.db
			.insert(users)
			.values({ email: 'Controller@Koeln.de', displayName: 'C' })
			.returning({ id: users.id });
		actor = u!.id;
		const base = new Date('2026-01-01T12:00:00Z').getTime();
		// 60 Köln entries, 30 Bonn entries, 10 without a city, one per hour.
		const rows = Array.from({ length: 100 }, (_, i) => ({
			at: new Date(base + i * 3_600_000),
			userId: i % 2 === 0 ? actor : null,
			organisationId: i < 60 ? koeln : i < 90 ? bonn : null,
			action: i % 3 === 0 ? 'measurement.write' : 'user.role_assign',
			entity: 'x',
			entityId: String(i),
			after: JSON.stringify({ i })
		}));
		await handle.db.insert(auditLog).values(rows);
		await recordAudit(handle.db, {
			userId: actor,
			organisationId: bonn,
			action: 'a%_b',
			entity: 'x',
			before: { value: 1 },
			after: { value: 2, note: 'text' }
		});
	});
	afterAll(() => handle.close());

	const holding = (...roles: RoleAssignment[]): Principal => ({ userId: actor, roles });

	it('decides the part of the log from the roles: all, own cities or none', () => {
		const admin = holding({ role: 'admin', organisationId: null, fieldId: null });
		expect(auditScopeFor(admin)).toEqual({ kind: 'all', reader: admin });
		const leadership = holding(
			{ role: 'city_leadership', organisationId: koeln, fieldId: null },
			{ role: 'controller', organisationId: bonn, fieldId: null }
		);
		expect(auditScopeFor(leadership)).toEqual({
			kind: 'cities',
			organisationIds: [koeln],
			reader: leadership
		});
		for (const role of ['observer', 'controller', 'approver'] as const)
			expect(auditScopeFor(holding({ role, organisationId: koeln, fieldId: null }))).toBeNull();
	});

	it('city leadership never sees another city, whatever the filters say', async () => {
		const leadership = holding({ role: 'city_leadership', organisationId: koeln, fieldId: null });
		const scope = auditScopeFor(leadership)!;
		const first = await listAuditEntries(handle.db, scope, {});
		expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.hasNext).toBe(true);
		const second = await listAuditEntries(handle.db, scope, {}, 2);
		expect(second.rows).toHaveLength(10);
		expect(second.hasNext).toBe(false);
		for (const row of [...first.rows, ...second.rows]) expect(row.organisationId).toBe(koeln);

		// Asking for Bonn explicitly gives nothing rather than Bonn's entries.
		const bonnAsked = await listAuditEntries(handle.db, scope, { organisationId: bonn });
		expect(bonnAsked.rows).toEqual([]);
		const none = { kind: 'cities' as const, organisationIds: [], reader: leadership };
		expect(await listAuditEntries(handle.db, none, {})).toEqual({
			rows: [],
			hasNext: false
		});
		expect((await auditOrganisationOptions(handle.db, scope)).map((o) => o.name)).toEqual(['Köln']);
	});

	it('admins see everything, newest first, and filters combine', async () => {
		const all = auditScopeFor(holding({ role: 'admin', organisationId: null, fieldId: null }))!;
		const page1 = await listAuditEntries(handle.db, all, {});
		expect(page1.rows[0]!.action).toBe('a%_b');
		const times = page1.rows.map((r) => r.at.getTime());
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect((await listAuditEntries(handle.db, all, {}, 3)).rows).toHaveLength(1);

		const writes = await listAuditEntries(handle.db, all, { action: 'measurement.' }, 1);
		expect(writes.rows.length).toBe(34);
		expect(writes.rows.every((r) => r.action === 'measurement.write')).toBe(true);
		// % and _ are literal in the prefix.
		expect((await listAuditEntries(handle.db, all, { action: '%' })).rows).toEqual([]);
		expect((await listAuditEntries(handle.db, all, { action: 'a%_' })).rows).toHaveLength(1);

		const byEmail = await listAuditEntries(handle.db, all, { email: 'controller@KOELN' });
		expect(byEmail.rows.every((r) => r.userEmail === 'Controller@Koeln.de')).toBe(true);
		expect(byEmail.rows.length).toBe(AUDIT_PAGE_SIZE);

		const range = await listAuditEntries(handle.db, all, {
			organisationId: bonn,
			from: new Date('2026-01-04T00:00:00Z'),
			until: new Date('2026-01-04T12:00:00Z')
		});
		// Bonn starts at entry 60 = 2026-01-04 00:00; the end is exclusive.
		expect(range.rows.map((r) => Number(r.entityId))).toEqual([
			71, 70, 69, 68, 67, 66, 65, 64, 63, 62, 61, 60
		]);
		expect(range.rows.every((r) => r.organisationName === 'Bonn')).toBe(true);
	});

	it('shows JSON as readable lines and validates the query string', () => {
		expect(readableJson('{"active":false,"roles":[1]}')).toEqual(['active: false', 'roles: [1]']);
		expect(readableJson('{"email":"a@b.de"}')).toEqual(['email: a@b.de']);
		expect(readableJson(null)).toEqual([]);
		expect(readableJson('not json')).toEqual(['not json']);

		expect(auditFilterSchema.safeParse({ from: '2026-01-01', page: '2' }).data).toEqual({
			from: '2026-01-01',
			page: 2
		});
		expect(auditFilterSchema.safeParse({ action: '', organisation: '' }).success).toBe(true);
		for (const bad of [
			{ from: '2026-13-01' },
			{ to: 'gestern' },
			{ page: '0' },
			{ page: '-1' },
			{ organisation: 'koeln' },
			{ from: '2026-02-01', to: '2026-01-01' },
			{ action: 'x'.repeat(101) }
		]) {
			const result = auditFilterSchema.safeParse(bad);
			expect(result.success, JSON.stringify(bad)).toBe(false);
		}
	});
});
