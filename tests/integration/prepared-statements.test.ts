import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';

const url = process.env.DATABASE_URL;

/** Decision 0034: with `prepare`, PostgreSQL keeps the app's statements (parsed and planned once). */
describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
	const preparedOnTheConnection = async (prepare: boolean, built = false) => {
		// One connection, so the second statement sees the first one's session.
		const handle = await openDatabase({ databaseUrl: url, poolMax: 1, prepare });
		try {
			if (built)
				// Built once with a placeholder (drizzle's `.prepare`, which asks postgres.js to
				// prepare it): the handle's setting decides all the same (PgBouncer, decision 0045).
				await handle.db
					.select({ answer: sql<number>`${sql.placeholder('n')}::int + 1`.as('answer') })
					.from(sql`(values (1)) as t(x)`)
					.prepare('answer')
					.execute({ n: 41 });
			else await handle.db.execute(sql`select ${41} + 1 as answer`);
			// postgres.js answers with the rows themselves.
			const [row] = (await handle.db.execute(
				sql`select count(*)::int as n from pg_prepared_statements
					where statement like ${built ? '%as "answer"%' : '%as answer%'}`
			)) as unknown as { n: number }[];
			return row!.n;
		} finally {
			await handle.close();
		}
	};

	it('keeps the statement on the connection when preparing, not otherwise', async () => {
		expect(await preparedOnTheConnection(true)).toBe(1);
		expect(await preparedOnTheConnection(false)).toBe(0);
	});

	it('prepares a statement built once only when the handle prepares', async () => {
		expect(await preparedOnTheConnection(true, true)).toBe(1);
		expect(await preparedOnTheConnection(false, true)).toBe(0);
	});
});
