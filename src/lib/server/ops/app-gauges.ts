import { count, sql } from 'drizzle-orm';
import { appDb } from '../db';
import { pendingImports } from '../db/schema';
import { registerGauge } from './metrics';

/** Names this process's connections in pg_stat_activity, so its pool can be counted there. */
export const applicationName = (pid = process.pid) => `ikz-scorecard ${pid}`;

const rowsOf = <T>(result: unknown): T[] =>
	Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;

/**
 * Gauges read from the database at each scrape. postgres.js does not expose its pool, so the
 * server's own view (pg_stat_activity, by this process's application name) counts the open
 * connections by state; the scrape's own query shows as one active connection.
 */
export function registerAppGauges(kind: 'postgres' | 'pglite'): void {
	registerGauge('ikz_pending_imports', 'Uploaded imports waiting for confirmation', async () => {
		const [row] = await appDb().select({ n: count() }).from(pendingImports);
		return row?.n ?? 0;
	});
	if (kind !== 'postgres') return;
	registerGauge(
		'ikz_db_connections',
		"This process's open database connections by state (active, idle, …)",
		async () => {
			const result = await appDb().execute(
				sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity where application_name = ${applicationName()} group by 1`
			);
			const byState: Record<string, number> = { active: 0, idle: 0 };
			for (const r of rowsOf<{ state: string; n: number }>(result)) byState[r.state] = r.n;
			return byState;
		},
		'state'
	);
}
