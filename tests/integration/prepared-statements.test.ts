import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';

const url = process.env.DATABASE_URL;

/** Decision 0034: with `prepare`, PostgreSQL keeps the app's statements (parsed and planned once). */
describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
	const preparedOnTheConnection = async (prepare: boolean) => {
		// One connection, so the second statement sees the first one's session.
		const handle = await openDatabase({ databaseUrl: url, poolMax: 1, prepare });
		try {
			await handle.db.execute(sql`select ${41} + 1 as answer`);
			// postgres.js answers with the rows themselves.
			const [row] = (await handle.db.execute(
				sql`select count(*)::int as n from pg_prepared_statements where statement like '%as answer%'`
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
});
