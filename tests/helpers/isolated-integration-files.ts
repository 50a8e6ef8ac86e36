/**
 * Integration files that mock a module (the database) or change the environment at import: in a
 * module registry shared with other files (vite.config.ts, project `integration`) the mock or the
 * variable would carry into the next file, so these run in a registry of their own. A unit test
 * (tests/unit/vitest-projects.test.ts) finds any file that does either and is missing here.
 */
export const isolatedIntegrationFiles = [
	'api',
	'compare-filters',
	'demo-snapshot',
	'entry-writes',
	'hostile-api',
	'mail',
	'no-demo-by-default',
	'review',
	'scoped-guards'
].map((name) => `tests/integration/${name}.test.ts`);
