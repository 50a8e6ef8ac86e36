import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { ensureTemplate, type TestSeed } from './template-database';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Names this run's template databases (tests/helpers/test-database.ts). */
		testDatabaseRun: string;
	}
}

/**
 * Gives the run an id for its template databases and drops them when the run ends. In CI it
 * builds all of them first: outside any test file, a slow machine cannot time out a beforeAll
 * hook while it seeds the demo (locally the first file that needs one builds it).
 */
export default async function setup(project: TestProject) {
	// Both integration projects (vite.config.ts) run this; one id per run lets the second find the
	// templates the first built instead of seeding the demo again.
	const run = (process.env.IKZ_TEST_DATABASE_RUN ??= `${process.pid}_${Date.now().toString(36)}`);
	project.provide('testDatabaseRun', run);
	const url = process.env.DATABASE_URL;
	if (!url) return;
	const admin = () => postgres(url, { max: 1, onnotice: () => {} });
	if (process.env.CI) {
		const sql = admin();
		try {
			for (const seed of ['none', 'reference', 'demo'] satisfies TestSeed[])
				await ensureTemplate(sql, url, run, seed);
		} finally {
			await sql.end();
		}
	}
	return async () => {
		const sql = admin();
		try {
			const rows =
				await sql`select datname from pg_database where datname like ${`ikz_tpl_${run}_%`}`;
			for (const { datname } of rows)
				await sql.unsafe(`drop database if exists "${datname}" with (force)`);
		} finally {
			await sql.end();
		}
	};
}
