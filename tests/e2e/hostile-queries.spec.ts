import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { demo, loginAs } from './login';
import { MALICIOUS, toLogin } from './hostile-http';

/*
 * Hostile query strings over real HTTP against every download endpoint outside /api (the API
 * has its own property test, tests/integration/hostile-api.test.ts) and the pages that read
 * their URL: never a 5xx, anonymous visitors are sent to the login. Read-only.
 */

const SEED = Number(process.env.HOSTILE_SEED ?? 20261125);

/** Download endpoints (route id → a concrete URL on demo data). */
const downloads: Record<string, string> = {
	'/cities/[city]/[field]/export': '/cities/koeln/beihilfe/export',
	'/cities/[city]/[field]/import/template': '/cities/koeln/beihilfe/import/template',
	'/cities/[city]/briefing/[quarter].pdf': '/cities/koeln/briefing/2026-Q2.pdf',
	'/cities/[city]/briefing/[quarter].pptx': '/cities/koeln/briefing/2026-Q2.pptx',
	'/compare/export': '/compare/export',
	'/compare/heatmap/export': '/compare/heatmap/export',
	'/compare/trend/export': '/compare/trend/export',
	'/completeness/export.csv': '/completeness/export.csv',
	'/overview/export': '/overview/export'
};
/** Endpoints outside /api that are no downloads and answer without a login, by design. */
const publicEndpoints = [
	'/healthz', // load balancer probe
	'/readyz', // load balancer probe
	'/login/sso', // single sign-on starts logged out
	'/login/sso/callback' // the provider's answer
];
/** Pages whose load reads query parameters. */
const pages = [
	'/overview',
	'/audit',
	'/compare',
	'/compare/trend',
	'/compare/heatmap',
	'/completeness',
	'/cities/koeln/beihilfe',
	'/cities/koeln/beihilfe/entry',
	'/cities/koeln/beihilfe/import',
	'/cities/duesseldorf/beihilfe',
	'/fields/service-center-d115/periods',
	'/login',
	'/login/2fa',
	'/admin/peer-groups/ab-500000'
];
const names = [
	'q',
	'field',
	'kpi',
	'city',
	'cities',
	'period',
	'group',
	'basis',
	'from',
	'to',
	'format',
	'year',
	'quarter',
	'page',
	'organisation',
	'upload',
	'imported',
	'editLine',
	'redirectTo',
	'action'
];

function endpointRoutes(dir: string, id = ''): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return endpointRoutes(join(dir, entry.name), `${id}/${entry.name}`);
		return entry.name === '+server.ts' ? [id] : [];
	});
}

test('every download endpoint outside /api is in this test', () => {
	const found = endpointRoutes(join(process.cwd(), 'src', 'routes')).filter(
		(id) => !id.startsWith('/api/') && !publicEndpoints.includes(id)
	);
	expect(Object.keys(downloads).sort()).toEqual(found.sort());
});

const query = fc
	.array(
		fc.tuple(
			fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })),
			fc.oneof(
				fc.constantFrom(...MALICIOUS, 'koeln', 'duesseldorf', 'D115-ELQ', '2026-Q2', 'csv', 'xlsx'),
				fc.string({ unit: 'grapheme', maxLength: 30 }),
				// Under Node's 16 KB header limit, so the app reads it (beyond: 431 from Node itself).
				fc.constant('x'.repeat(10_000))
			)
		),
		{ maxLength: 5 }
	)
	.map((pairs) => new URLSearchParams(pairs).toString());

test('hostile query strings: never a 5xx, anonymous visitors go to the login', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	await loginAs(page, demo.controllerKoeln);
	const anonymous = (await browser.newContext()).request;
	const problems: string[] = [];
	for (const path of [...Object.values(downloads), ...pages]) {
		await fc
			.assert(
				fc.asyncProperty(query, fc.boolean(), async (search, asUser) => {
					const url = `${path}?${search}`;
					const response = await (asUser ? page.request : anonymous).get(url, {
						maxRedirects: 0,
						failOnStatusCode: false
					});
					const status = response.status();
					const location = response.headers()['location'];
					let problem: string | null = null;
					if (status >= 500) problem = `${status}`;
					else if (
						!asUser &&
						path !== '/login' &&
						path !== '/login/2fa' &&
						!toLogin(location) &&
						status !== 431
					)
						problem = `anonymous got ${status} ${location ?? ''}`;
					if (problem)
						problems.push(`${asUser ? 'user' : 'anonymous'} GET ${url.slice(0, 300)}: ${problem}`);
					return problem === null;
				}),
				{ numRuns: 12, seed: SEED, endOnFailure: true }
			)
			.catch(() => undefined);
	}
	expect(problems).toEqual([]);
});
