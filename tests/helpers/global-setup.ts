import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Names this run's template databases (tests/helpers/test-database.ts). */
		testDatabaseRun: string;
	}
}

/** Gives the run an id for its template databases and drops them when the run ends. */
export default function setup(project: TestProject) {
	const run = `${process.pid}_${Date.now().toString(36)}`;
	project.provide('testDatabaseRun', run);
	return async () => {
		const url = process.env.DATABASE_URL;
		if (!url) return;
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		try {
			const rows =
				await admin`select datname from pg_database where datname like ${`ikz_tpl_${run}_%`}`;
			for (const { datname } of rows)
				await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		} finally {
			await admin.end();
		}
	};
}
