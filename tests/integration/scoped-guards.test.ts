import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cooperationFields, organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import type { RoleAssignment } from '../../src/lib/server/auth/permissions';
import { createTestDatabase } from '../helpers/test-database';

// The guards find the city or field with appDb(); here it is this file's own small database.
const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<object>()),
	appDb: () => holder.db as Db
}));
const { requireCityCapability, requireFieldCapability } =
	await import('../../src/lib/server/auth/scoped-guards');

/** The guard's answer as a person would see it: passes, or the status of the refusal. */
async function outcome(guard: () => Promise<unknown>): Promise<string> {
	try {
		await guard();
		return 'pass';
	} catch (thrown) {
		const r = thrown as { status?: number; location?: string };
		return r.location ? 'login' : `status ${r.status}`;
	}
}

describe('scoped guards check the capability in the city or field of the URL', () => {
	let handle: DatabaseHandle;
	let own: number;
	let field: number;
	const as = (roles: RoleAssignment[] | null) => ({
		url: new URL('http://localhost/x'),
		locals: {
			user: roles && { id: 1, email: 'a@b.de', displayName: 'A', hasTotp: true, roles },
			session: roles && { id: 's', twoFactorVerified: true }
		} as unknown as App.Locals
	});

	beforeAll(async () => {
		handle = await createTestDatabase();
		holder.db = handle.db;
		const rows = await handle.db
			.insert(organisations)
			.values([
				{ kind: 'city', name: 'Nordstadt', slug: 'nordstadt', ags: '05000001' },
				{ kind: 'city', name: 'Südstadt', slug: 'suedstadt', ags: '05000002' }
			])
			.returning({ id: organisations.id });
		own = rows[0]!.id;
		const [f] = await handle.db
			.insert(cooperationFields)
			.values({ slug: 'bauhof', nameDe: 'Bauhof', nameEn: 'Depot' })
			.returning({ id: cooperationFields.id });
		field = f!.id;
	});
	afterAll(async () => handle?.close());

	it('lets a controller write in the own city only, and says 404 for an unknown one', async () => {
		const controller = as([{ role: 'controller', organisationId: own, fieldId: null }]);
		const write = (city: string) => () =>
			requireCityCapability(controller, city, 'measurement:write');
		expect(await outcome(write('nordstadt'))).toBe('pass');
		expect(await outcome(write('suedstadt'))).toBe('status 403');
		expect(await outcome(write('atlantis'))).toBe('status 404');
		expect(
			await outcome(() => requireCityCapability(controller, 'nordstadt', 'measurement:release'))
		).toBe('status 403');
		const { city } = await requireCityCapability(controller, 'nordstadt', 'measurement:write');
		expect(city.id).toBe(own);
	});

	it('lets a field lead edit the own field, not the admin; anonymous goes to the login', async () => {
		const lead = as([{ role: 'field_lead', organisationId: null, fieldId: field }]);
		const admin = as([{ role: 'admin', organisationId: null, fieldId: null }]);
		expect(await outcome(() => requireFieldCapability(lead, 'bauhof', 'catalogue:write'))).toBe(
			'pass'
		);
		expect(await outcome(() => requireFieldCapability(admin, 'bauhof', 'catalogue:write'))).toBe(
			'status 403'
		);
		expect(await outcome(() => requireFieldCapability(lead, 'nirgends', 'ring:read'))).toBe(
			'status 404'
		);
		expect(await outcome(() => requireFieldCapability(as(null), 'bauhof', 'ring:read'))).toBe(
			'login'
		);
	});
});
