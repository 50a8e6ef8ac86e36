import { defineConfig } from 'drizzle-kit';

// Generation only needs the schema; `npm run db:migrate` applies migrations through our own runner.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	casing: 'snake_case',
	strict: true,
	verbose: true
});
