import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The app's own source files below `dir` (.svelte and .ts, tests left out), for tests that scan
 * the code for a rule; Paraglide's generated messages are excluded (they hold no code of ours).
 */
export const ownSources = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? e.name === 'paraglide'
				? []
				: ownSources(join(dir, e.name))
			: /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')
				? [join(dir, e.name)]
				: []
	);
