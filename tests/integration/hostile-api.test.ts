import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kpis, measurements, organisations } from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import { findUserByEmail } from '../../src/lib/server/auth/users';
import { createApiToken } from '../../src/lib/server/api-tokens/tokens';
import { problemSchema } from '../../src/lib/server/api/schemas';
import { createTestDatabase } from '../helpers/test-database';

/*
 * Property-based hostile input against /api/v1 through the app's real hooks and endpoint
 * modules with a real database (the request harness of api.test.ts, which it does not export).
 * Whatever a client sends: never a 5xx, every refusal is the API's JSON error with a message,
 * and nothing outside the token's city is written; a refused request writes nothing at all.
 */

const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<object>()),
	appDb: () => holder.db as Db
}));

const { handleLocale } = await import('../../src/hooks/locale');
const { handleSecurityHeaders } = await import('../../src/hooks/security-headers');
const { handleApiToken } = await import('../../src/hooks/api-token');
const openapiRoute = await import('../../src/routes/api/v1/openapi.json/+server');
const scorecardsRoute = await import('../../src/routes/api/v1/cities/[city]/scorecards/+server');
const scorecardRoute =
	await import('../../src/routes/api/v1/cities/[city]/scorecards/[field]/+server');
const valuesRoute = await import('../../src/routes/api/v1/cities/[city]/values/+server');
const problemRoute = await import('../../src/routes/api/v1/problems/[code]/+server');

type Handler = (event: RequestEvent) => Promise<Response>;
const routes: { id: string; pattern: RegExp; module: Record<string, unknown> }[] = [
	{ id: '/api/v1/openapi.json', pattern: /^\/api\/v1\/openapi\.json$/, module: openapiRoute },
	{
		id: '/api/v1/cities/[city]/scorecards',
		pattern: /^\/api\/v1\/cities\/(?<city>[^/]+)\/scorecards$/,
		module: scorecardsRoute
	},
	{
		id: '/api/v1/cities/[city]/scorecards/[field]',
		pattern: /^\/api\/v1\/cities\/(?<city>[^/]+)\/scorecards\/(?<field>[^/]+)$/,
		module: scorecardRoute
	},
	{
		id: '/api/v1/cities/[city]/values',
		pattern: /^\/api\/v1\/cities\/(?<city>[^/]+)\/values$/,
		module: valuesRoute
	},
	{
		id: '/api/v1/problems/[code]',
		pattern: /^\/api\/v1\/problems\/(?<code>[^/]+)$/,
		module: problemRoute
	}
];

const hooks: Handle[] = [handleLocale, handleSecurityHeaders, handleApiToken];
const runHooks = (
	event: RequestEvent,
	resolve: (e: RequestEvent) => Promise<Response>,
	i = 0
): Promise<Response> =>
	i === hooks.length
		? resolve(event)
		: Promise.resolve(hooks[i]!({ event, resolve: (e) => runHooks(e, resolve, i + 1) }));

/** Errors an endpoint threw: SvelteKit would answer them with a 500. */
const crashes: unknown[] = [];

const decode = (s: string) => {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
};

/** One request through the real hooks and endpoints; a thrown error becomes SvelteKit's 500. */
async function call(
	method: string,
	path: string,
	options: { token?: string; authorization?: string; body?: BodyInit; contentType?: string } = {}
): Promise<{ status: number; body: unknown; text: string }> {
	const headers = new Headers();
	if (options.token) headers.set('authorization', `Bearer ${options.token}`);
	if (options.authorization !== undefined) headers.set('authorization', options.authorization);
	if (options.contentType !== undefined) headers.set('content-type', options.contentType);
	const url = new URL(path, 'http://ikz.test');
	const request = new Request(url, { method, headers, body: options.body });
	const routePath = url.pathname.replace(/^\/en(?=\/)/, '');
	const route = routes.find((r) => r.pattern.test(routePath));
	const groups = (route && route.pattern.exec(routePath)!.groups) || {};
	const params = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decode(v)]));
	const event = {
		request,
		url,
		params,
		route: { id: route?.id ?? null },
		locals: {},
		cookies: { get: () => undefined, getAll: () => [], set() {}, delete() {}, serialize: () => '' },
		getClientAddress: () => '127.0.0.1',
		setHeaders() {},
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined
	} as unknown as RequestEvent;
	const response = await runHooks(event, async (e) => {
		const handler = route?.module[e.request.method] as Handler | undefined;
		if (!handler) {
			const allow = Object.keys(route?.module ?? {}).filter((k) => /^[A-Z]+$/.test(k));
			return new Response('method not allowed', {
				status: 405,
				headers: { allow: allow.join(', ') }
			});
		}
		try {
			return await handler(e);
		} catch (error) {
			crashes.push(error);
			return new Response('Internal Error', { status: 500 });
		}
	});
	const text = await response.text();
	const type = response.headers.get('content-type') ?? '';
	let body: unknown = text;
	if (type.includes('json')) body = JSON.parse(text);
	return { status: response.status, body, text };
}

