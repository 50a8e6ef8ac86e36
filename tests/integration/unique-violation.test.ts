import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { isUniqueViolation } from '../../src/lib/server/db/errors';
import { createTestDatabase } from '../helpers/test-database';

/** The driver in use (PGlite, or postgres.js with DATABASE_URL) answers with the SQLSTATE. */
describe('a unique violation as the database reports it', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());

	it('is recognised by SQLSTATE and constraint, whatever the message says', async () => {
		expect.assertions(3);
		const person = { email: 'Anna@example.org', displayName: 'Anna' };
		await handle.db.insert(users).values(person);
		const error = await handle.db
			.insert(users)
			.values({ ...person, email: 'anna@example.org' })
			.then(() => null)
			.catch((e: unknown) => e);
		expect(isUniqueViolation(error)).toBe(true);
		expect(isUniqueViolation(error, 'users_email_lower_unique')).toBe(true);
		expect(isUniqueViolation(error, 'kpis_code_unique')).toBe(false);
	});
});
