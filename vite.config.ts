import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { isolatedIntegrationFiles } from './tests/helpers/isolated-integration-files.js';

/**
 * The messages that at least six pages use, in one chunk instead of one file each: every
 * message (both languages) is a module of its own, and a message shared by a few pages became a
 * file of 100–200 bytes that gzip cannot compress against its neighbours (the scorecard page
 * loaded 46 files, 25 of them such). The dependencies stay included (rolldown's default), so
 * the chunks keep their order of evaluation (capturing small components as well, without their
 * dependencies, broke hydration). A trade (decision 0050): the scorecard page 120.1 → 119.9 KB,
 * the other main pages 0.3–0.7 KB more, as each loads the whole chunk; 16 saved nothing, 2 put
 * 8 KB of other pages' messages on the scorecard page; with `commonRules` beside it, 6 is the
 * count that keeps the scorecard page within 120 KB (8: 120.1, 4: 120.5).
 */
const commonMessages = {
	name: 'common-messages',
	test: /[\\/]paraglide[\\/]messages[\\/]/,
	minShareCount: 6
};

/**
 * The formatting and domain modules that at least eight pages use, likewise in one chunk: small
 * pure modules (no effects on load but their formatter caches), each of which had become a file
 * of 100–1,400 bytes of its own once the formats moved into one home (decision 0051).
 */
const commonRules = {
	name: 'common-rules',
	test: /[\\/]src[\\/]lib[\\/](format|domain)[\\/]/,
	minShareCount: 8
};

/**
 * Browser bundle only: reading a property counts as free of side effects, so chart.js's unused
 * scales and date adapter drop out (58.8 → 52.7 KB gzip) and the dashboard stays within its
 * 120 KB budget; and the messages shared by many pages go into one chunk (`commonMessages`).
 * The whole output diff was read (docs/decisions/0015-client-tree-shaking.md).
 * A plugin, not `build`: SvelteKit marks its server build in its own config hook, which runs
 * after a config function's `isSsrBuild` has been decided.
 */
function browserTreeShaking(): Plugin {
	return {
		name: 'ikz-browser-tree-shaking',
		enforce: 'post',
		config(config) {
			if (config.build?.ssr) return;
			return {
				build: {
					rolldownOptions: {
						treeshake: { propertyReadSideEffects: false },
						output: { codeSplitting: { groups: [commonMessages, commonRules] } }
					}
				}
			};
		}
	};
}

/**
 * Server build only: drizzle-orm goes into the bundle instead of being loaded from node_modules
 * at start. Node reads the package scope of every ESM file it loads and parses the package's
 * `exports` each time; drizzle-orm's package.json is 179 KB and `npm start` loaded 112 of its
 * files, about 0.5 s of CPU before the first request (decision 0048).
 */
function bundleServerDependencies(): Plugin {
	return {
		name: 'ikz-bundle-server-dependencies',
		apply: 'build',
		config: () => ({ ssr: { noExternal: ['drizzle-orm'] } })
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		// `npm test` compiles the messages once up front and sets PARAGLIDE_COMPILED: the plugin
		// would empty and rewrite src/lib/paraglide at every start, under svelte-check running beside
		// the build (scripts/test-all.sh).
		...(process.env.PARAGLIDE_COMPILED
			? []
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						strategy: ['url', 'baseLocale']
					})
				]),
		browserTreeShaking(),
		bundleServerDependencies()
	],
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		// One worker per core, not Vitest's cores − 1: integration tests wait on the database
		// much of the time, and on CI's 2 cores the default left a single worker (decision 0024).
		maxWorkers: availableParallelism(),
		testTimeout: 30_000,
		hookTimeout: 60_000,
		projects: [
			{
				// Pure rules and server modules without a database or mocks of modules: one module
				// registry per worker instead of one per file. Loading the modules again for each of
				// ~100 files cost more CPU than the tests themselves (decision 0044).
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					isolate: false
				}
			},
			{
				// Integration files that mock no module and set no environment variable: one module
				// registry per worker, like the unit files; each still gets a database of its own.
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					exclude: isolatedIntegrationFiles,
					globalSetup: ['tests/helpers/global-setup.ts'],
					isolate: false
				}
			},
			{
				// These mock modules (the database) or set environment variables at import, which a
				// shared registry would carry into the next file: each in a registry of its own.
				extends: true,
				test: {
					name: 'integration-isolated',
					include: isolatedIntegrationFiles,
					globalSetup: ['tests/helpers/global-setup.ts']
				}
			}
		]
	}
});