/** Fixed for reproducible runs; HOSTILE_SEED=<n> explores other inputs. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261124);

// ------------------------------------------------------------------ hostile values

const MALICIOUS = [
	"'; drop table measurements; --",
	"' or '1'='1",
	'1; delete from measurements where true; --',
	'"; select pg_sleep(5); --',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'"><svg onload=alert(1)>',
	'{{constructor.constructor("alert(1)")()}}',
	'${7*7}',
	'__proto__',
	'constructor',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e309',
	'-0',
	'0x1F',
	'1,5',
	'1.000.000,5',
	'  ',
	'',
	'\u0000',
	'\uFEFF2026',
	'𝟚𝟘𝟚𝟞',
	'Köln',
	'ＡＲＣＨ',
	'\u202Eevil',
	'../../etc/passwd',
	'%00',
	'%',
	'%E0%A4%A',
	'2026-3',
	'2026-Q3',
	'9999-9'
];

const hostileString = fc.oneof(
	{ arbitrary: fc.constantFrom(...MALICIOUS), weight: 4 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
	{
		arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
		weight: 1
	}
);

const hostileNumber = fc.oneof(
	fc.constantFrom(
		0,
		-1,
		1e300,
		-1e300,
		1e18,
		-1e18,
		1e21,
		0.1234567,
		5e-324,
		Number.MAX_SAFE_INTEGER + 2,
		2026.5,
		-2026
	),
	fc.integer(),
	fc.double({ noNaN: false })
);

const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: hostileScalar, weight: 4 },
	{ arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 2 },
	{ arbitrary: fc.array(hostileScalar, { maxLength: 5 }), weight: 1 },
	{ arbitrary: fc.dictionary(hostileString, hostileScalar, { maxKeys: 4 }), weight: 1 }
);

/** Header values must be ByteStrings without line breaks. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);

/** Route ids of every +server.ts under src/routes/api. */
function apiRoutes(dir = join(process.cwd(), 'src', 'routes', 'api'), id = '/api'): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return apiRoutes(join(dir, entry.name), `${id}/${entry.name}`);
		return entry.name === '+server.ts' ? [id] : [];
	});
}

it('reaches every endpoint under src/routes/api with every method it exports', () => {
	// A new endpoint must be routed above, so it cannot escape the properties below unnoticed.
	expect(routes.map((r) => r.id).sort()).toEqual(apiRoutes().sort());
	// The delivery property sends PUT and POST, the path property GET, HEAD, DELETE, PATCH, OPTIONS.
	const sent = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']);
	for (const { id, module } of routes) {
		const verbs = Object.keys(module).filter((k) => /^[A-Z]+$|^fallback$/.test(k));
		expect(
			verbs.filter((v) => !sent.has(v)),
			id
		).toEqual([]);
	}
});

