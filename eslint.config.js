import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Layer boundaries (decision 0025). Flat config replaces a rule's options per file instead of
 * merging them, so each area lists every restriction that applies to it.
 */
const drizzleOnlyInServer = {
	group: [
		'drizzle-orm',
		'drizzle-orm/*',
		'postgres',
		'@electric-sql/pglite',
		'@electric-sql/pglite/*'
	],
	message: 'Database access lives in src/lib/server (queries.ts / commands.ts of its area).'
};
const noServerModules = {
	regex: '^(\\$lib/|(\\.\\.?/)+(lib/)?)server(/|$)',
	message:
		'Server modules stay on the server: take shared types from src/lib/types, rules from src/lib/domain.'
};
const noFileHandlingInDomain = {
	group: ['exceljs', 'papaparse', 'iconv-lite', 'node:*'],
	message: 'Files and streams are handled in src/lib/server/tabular; the domain gets plain rows.'
};
const domainIsPure = {
	regex: '^(\\$lib/|(\\.\\.?/)+)(paraglide|server)(/|$)',
	message: 'src/lib/domain is pure: no server modules, no messages (they need a runtime locale).'
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'drizzle/',
			'data/',
			'test-results/',
			'tmp/',
			'pw-local.config.ts'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No type information for Svelte files: with the project service every component
			// re-loaded the TypeScript project (eslint-plugin-svelte#1084), 45 of ESLint's 57 s of
			// CPU and 1.5 of its 2.5 GB; svelte-check type-checks them (decision 0024).
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'no-undef': 'off',
			// Internal links are built by $lib/routes, which localizes them (/en/…) with Paraglide.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['src/**/*.{ts,js,svelte}'],
		ignores: ['src/lib/server/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [drizzleOnlyInServer] }] }
	},
	{
		files: ['src/lib/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [drizzleOnlyInServer, domainIsPure, noFileHandlingInDomain] }
			]
		}
	},
	{
		files: ['src/**/*.svelte', 'src/lib/components/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [drizzleOnlyInServer, noServerModules] }]
		}
	}
);
