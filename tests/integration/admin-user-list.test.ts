import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '../../src/lib/server/admin/users';
import { attemptLogin, attemptSecondFactor } from '../../src/lib/server/auth/login';
import { createSession } from '../../src/lib/server/auth/sessions';
import { confirmEnrolment, currentTotp, startEnrolment } from '../../src/lib/server/auth/totp';
import { createUser } from '../../src/lib/server/auth/users';
import { organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const PASSWORD = 'Kooperation-2026!';
const T0 = new Date('2026-11-24T08:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The admin's user list (issue 17): searchable by name, address and city; last login; 2FA. */
describe('the admin user list', () => {
	let handle: DatabaseHandle;
	let hammUser: number;

	beforeAll(async () => {
		handle = await createTestDatabase();
		const [hamm, bonn] = await handle.db
			.insert(organisations)
			.values([
				{ kind: 'city', name: 'Hamm', slug: 'hamm', ags: '05915000' },
				{ kind: 'city', name: 'Bonn', slug: 'bonn', ags: '05314000' }
			])
			.returning({ id: organisations.id });
		hammUser = (
			await createUser(handle.db, {
				email: 'controlling@hamm.example',
				displayName: 'Erika Mustermann',
				password: PASSWORD,
				roles: [{ role: 'controller', organisationId: hamm!.id, fieldId: null }]
			})
		).id;
		await createUser(handle.db, {
			email: 'freigabe@bonn.example',
			displayName: 'Max Beispiel',
			password: PASSWORD,
			roles: [{ role: 'approver', organisationId: bonn!.id, fieldId: null }]
		});
		await createUser(handle.db, {
			email: 'ring@staedtetag.example',
			displayName: 'Beobachtung 100% Ring_weit',
			password: PASSWORD,
			roles: [{ role: 'observer', organisationId: null, fieldId: null }]
		});
	});
	afterAll(() => handle.close());

	const names = async (search: string) =>
		(await listUsers(handle.db, { search })).users.map((u) => u.displayName);

	it('finds people by part of their name, e-mail address or city, in any case', async () => {
		expect(await names('')).toEqual([
			'Beobachtung 100% Ring_weit',
			'Erika Mustermann',
			'Max Beispiel'
		]);
		expect(await names('muster')).toEqual(['Erika Mustermann']);
		expect(await names('BONN.EX')).toEqual(['Max Beispiel']);
		expect(await names('hamm')).toEqual(['Erika Mustermann']);
		expect(await names('Bonn')).toEqual(['Max Beispiel']);
		expect(await names('  staedtetag ')).toEqual(['Beobachtung 100% Ring_weit']);
		expect(await names('köln')).toEqual([]);
	});

	it('takes % and _ in the search literally', async () => {
		expect(await names('%')).toEqual(['Beobachtung 100% Ring_weit']);
		expect(await names('_')).toEqual(['Beobachtung 100% Ring_weit']);
	});

	it('returns at most the limit and says that there are more', async () => {
		const page = await listUsers(handle.db, { search: '', limit: 2 });
		expect(page.users.map((u) => u.displayName)).toEqual([
			'Beobachtung 100% Ring_weit',
			'Erika Mustermann'
		]);
		expect(page.more).toBe(true);
		expect((await listUsers(handle.db, { search: '', limit: 3 })).more).toBe(false);
	});

	it('shows when each person last logged in, and whether a second factor is set up', async () => {
		const erika = async () => (await listUsers(handle.db, { search: 'erika' })).users[0]!;
		expect(await erika()).toMatchObject({ lastLoginAt: null, hasSecondFactor: false });

		const login = (now: Date) =>
			attemptLogin(handle.db, {
				email: 'controlling@hamm.example',
				password: PASSWORD,
				address: '10.0.0.1',
				userAgent: 'test',
				now
			});
		expect((await login(T0)).ok).toBe(true);
		expect((await erika()).lastLoginAt).toEqual(T0);

		// With a second factor, the password alone is not yet a login: it counts once the code is in.
		const secret = startEnrolment('controlling@hamm.example').secret;
		const enrolSession = (await createSession(handle.db, hammUser, { now: T0 })).session.id;
		await confirmEnrolment(handle.db, {
			userId: hammUser,
			sessionId: enrolSession,
			secret,
			code: currentTotp(secret, T0),
			now: T0
		});
		expect((await erika()).hasSecondFactor).toBe(true);

		const started = await login(later(10));
		if (!started.ok) throw new Error('login refused');
		expect((await erika()).lastLoginAt).toEqual(T0);
		const second = await attemptSecondFactor(handle.db, {
			userId: hammUser,
			email: 'controlling@hamm.example',
			sessionId: started.session.id,
			code: currentTotp(secret, later(11)),
			address: '10.0.0.1',
			now: later(11)
		});
		expect(second.ok).toBe(true);
		expect((await erika()).lastLoginAt).toEqual(later(11));
	});
});