describe('hostile input against /api/v1', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let writeToken: string;
	let readToken: string;
	let ownKpis: string[] = [];
	let otherKpis: string[] = [];
	let otherSlugs: string[] = [];
	let otherAgs: string[] = [];
	let ownFields: string[] = [];
	/** Köln's KPIs with a draft in 2026 Q3: a delivery may change them. */
	let draftKpis: string[] = [];

	/** A fingerprint of all values, split into the token's city and all others. */
	const fingerprint = async () => {
		const rows = await handle.db.execute<{ own: boolean; n: string; digest: string }>(sql`
			select organisation_id = ${koeln} as own, count(*)::text as n,
				md5(string_agg(concat_ws('|', id, kpi_id, year, quarter, value, comment, state, version),
					',' order by id)) as digest
			from measurements group by 1 order by 1`);
		const list = (rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[]);
		const all = list as { own: boolean; n: string; digest: string }[];
		return {
			own: JSON.stringify(all.filter((r) => r.own)),
			others: JSON.stringify(all.filter((r) => !r.own))
		};
	};

	/** Every answer ≥ 400 is the API's JSON error with a message a person can read. */
	const expectCleanAnswer = (result: { status: number; body: unknown; text: string }) => {
		expect(result.status, result.text.slice(0, 500)).toBeLessThan(500);
		if (result.status < 400) return;
		const body = problemSchema.parse(result.body);
		expect(body.status).toBe(result.status);
		expect(body.detail.trim().length).toBeGreaterThan(5);
		for (const d of body.errors ?? []) expect(d.detail.trim()).not.toBe('');
		const outcomes = (result.body as { outcomes?: { error?: { message: string } }[] }).outcomes;
		for (const o of outcomes ?? []) if (o.error) expect(o.error.message.trim()).not.toBe('');
		// No stack traces or SQL in what the client sees.
		expect(result.text).not.toMatch(/\bat \S+:\d+:\d+|node_modules|\bdrizzle\b|syntax error at/i);
	};

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
		holder.db = handle.db;
		[{ id: koeln }] = (await handle.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'))) as [{ id: number }];
		const controller = (await findUserByEmail(handle.db, 'controlling.koeln@demo.ikz-nrw.de'))!;
		const token = async (scope: 'read' | 'write') => {
			const result = await createApiToken(handle.db, {
				userId: controller.id,
				organisationId: koeln,
				name: `Hostile ${scope}`,
				scope,
				expiresInDays: 30,
				now: new Date()
			});
			if (!result.ok) throw new Error(result.reason);
			return result.token;
		};
		writeToken = await token('write');
		readToken = await token('read');
		const orgs = await handle.db
			.select({ id: organisations.id, slug: organisations.slug, ags: organisations.ags })
			.from(organisations);
		otherSlugs = orgs.filter((o) => o.id !== koeln).map((o) => o.slug);
		otherAgs = orgs.filter((o) => o.id !== koeln && o.ags).map((o) => o.ags!);
		const codes = await handle.db.execute<{ code: string; own: boolean }>(sql`
			select distinct k.code, m.organisation_id = ${koeln} as own
			from ${measurements} m join ${kpis} k on k.id = m.kpi_id`);
		const list = ((codes as unknown as { rows?: unknown[] }).rows ?? codes) as {
			code: string;
			own: boolean;
		}[];
		ownKpis = [...new Set(list.filter((r) => r.own).map((r) => r.code))];
		otherKpis = [...new Set(list.filter((r) => !r.own).map((r) => r.code))];
		const drafts = await handle.db.execute<{ code: string }>(sql`
			select k.code from ${measurements} m join ${kpis} k on k.id = m.kpi_id
			where m.organisation_id = ${koeln} and m.year = 2026 and m.quarter = 3
				and m.state = 'draft'`);
		draftKpis = (
			((drafts as unknown as { rows?: unknown[] }).rows ?? drafts) as { code: string }[]
		).map((d) => d.code);
		const fields = await handle.db.execute<{ slug: string }>(
			sql`select slug from cooperation_fields`
		);
		ownFields = (
			((fields as unknown as { rows?: unknown[] }).rows ?? fields) as { slug: string }[]
		).map((f) => f.slug);
		expect(draftKpis.length).toBeGreaterThan(0);
		expect(otherSlugs.length).toBeGreaterThan(0);
		crashes.length = 0;
	});
	afterAll(() => handle?.close());

	it('answers any delivery body without a 5xx and writes nothing outside Köln', async () => {
		const city = fc.oneof(
			fc.constant('koeln'),
			fc.constantFrom(...otherSlugs),
			fc.constantFrom(...otherAgs),
			hostileJson
		);
		const kpi = fc.oneof(
			fc.constantFrom(...ownKpis),
			fc.constantFrom(...(otherKpis.length ? otherKpis : ownKpis)),
			hostileJson
		);
		const row = fc.record(
			{
				city,
				field: fc.oneof(fc.constantFrom(...ownFields), hostileJson),
				kpi,
				year: fc.oneof(fc.constantFrom(2025, 2026), hostileJson),
				quarter: fc.oneof(fc.integer({ min: 1, max: 4 }), hostileJson),
				value: fc.oneof(hostileNumber, hostileJson),
				comment: fc.oneof(hostileString, hostileJson),
				extra: hostileJson
			},
			{ requiredKeys: [] }
		);
		// Rows that pass validation, so the write path itself gets the hostile comments.
		const plausible = fc.record({
			values: fc.array(
				fc.record({
					kpi: fc.constantFrom(...draftKpis),
					year: fc.constant(2026),
					quarter: fc.constant(3),
					value: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
					comment: fc.constantFrom(...MALICIOUS.filter((c) => c.trim() !== ''))
				}),
				{ minLength: 1, maxLength: 3 }
			),
			dryRun: fc.boolean()
		});
		const jsonBody = fc.oneof(
			{ arbitrary: plausible, weight: 3 },
			{
				arbitrary: fc.record(
					{ values: fc.array(row, { minLength: 1, maxLength: 6 }), dryRun: fc.boolean() },
					{ requiredKeys: ['values'] }
				),
				weight: 5
			},
			{ arbitrary: fc.record({ values: hostileJson, dryRun: hostileJson }), weight: 1 },
			{ arbitrary: hostileJson, weight: 1 }
		);
		const rawBody = fc.oneof(
			{ arbitrary: jsonBody.map((b) => JSON.stringify(b) ?? 'undefined'), weight: 6 },
			{
				// Deep nesting: the parser must not blow the stack into a 500.
				arbitrary: fc
					.integer({ min: 100, max: 100_000 })
					.map((d) => `{"values":${'['.repeat(d)}${']'.repeat(d)}}`),
				weight: 1
			},
			{ arbitrary: hostileString, weight: 1 },
			{ arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 }
		);
		const contentType = fc.oneof(
			{ arbitrary: fc.constant('application/json'), weight: 8 },
			{
				arbitrary: fc.constantFrom(
					'application/json; charset=latin1',
					'text/plain',
					'application/x-www-form-urlencoded',
					'multipart/form-data; boundary=x',
					'application/vnd.api+json'
				),
				weight: 1
			},
			{ arbitrary: hostileString.map(headerSafe), weight: 1 }
		);

		let accepted = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('PUT', 'POST'),
				fc.constantFrom('', '/en'),
				rawBody,
				contentType,
				async (method, prefix, body, type) => {
					const before = await fingerprint();
					const result = await call(method, `${prefix}/api/v1/cities/koeln/values`, {
						token: writeToken,
						body,
						contentType: type
					});
					expectCleanAnswer(result);
					const after = await fingerprint();
					expect(after.others).toBe(before.others);
					const written = (result.body as { written?: boolean } | null)?.written === true;
					if (result.status === 200) accepted++;
					if (!written) expect(after.own).toBe(before.own);
				}
			),
			{ numRuns: 150, seed: SEED }
		);
		expect(crashes).toEqual([]);
		// The generator reaches the write path, not only the validation in front of it.
		expect(accepted).toBeGreaterThan(0);
	}, 120_000);

	it('answers any path, query and token without a 5xx, in the JSON error shape', async () => {
		const segment = fc.oneof(
			fc.constant('koeln'),
			fc.constantFrom(...otherSlugs),
			fc.constantFrom(...ownFields),
			hostileString.map((s) => encodeURIComponent(s.slice(0, 300)))
		);
		const query = fc
			.array(
				fc.tuple(
					fc.oneof(fc.constantFrom('field', 'year', 'quarter', 'from', 'to'), hostileString),
					fc.oneof(
						fc.constantFrom(...ownFields, ...otherSlugs, '2026', '3', '2026-1', '2026-4'),
						hostileString,
						hostileNumber.map(String)
					)
				),
				{ maxLength: 4 }
			)
			.map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 5000)])));
		const path = fc.oneof(
			segment.map((c) => `/api/v1/cities/${c}/values`),
			segment.map((c) => `/api/v1/cities/${c}/scorecards`),
			fc.tuple(segment, segment).map(([c, f]) => `/api/v1/cities/${c}/scorecards/${f}`),
			fc.constantFrom('/api/v1/openapi.json', '/api/v1', '/api/v1/cities', '/api/v2/x'),
			segment.map((s) => `/api/v1/${s}`),
			segment.map((s) => `/api/v1/problems/${s}`)
		);
		const auth = fc.oneof(
			{ arbitrary: fc.constant('read'), weight: 5 },
			{ arbitrary: fc.constant('write'), weight: 2 },
			{ arbitrary: fc.constant('none'), weight: 1 },
			{ arbitrary: hostileString.map((s) => headerSafe(`Bearer ${s}`)), weight: 1 },
			{ arbitrary: hostileString.map(headerSafe), weight: 1 }
		);

		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'DELETE', 'PATCH', 'OPTIONS'),
				fc.constantFrom('', '/en'),
				path,
				query,
				auth,
				async (method, prefix, p, q, a) => {
					const before = await fingerprint();
					const search = q.toString();
					const result = await call(method, `${prefix}${p}${search ? `?${search}` : ''}`, {
						...(a === 'read' ? { token: readToken } : {}),
						...(a === 'write' ? { token: writeToken } : {}),
						...(a !== 'read' && a !== 'write' && a !== 'none' ? { authorization: a } : {})
					});
					if (method !== 'HEAD') expectCleanAnswer(result);
					else expect(result.status).toBeLessThan(500);
					const after = await fingerprint();
					expect(after).toEqual(before);
				}
			),
			{ numRuns: 200, seed: SEED + 1 }
		);
		expect(crashes).toEqual([]);
	}, 120_000);
});
