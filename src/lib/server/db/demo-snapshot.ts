import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { writeFileSync } from 'node:fs';
import { ensureDirectory } from '../directory/seed';
import { migrateEmbedded } from './migrate';
import * as schema from './schema';
import { seedDatabase } from './seed';
import type { Db } from './types';

/**
 * What `npm start` would otherwise do on its first start, once per build (decision 0048): an
 * in-memory embedded database, migrated, with the demo data and the official directory, written
 * as a gzipped archive of its data folder. An empty data folder then starts from the archive
 * (PGlite's `loadDataDir`) instead of running initdb, the migrations and the seed.
 */
export async function writeDemoSnapshot(file: string): Promise<void> {
	const client = await PGlite.create();
	try {
		await migrateEmbedded(client);
		const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
		await seedDatabase(db, { demo: true });
		await ensureDirectory(db);
		const archive = await client.dumpDataDir('gzip');
		writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
	} finally {
		await client.close();
	}
}
