import { and, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import {
	apiTokens,
	auditLog,
	kpis,
	kpiVersions,
	measurements,
	organisations,
	reportingPeriods,
	roleAssignments
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import { assignRole, removeRole, setUserActive } from '../../src/lib/server/admin/users';
import { createUser } from '../../src/lib/server/auth/users';
import { createApiToken, revokeApiToken } from '../../src/lib/server/api-tokens/tokens';
import {
	API_BATCH_MAX,
	cityScorecardsSchema,
	deliveryRejectedSchema,
	deliveryResultSchema,
	problemSchema,
	scorecardDetailSchema,
	valuesListSchema
} from '../../src/lib/server/api/schemas';
import { API_BODY_MAX_BYTES } from '../../src/lib/server/api/body';
import { saveDrafts } from '../../src/lib/server/entry/save';
import { createTestDatabase } from '../helpers/test-database';
import { createScorecard, createUserWithRoles, createValues } from '../helpers/factories';

type OpenApiOperation = {
	operationId?: string;
	requestBody?: unknown;
	responses: Record<string, unknown>;
};

// The endpoints and hooks take the database from appDb(); here it is this file's test database.
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
const problemRoute = await import('../../src/routes/api/v1/problems/[code]/+server').catch(
	() => ({})
); // TEMP

type Handler = (event: RequestEvent) => Promise<Response>;
/** The API's routes as SvelteKit resolves them (ids as in the route tree). */
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
		id: '/api/v1/problems/[code]',
		pattern: /^\/api\/v1\/problems\/(?<code>[^/]+)$/,
		module: problemRoute
	},
	{
		id: '/api/v1/cities/[city]/values',
		pattern: /^\/api\/v1\/cities\/(?<city>[^/]+)\/values$/,
		module: valuesRoute
	}
];

/** The app's hooks in the order of hooks.server.ts (the session hook needs no cookie here). */
const hooks: Handle[] = [handleLocale, handleSecurityHeaders, handleApiToken];
const runHooks = (
	event: RequestEvent,
	resolve: (e: RequestEvent) => Promise<Response>,
	i = 0
): Promise<Response> =>
	i === hooks.length
		? resolve(event)
		: Promise.resolve(hooks[i]!({ event, resolve: (e) => runHooks(e, resolve, i + 1) }));

/**
 * One request through the app's real hooks (locale, security headers, API token) and the real
 * endpoint modules; routing and the 405 answer stand in for SvelteKit's.
 */
async function call(
	method: string,
	path: string,
	options: {
		token?: string;
		json?: unknown;
		body?: BodyInit;
		headers?: Record<string, string>;
	} = {}
): Promise<{ status: number; headers: Headers; body: unknown }> {
	const headers = new Headers(options.headers);
	if (options.token) headers.set('authorization', `Bearer ${options.token}`);
	let body = options.body;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	const url = new URL(path, 'http://ikz.test');
	const request = new Request(url, { method, headers, body });
	const routePath = url.pathname.replace(/^\/en(?=\/)/, '');
	const route = routes.find((r) => r.pattern.test(routePath));
	const params = route ? { ...route.pattern.exec(routePath)!.groups } : {};
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
			return new Response(`${e.request.method} method not allowed`, {
				status: 405,
				headers: { allow: allow.join(', ') }
			});
		}
		return handler(e);
	});
	const text = await response.text();
	const type = response.headers.get('content-type') ?? '';
	return {
		status: response.status,
		headers: response.headers,
		body: type.includes('json') ? JSON.parse(text) : text
	};
}

const NOW = new Date();
const Q3 = { year: 2026, quarter: 3 };
const valuesPath = (city = 'koeln') => `/api/v1/cities/${city}/values`;

describe('API /api/v1 with personal tokens', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let controller: number;
	let admin: number;
	let writeToken: string;
	let readToken: string;
	const sent: string[] = [];

	const token = async (userId: number, scope: 'read' | 'write', expiresInDays = 30) => {
		const result = await createApiToken(handle.db, {
			userId,
			organisationId: koeln,
			name: `Test ${scope}`,
			scope,
			expiresInDays,
			now: NOW
		});
		if (!result.ok) throw new Error(result.reason);
		return result;
	};

	/** Köln's stored value of a KPI in a quarter, or null. */
	const stored = async (code: string, q = Q3) => {
		const [row] = await handle.db
			.select({
				value: measurements.value,
				comment: measurements.comment,
				state: measurements.state
			})
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					eq(measurements.organisationId, koeln),
					eq(kpis.code, code),
					eq(measurements.year, q.year),
					eq(measurements.quarter, q.quarter)
				)
			);
		return row ? { ...row, value: Number(row.value) } : null;
	};
	const measurementCount = async () =>
		Number((await handle.db.select({ n: sql<number>`count(*)` }).from(measurements))[0]!.n);
	const auditCount = async (action: string) =>
		Number(
			(
				await handle.db
					.select({ n: sql<number>`count(*)` })
					.from(auditLog)
					.where(eq(auditLog.action, action))
			)[0]!.n
		);

	const expectError = (
		result: { status: number; body: unknown },
		status: number,
		code: string
	): z.output<typeof problemSchema> => {
		expect(result.status, JSON.stringify(result.body)).toBe(status);
		const body = problemSchema.parse(result.body);
		expect(body.code).toBe(code);
		expect(body.detail.length).toBeGreaterThan(10);
		return body;
	};

	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (q) => sent.push(q), seed: 'reference' });
		holder.db = handle.db;
		const db = handle.db;
		// Köln of the reference data (paths name it by slug), with its archive scorecard: released
		// Q2/2026 values of all five KPIs, Q3 drafts of four (none of ARCH-MAGAZIN yet).
		[{ id: koeln }] = (await db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'))) as [{ id: number }];
		controller = (await createUserWithRoles(db, [{ role: 'controller', organisationId: koeln }]))
			.id;
		admin = (await createUserWithRoles(db, [{ role: 'admin' }])).id;
		const archive = await createScorecard(db, {
			organisationId: koeln,
			field: 'archivierung',
			kpis: [
				{ code: 'ARCH-ERSCHL' },
				{ code: 'ARCH-DIGITAL', perspective: 'customers' },
				{ code: 'ARCH-MAGAZIN', perspective: 'finance' },
				{ code: 'ARCH-ANFR-DAUER', perspective: 'processes' },
				{ code: 'ARCH-FACHQUAL', perspective: 'staff' }
			]
		});
		const q2 = {
			'ARCH-ERSCHL': 77,
			'ARCH-DIGITAL': 1150,
			'ARCH-MAGAZIN': 88,
			'ARCH-ANFR-DAUER': 13
		};
		for (const [code, value] of Object.entries({ ...q2, 'ARCH-FACHQUAL': 69 }))
			await createValues(db, {
				organisationId: koeln,
				kpiId: archive.kpiIds.get(code)!,
				values: { '2026-Q2': value }
			});
		const q3 = {
			'ARCH-ERSCHL': 78.4,
			'ARCH-DIGITAL': 1200,
			'ARCH-ANFR-DAUER': 12,
			'ARCH-FACHQUAL': 70
		};
		for (const [code, value] of Object.entries(q3))
			await createValues(db, {
				organisationId: koeln,
				kpiId: archive.kpiIds.get(code)!,
				values: { '2026-Q3': value },
				state: 'draft'
			});
		const closedAt = new Date('2026-09-01T00:00:00Z');
		await db.insert(reportingPeriods).values([
			{ fieldId: archive.fieldId, ...Q3, deadline: '2026-11-30' },
			{ fieldId: archive.fieldId, year: 2026, quarter: 2, deadline: '2026-08-31', closedAt },
			{ fieldId: archive.fieldId, year: 2025, quarter: 2, deadline: '2025-08-31', closedAt }
		]);
		writeToken = (await token(controller, 'write')).token;
		readToken = (await token(controller, 'read')).token;
	});
	afterAll(() => handle.close());

	it('round-trips: a write token delivers values, which read back as drafts', async () => {
		expect(await stored('ARCH-ERSCHL')).toEqual({ value: 78.4, comment: '', state: 'draft' });
		expect(await stored('ARCH-MAGAZIN')).toBeNull();
		const values = [
			{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 91 },
			{ field: 'archivierung', kpi: 'arch-erschl', ...Q3, value: 79.1, comment: 'nachgezählt' },
			{ kpi: 'ARCH-FACHQUAL', ...Q3, value: 70, comment: '' }
		];
		const put = await call('PUT', valuesPath(), { token: writeToken, json: { values } });
		expect(put.status, JSON.stringify(put.body)).toBe(200);
		const result = deliveryResultSchema.parse(put.body);
		expect(result).toMatchObject({
			dryRun: false,
			written: true,
			counts: { new: 1, changed: 1, unchanged: 1, error: 0 }
		});
		expect(result.outcomes.map((o) => [o.line, o.kind, o.kpi])).toEqual([
			[1, 'new', 'ARCH-MAGAZIN'],
			[2, 'changed', 'ARCH-ERSCHL'],
			[3, 'unchanged', 'ARCH-FACHQUAL']
		]);
		expect(result.outcomes[1]).toMatchObject({
			city: 'koeln',
			field: 'archivierung',
			before: { value: 78.4, state: 'draft' },
			after: { value: 79.1, comment: 'nachgezählt' }
		});
		expect(await stored('ARCH-MAGAZIN')).toEqual({ value: 91, comment: '', state: 'draft' });

		const read = await call('GET', `${valuesPath()}?field=archivierung&year=2026&quarter=3`, {
			token: readToken
		});
		expect(read.status).toBe(200);
		const list = valuesListSchema.parse(read.body);
		expect(list.city).toEqual({ slug: 'koeln', name: 'Köln' });
		// Exactly the city's five archive values of Q3: the two delivered, three as created.
		const q3 = (kpi: string, value: number, comment: string, version: number) => ({
			city: 'koeln',
			field: 'archivierung',
			kpi,
			year: 2026,
			quarter: 3,
			value,
			comment,
			state: 'draft',
			version
		});
		expect([...list.values].sort((a, b) => a.kpi.localeCompare(b.kpi))).toEqual([
			q3('ARCH-ANFR-DAUER', 12, '', 1),
			q3('ARCH-DIGITAL', 1200, '', 1),
			q3('ARCH-ERSCHL', 79.1, 'nachgezählt', 2),
			q3('ARCH-FACHQUAL', 70, '', 1),
			q3('ARCH-MAGAZIN', 91, '', 1)
		]);

		const one = await call(
			'GET',
			'/api/v1/cities/koeln/scorecards/archivierung?from=2026-2&to=2026-3',
			{
				token: readToken
			}
		);
		expect(one.status, JSON.stringify(one.body)).toBe(200);
		const { scorecard } = scorecardDetailSchema.parse(one.body);
		const magazin = scorecard.perspectives
			.flatMap((p) => p.objectives.flatMap((o) => o.kpis))
			.find((k) => k.code === 'ARCH-MAGAZIN')!;
		expect(magazin.values!.map((v) => `${v.year}-${v.quarter}`)).toEqual(['2026-2', '2026-3']);
		expect(magazin.values!.map((v) => [v.value, v.state])).toEqual([
			[88, 'released'],
			[91, 'draft']
		]);
		expect(magazin.definitions[0]).toMatchObject({ nameDe: 'Auslastung der Magazinflächen' });

		const all = await call('GET', '/api/v1/cities/koeln/scorecards', { token: readToken });
		expect(all.status).toBe(200);
		const cards = cityScorecardsSchema.parse(all.body);
		expect(cards.scorecards.map((s) => s.field.slug)).toEqual(['archivierung']);
		const card = cards.scorecards.find((s) => s.field.slug === 'archivierung')!;
		// The list has the same structure as the single scorecard, without values.
		expect(
			card.perspectives.map((p) => p.objectives.map((o) => o.kpis.map((k) => k.code)))
		).toEqual(
			scorecard.perspectives.map((p) => p.objectives.map((o) => o.kpis.map((k) => k.code)))
		);
		expect(card.perspectives[0]!.objectives[0]!.kpis[0]).not.toHaveProperty('values');
	});

	it('answers a repeat with all unchanged and writes nothing', async () => {
		const values = [
			{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 91 },
			{ kpi: 'ARCH-ERSCHL', ...Q3, value: 79.1, comment: 'nachgezählt' }
		];
		const count = await measurementCount();
		const deliveries = await auditCount('measurement.api');
		for (const method of ['PUT', 'POST']) {
			const again = await call(method, valuesPath(), { token: writeToken, json: { values } });
			expect(again.status).toBe(200);
			expect(again.body).toMatchObject({
				written: false,
				counts: { new: 0, changed: 0, unchanged: 2, error: 0 }
			});
		}
		expect(await measurementCount()).toBe(count);
		expect(await auditCount('measurement.api')).toBe(deliveries);
	});

	it('checks without writing on a dry run', async () => {
		const result = await call('POST', valuesPath(), {
			token: writeToken,
			json: { dryRun: true, values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 88 }] }
		});
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ dryRun: true, written: false, counts: { changed: 1 } });
		expect((await stored('ARCH-MAGAZIN'))!.value).toBe(91);
	});

	it('refuses a whole delivery with a bad row, row by row, writing nothing', async () => {
		const count = await measurementCount();
		const result = await call('PUT', valuesPath(), {
			token: writeToken,
			json: {
				values: [
					{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 90 },
					{ kpi: 'ARCH-GIBTSNICHT', ...Q3, value: 1 },
					{ city: 'duesseldorf', kpi: 'ARCH-MAGAZIN', ...Q3, value: 1 },
					{ kpi: 'ARCH-MAGAZIN', year: 2025, quarter: 2, value: 1 }
				]
			}
		});
		expectError(result, 422, 'delivery_rejected');
		const body = deliveryRejectedSchema.parse(result.body);
		expect(body.counts).toMatchObject({ changed: 1, error: 3 });
		expect(body.outcomes.map((o) => o.error?.code ?? o.kind)).toEqual([
			'changed',
			'unknown_kpi',
			'foreign_city',
			'period_closed'
		]);
		expect(body.detail).toBe('3 von 4 Zeilen haben Fehler; es wurde nichts gespeichert.');
		expect((await stored('ARCH-MAGAZIN'))!.value).toBe(91);
		expect(await measurementCount()).toBe(count);
	});

	it('refuses another city with 403, for reading and writing', async () => {
		for (const [method, path] of [
			['GET', '/api/v1/cities/duesseldorf/scorecards'],
			['GET', '/api/v1/cities/duesseldorf/scorecards/archivierung'],
			['GET', valuesPath('duesseldorf')],
			['PUT', valuesPath('duesseldorf')]
		] as const) {
			const result = await call(method, path, {
				token: writeToken,
				json: method === 'PUT' ? { values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 1 }] } : undefined
			});
			const body = expectError(result, 403, 'foreign_city');
			expect(body.detail).toBe('Dieses API-Token gilt nur für Köln.');
		}
	});

	it('lets a read token read but not write', async () => {
		const result = await call('PUT', valuesPath(), {
			token: readToken,
			json: { values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 1 }] }
		});
		expectError(result, 403, 'insufficient_scope');
		expect(result.headers.get('www-authenticate')).toContain('insufficient_scope');
		expect((await stored('ARCH-MAGAZIN'))!.value).toBe(91);
	});

	it('answers 401 without a working token, and says why', async () => {
		const expired = await token(controller, 'write', 1);
		const revoked = await token(controller, 'write');
		await revokeApiToken(handle.db, { userId: controller, tokenId: revoked.row.id, now: NOW });
		// Expired: move its expiry into the past (tokens are created with the real clock here).
		await handle.db
			.update(apiTokens)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(apiTokens.id, expired.row.id));
		const cases: [Record<string, string>, string][] = [
			[{}, 'token_missing'],
			[{ authorization: 'Basic dXNlcjpwdw==' }, 'token_malformed'],
			[{ authorization: 'Bearer ikz_' + 'a'.repeat(32) }, 'token_unknown'],
			[{ authorization: `Bearer ${expired.token}` }, 'token_expired'],
			[{ authorization: `Bearer ${revoked.token}` }, 'token_revoked']
		];
		for (const [headers, code] of cases) {
			for (const method of ['GET', 'PUT']) {
				const result = await call(method, valuesPath(), {
					headers,
					json: method === 'PUT' ? { values: [] } : undefined
				});
				expectError(result, 401, code);
				expect(result.headers.get('www-authenticate')).toMatch(/^Bearer realm="ikz"/);
			}
		}
		// A session cookie is no way into the API.
		const withCookie = await call('GET', valuesPath(), { headers: { cookie: 'ikz_session=x' } });
		expectError(withCookie, 401, 'token_missing');
	});

	it('stops a token whose owner loses the role (403) or is deactivated (401)', async () => {
		const user = await createUser(handle.db, {
			email: 'api.rollen@koeln.example',
			displayName: 'API Rollen',
			roles: [{ role: 'controller', organisationId: koeln, fieldId: null }]
		});
		const { token: plain } = await token(user.id, 'write');
		const deliver = () =>
			call('PUT', valuesPath(), {
				token: plain,
				json: { dryRun: true, values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 91 }] }
			});
		expect((await deliver()).status).toBe(200);
		await assignRole(handle.db, {
			actorUserId: admin,
			userId: user.id,
			role: 'city_leadership',
			organisationId: koeln,
			fieldId: null
		});
		const [controllerRole] = await handle.db
			.select({ id: roleAssignments.id })
			.from(roleAssignments)
			.where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, 'controller')));
		await removeRole(handle.db, {
			actorUserId: admin,
			userId: user.id,
			assignmentId: controllerRole!.id
		});
		const refused = expectError(await deliver(), 403, 'not_permitted');
		expect(refused.detail).toContain('Köln');
		// Reading still works: the owner may still see Köln's unreleased values.
		expect((await call('GET', valuesPath(), { token: plain })).status).toBe(200);

		await setUserActive(handle.db, { actorUserId: admin, userId: user.id, active: false });
		expectError(await call('GET', valuesPath(), { token: plain }), 401, 'account_inactive');
	});

	it('answers bad bodies with 400, 413, 415 or 422 and a JSON body, never 5xx', async () => {
		const put = (body: BodyInit, headers: Record<string, string> = {}) =>
			call('PUT', valuesPath(), {
				token: writeToken,
				body,
				headers: { 'content-type': 'application/json', ...headers }
			});
		expectError(await put('{"values": [', {}), 400, 'invalid_json');
		expectError(await put('', {}), 400, 'invalid_json');
		expectError(await put(new Uint8Array([0x7b, 0xff, 0x7d]), {}), 400, 'invalid_json');
		expectError(
			await put('values=1', { 'content-type': 'text/csv' }),
			415,
			'unsupported_media_type'
		);
		expectError(await put('{}', { 'content-type': '' }), 415, 'unsupported_media_type');
		const huge = JSON.stringify({ values: [], pad: 'x'.repeat(API_BODY_MAX_BYTES) });
		expectError(await put(huge), 413, 'payload_too_large');
		// A charset parameter is fine.
		const charset = await put(
			JSON.stringify({ dryRun: true, values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 91 }] }),
			{ 'content-type': 'application/json; charset=utf-8' }
		);
		expect(charset.status).toBe(200);

		const invalid = async (json: unknown, paths: string[]) => {
			const result = await put(JSON.stringify(json));
			const body = expectError(result, 422, 'invalid_request');
			expect(body.errors!.map((d) => d.pointer)).toEqual(paths);
			for (const d of body.errors!) expect(d.detail).not.toBe('');
			return body;
		};
		await invalid([], ['#']);
		await invalid({}, ['#/values']);
		await invalid({ values: [] }, ['#/values']);
		const wrongTypes = await invalid(
			{
				values: [
					{ kpi: 'ARCH-MAGAZIN', year: '2026', quarter: 3, value: '91,5' },
					{ kpi: 'ARCH-MAGAZIN', year: 2026, quarter: 5, value: 1, extra: true }
				]
			},
			['#/values/0/year', '#/values/0/value', '#/values/1/quarter', '#/values/1']
		);
		expect(wrongTypes.errors![0]!.detail).toMatch(/Zahl/);
		await invalid({ values: [{ kpi: 'ARCH-MAGAZIN', ...Q3 }] }, ['#/values/0/value']);
		await invalid({ values: [{ kpi: 'A', ...Q3, value: 1 }], dryRun: 'yes' }, ['#/dryRun']);
		const tooMany = Array.from({ length: API_BATCH_MAX + 1 }, () => ({
			kpi: 'A',
			...Q3,
			value: 1
		}));
		await invalid({ values: tooMany }, ['#/values']);

		expect((await stored('ARCH-MAGAZIN'))!.value).toBe(91);
	});

	it('answers bad queries with 400 and an unknown scorecard with 404', async () => {
		const get = (path: string) => call('GET', path, { token: readToken });
		for (const query of ['year=zwanzig', 'quarter=5', 'yaer=2026', 'field=gibtsnicht']) {
			expectError(await get(`${valuesPath()}?${query}`), 400, 'invalid_query');
		}
		for (const query of ['from=2026', 'to=2026-Q3', 'from=2026-3&to=2026-1']) {
			expectError(
				await get(`/api/v1/cities/koeln/scorecards/archivierung?${query}`),
				400,
				'invalid_query'
			);
		}
		expectError(await get('/api/v1/cities/koeln/scorecards/gibtsnicht'), 404, 'not_found');
	});

	it('answers unknown paths and methods in JSON too', async () => {
		expectError(
			await call('GET', '/api/v1/cities/koeln/nothing', { token: readToken }),
			404,
			'not_found'
		);
		expectError(await call('GET', '/api/v2', {}), 404, 'not_found');
		const del = await call('DELETE', valuesPath(), { token: writeToken });
		expectError(del, 405, 'method_not_allowed');
		expect(del.headers.get('allow')).toContain('PUT');
	});

	it('speaks English under /en/api/v1', async () => {
		const result = await call('GET', '/en/api/v1/cities/duesseldorf/values', { token: readToken });
		expect(expectError(result, 403, 'foreign_city').detail).toBe(
			'This API token is only valid for Köln.'
		);
		const rows = await call('PUT', '/en' + valuesPath(), {
			token: writeToken,
			json: { values: [{ kpi: 'ARCH-GIBTSNICHT', ...Q3, value: 1 }] }
		});
		const rejected = deliveryRejectedSchema.parse(rows.body);
		expect(rejected.detail).toBe('1 of 1 rows have errors; nothing was saved.');
		expect(rejected.outcomes[0]!.error!.message).not.toMatch(/Kennzahl/);
	});

	it('audits every use with its status, and every refused token', async () => {
		const { token: plain, row } = await token(controller, 'read');
		const entries = () =>
			handle.db
				.select()
				.from(auditLog)
				.where(and(like(auditLog.action, 'api_token.%'), eq(auditLog.entityId, String(row.id))))
				.orderBy(auditLog.id);
		await call('GET', valuesPath(), { token: plain });
		await call('GET', valuesPath('duesseldorf'), { token: plain });
		await call('PUT', valuesPath(), { token: plain, json: { values: [] } });
		await revokeApiToken(handle.db, { userId: controller, tokenId: row.id, now: new Date() });
		await call('GET', `${valuesPath()}?year=2026`, { token: plain });
		const audit = await entries();
		expect(audit.map((a) => [a.action, a.userId, a.organisationId, JSON.parse(a.after!)])).toEqual([
			['api_token.create', controller, koeln, expect.any(Object)],
			[
				'api_token.use',
				controller,
				koeln,
				{ method: 'GET', path: valuesPath(), status: 200, scope: 'read' }
			],
			[
				'api_token.use',
				controller,
				koeln,
				{ method: 'GET', path: valuesPath('duesseldorf'), status: 403, scope: 'read' }
			],
			[
				'api_token.use',
				controller,
				koeln,
				{ method: 'PUT', path: valuesPath(), status: 403, scope: 'read' }
			],
			['api_token.revoke', controller, koeln, expect.any(Object)],
			[
				'api_token.refused',
				controller,
				koeln,
				{ method: 'GET', path: valuesPath(), status: 401, reason: 'revoked' }
			]
		]);
		const [used] = await handle.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
		expect(used!.lastUsedAt).not.toBeNull();

		// Unknown tokens are recorded without an owner; a request without any token is not.
		const refusedBefore = await auditCount('api_token.refused');
		await call('GET', valuesPath(), { headers: { authorization: 'Bearer nonsense' } });
		await call('GET', valuesPath());
		expect(await auditCount('api_token.refused')).toBe(refusedBefore + 1);
		const [last] = await handle.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
		expect(last).toMatchObject({ action: 'api_token.refused', userId: null, organisationId: null });
		expect(JSON.parse(last!.after!)).toMatchObject({ reason: 'malformed', status: 401 });
		// The delivery itself is audited by the delivery core, once per written delivery.
		const [delivery] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'measurement.api'));
		expect(delivery).toMatchObject({ userId: controller, organisationId: koeln });
	});

	it('needs few queries: auth, the read, the audit', async () => {
		sent.length = 0;
		await call('GET', `${valuesPath()}?field=archivierung`, { token: readToken });
		// Token, the values and the field (together), the ETag (beside them), audit.
		expect(sent.length).toBeLessThanOrEqual(5);
		sent.length = 0;
		await call('GET', '/api/v1/cities/koeln/scorecards', { token: readToken });
		// Token, three city-wide reads, audit: independent of the number of fields and KPIs.
		expect(sent.length).toBeLessThanOrEqual(5);
		sent.length = 0;
		await call('GET', '/api/v1/cities/koeln/scorecards/archivierung', { token: readToken });
		expect(sent.length).toBeLessThanOrEqual(7);
	});

	it('serves an OpenAPI 3.1 document without a token, generated from the schemas', async () => {
		const result = await call('GET', '/api/v1/openapi.json');
		expect(result.status).toBe(200);
		type Schema = { required?: string[]; additionalProperties?: boolean };
		const doc = result.body as {
			openapi: string;
			paths: Record<string, Record<string, unknown>>;
			components: Record<string, Record<string, unknown>> & {
				schemas: Record<string, Schema>;
				securitySchemes: Record<string, unknown>;
			};
		};
		expect(doc.openapi).toBe('3.1.0');
		expect(Object.keys(doc.paths)).toEqual([
			'/cities/{city}/scorecards',
			'/cities/{city}/scorecards/{field}',
			'/cities/{city}/values',
			'/problems/{code}',
			'/openapi.json'
		]);
		expect(Object.keys(doc.paths['/cities/{city}/values']!)).toEqual(['get', 'put', 'post']);
		expect(doc.components.securitySchemes.bearerToken).toMatchObject({
			type: 'http',
			scheme: 'bearer'
		});
		// Every reference resolves.
		const text = JSON.stringify(doc);
		const refs = [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
		expect(refs.length).toBeGreaterThan(10);
		for (const [, kind, name] of refs)
			expect(doc.components[kind!]?.[name!], `${kind}/${name}`).toBeDefined();
		expect(doc.components.schemas.DeliveryValue!.required).toEqual([
			'kpi',
			'year',
			'quarter',
			'value'
		]);
		expect(doc.components.schemas.DeliveryValue!.additionalProperties).toBe(false);
		expect(text).not.toContain('$defs');
	});

	it('never lets a plain token or its hash into the audit log', async () => {
		const rows = await handle.db
			.select({ after: auditLog.after })
			.from(auditLog)
			.where(inArray(auditLog.entity, ['api_token', 'delivery']));
		const text = JSON.stringify(rows);
		for (const plain of [writeToken, readToken]) expect(text).not.toContain(plain.slice(4));
	});

	// ------------------------------------------------------------ issue 14, point 7

	/** What Köln's value of a KPI in Q3 is now, with its row version (0: no value). */
	const storedRow = async (code: string) => {
		const [row] = await handle.db
			.select({
				value: measurements.value,
				comment: measurements.comment,
				version: measurements.version
			})
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					eq(measurements.organisationId, koeln),
					eq(kpis.code, code),
					eq(measurements.year, Q3.year),
					eq(measurements.quarter, Q3.quarter)
				)
			);
		return row ? { ...row, value: Number(row.value) } : null;
	};

	/** A controller saves a Q3 value in the entry grid (the browser's save, with its version). */
	const gridSave = async (code: string, value: number, comment: string) => {
		const [kpi] = await handle.db
			.select({ id: kpis.id, fieldId: kpis.fieldId })
			.from(kpis)
			.where(and(eq(kpis.code, code), isNull(kpis.ownerOrganisationId)));
		const [version] = await handle.db
			.select({ id: kpiVersions.id })
			.from(kpiVersions)
			.where(eq(kpiVersions.kpiId, kpi!.id))
			.orderBy(desc(kpiVersions.validFromYear), desc(kpiVersions.validFromQuarter))
			.limit(1);
		const saved = await saveDrafts(handle.db, {
			userId: controller,
			organisationId: koeln,
			fieldId: kpi!.fieldId,
			quarter: Q3,
			drafts: [
				{
					kpiId: kpi!.id,
					kpiVersionId: version!.id,
					value,
					comment,
					expectedVersion: (await storedRow(code))?.version ?? 0
				}
			]
		});
		expect(saved).toMatchObject({ ok: true });
	};

	const q3Values = async () => {
		const read = await call('GET', `${valuesPath()}?field=archivierung&year=2026&quarter=3`, {
			token: readToken
		});
		expect(read.status).toBe(200);
		return valuesListSchema.parse(read.body).values;
	};

	const expectProblem = (
		result: { status: number; headers: Headers; body: unknown },
		status: number,
		code: string
	) => {
		expect(result.status, JSON.stringify(result.body)).toBe(status);
		expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		const body = problemSchema.parse(result.body);
		expect(body).toMatchObject({ type: `/api/v1/problems/${code}`, status, code });
		expect(body.title.length).toBeGreaterThan(3);
		expect(body.detail.length).toBeGreaterThan(10);
		return body;
	};

	it('refuses a delivery made on a stale row version with 409, naming the row and what is stored now', async () => {
		const read = await q3Values();
		const erschl = read.find((v) => v.kpi === 'ARCH-ERSCHL')!;
		const magazin = read.find((v) => v.kpi === 'ARCH-MAGAZIN')!;
		// Created (1), changed by the round trip (2).
		expect(erschl).toMatchObject({ value: 79.1, version: 2 });
		// A controller corrects ARCH-ERSCHL in the entry grid after the program read it.
		await gridSave('ARCH-ERSCHL', 81.2, 'im Raster korrigiert');
		const count = await measurementCount();

		const conflict = await call('PUT', valuesPath(), {
			token: writeToken,
			json: {
				values: [
					{ kpi: 'ARCH-MAGAZIN', ...Q3, value: magazin.value + 1, version: magazin.version },
					{
						kpi: 'ARCH-ERSCHL',
						...Q3,
						value: 70.1,
						comment: 'aus dem Fachverfahren',
						version: erschl.version
					}
				]
			}
		});
		const body = expectProblem(conflict, 409, 'version_conflict');
		const rejected = deliveryRejectedSchema.parse(conflict.body);
		expect(rejected.outcomes.map((o) => o.error?.code ?? o.kind)).toEqual([
			'changed',
			'version_conflict'
		]);
		expect(rejected.outcomes[1]).toMatchObject({
			kpi: 'ARCH-ERSCHL',
			before: {
				value: 81.2,
				comment: 'im Raster korrigiert',
				state: 'draft',
				version: erschl.version + 1
			}
		});
		expect(body.detail).toMatch(/geändert/);
		// Nothing was written: the controller's value stands, the other row too.
		expect(await storedRow('ARCH-ERSCHL')).toMatchObject({ value: 81.2 });
		expect((await storedRow('ARCH-MAGAZIN'))!.value).toBe(magazin.value);
		expect(await measurementCount()).toBe(count);

		// Claiming "no value yet" (version 0) where one exists is a conflict as well.
		const zero = await call('PUT', valuesPath(), {
			token: writeToken,
			json: { values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 12, version: 0 }] }
		});
		expectProblem(zero, 409, 'version_conflict');

		// With the version read now, the delivery goes through and tells the new versions.
		const fresh = await call('PUT', valuesPath(), {
			token: writeToken,
			json: {
				values: [
					{
						kpi: 'ARCH-ERSCHL',
						...Q3,
						value: 70.1,
						comment: 'aus dem Fachverfahren',
						version: erschl.version + 1
					}
				]
			}
		});
		expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
		expect(deliveryResultSchema.parse(fresh.body).outcomes[0]).toMatchObject({
			kind: 'changed',
			before: { version: erschl.version + 1 },
			after: { value: 70.1, version: erschl.version + 2 }
		});
		expect((await storedRow('ARCH-ERSCHL'))!.version).toBe(erschl.version + 2);
	});

	it('honours If-Match with the ETag of GET /values: 412 once anything changed since', async () => {
		const first = await call('GET', valuesPath(), { token: readToken });
		const etag = first.headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+"$/);
		// The same state gives the same tag, also for a narrowed read.
		expect((await call('GET', valuesPath(), { token: readToken })).headers.get('etag')).toBe(etag);
		const put = (ifMatch: string, value: number) =>
			call('PUT', valuesPath(), {
				token: writeToken,
				headers: { 'if-match': ifMatch },
				json: { values: [{ kpi: 'ARCH-MAGAZIN', ...Q3, value }] }
			});
		const before = (await storedRow('ARCH-MAGAZIN'))!.value;

		await gridSave('ARCH-ERSCHL', 70.2, 'aus dem Fachverfahren');
		const stale = await put(etag!, 93);
		expectProblem(stale, 412, 'precondition_failed');
		expect((await storedRow('ARCH-MAGAZIN'))!.value).toBe(before);
		expectProblem(await put('"nonsense"', 93), 412, 'precondition_failed');

		const current = (await call('GET', valuesPath(), { token: readToken })).headers.get('etag')!;
		expect(current).not.toBe(etag);
		const ok = await put(current, 93);
		expect(ok.status, JSON.stringify(ok.body)).toBe(200);
		expect((await storedRow('ARCH-MAGAZIN'))!.value).toBe(93);
		// The answer carries the tag of the values now, ready for the next conditional delivery.
		const after = (await call('GET', valuesPath(), { token: readToken })).headers.get('etag');
		expect(ok.headers.get('etag')).toBe(after);
		expect((await put(`"x", ${after}`, 94)).status).toBe(200);
		expect((await put('*', 94)).status).toBe(200);
	});

	it('keeps the stored comment when a delivery omits it; null or "" clears it', async () => {
		await gridSave('ARCH-ERSCHL', 95, 'Erläuterung der Fachabteilung');
		const deliver = (row: Record<string, unknown>) =>
			call('PUT', valuesPath(), {
				token: writeToken,
				json: { values: [{ kpi: 'ARCH-ERSCHL', ...Q3, ...row }] }
			});
		const omitted = await deliver({ value: 95.1 });
		expect(omitted.status, JSON.stringify(omitted.body)).toBe(200);
		expect(deliveryResultSchema.parse(omitted.body).outcomes[0]!.after).toMatchObject({
			value: 95.1,
			comment: 'Erläuterung der Fachabteilung'
		});
		expect(await storedRow('ARCH-ERSCHL')).toMatchObject({
			value: 95.1,
			comment: 'Erläuterung der Fachabteilung'
		});
		// Omitting it on the same value changes nothing at all.
		expect(((await deliver({ value: 95.1 })).body as { counts: object }).counts).toMatchObject({
			unchanged: 1
		});

		expect((await deliver({ value: 95.1, comment: null })).status).toBe(200);
		expect((await storedRow('ARCH-ERSCHL'))!.comment).toBe('');
		expect((await deliver({ value: 95.1, comment: 'wieder da' })).status).toBe(200);
		expect((await deliver({ value: 95.1, comment: '' })).status).toBe(200);
		expect((await storedRow('ARCH-ERSCHL'))!.comment).toBe('');
	});

	it('refuses a value with more decimals than the KPI shows, instead of storing 89.5 shown as 90', async () => {
		const magazin = (await storedRow('ARCH-MAGAZIN'))!;
		const erschl = (await storedRow('ARCH-ERSCHL'))!;
		const deliver = (row: Record<string, unknown>) =>
			call('PUT', valuesPath(), { token: writeToken, json: { values: [{ ...Q3, ...row }] } });
		// ARCH-MAGAZIN is shown without decimals, ARCH-ERSCHL with one.
		const whole = await deliver({ kpi: 'ARCH-MAGAZIN', value: 89.5 });
		expectProblem(whole, 422, 'delivery_rejected');
		const wholeRow = deliveryRejectedSchema.parse(whole.body).outcomes[0]!;
		expect(wholeRow.error).toMatchObject({ code: 'too_many_decimals' });
		expect(wholeRow.error!.message).toContain('ohne Nachkommastellen');
		const one = await deliver({ kpi: 'ARCH-ERSCHL', value: 95.25, comment: 'zwei Stellen' });
		expectProblem(one, 422, 'delivery_rejected');
		const oneRow = deliveryRejectedSchema.parse(one.body).outcomes[0]!;
		expect(oneRow.error).toMatchObject({ code: 'too_many_decimals' });
		expect(oneRow.error!.message).toContain('1 Nachkommastelle');
		expect(await storedRow('ARCH-MAGAZIN')).toEqual(magazin);
		expect(await storedRow('ARCH-ERSCHL')).toEqual(erschl);

		// As many decimals as the KPI has (trailing zeros do not count) are fine.
		const ok = await call('PUT', valuesPath(), {
			token: writeToken,
			json: {
				values: [
					{ kpi: 'ARCH-MAGAZIN', ...Q3, value: 89.0 },
					{ kpi: 'ARCH-ERSCHL', ...Q3, value: 95.2 }
				]
			}
		});
		expect(ok.status, JSON.stringify(ok.body)).toBe(200);
		expect((await storedRow('ARCH-MAGAZIN'))!.value).toBe(89);
	});

	// ------------------------------------------------------------ issue 14, point 8

	it('answers every error as RFC 9457 problem details with a documented type', async () => {
		const anonymous = await call('GET', valuesPath());
		expect(expectProblem(anonymous, 401, 'token_missing')).not.toHaveProperty('errors');

		const invalid = await call('PUT', valuesPath(), {
			token: writeToken,
			json: { values: [{ kpi: 'ARCH-MAGAZIN', year: '2026', quarter: 3, value: 1 }] }
		});
		const body = expectProblem(invalid, 422, 'invalid_request');
		expect(body.errors).toEqual([
			{ pointer: '#/values/0/year', code: 'invalid_type', detail: expect.stringMatching(/Zahl/) }
		]);
		const query = expectProblem(
			await call('GET', `${valuesPath()}?year=zwanzig`, { token: readToken }),
			400,
			'invalid_query'
		);
		expect(query.errors).toEqual([
			{ parameter: 'year', code: 'invalid_type', detail: expect.any(String) }
		]);
		expectProblem(
			await call('DELETE', valuesPath(), { token: writeToken }),
			405,
			'method_not_allowed'
		);
		expectProblem(await call('GET', '/api/v1/nothing'), 404, 'not_found');
		const english = expectProblem(await call('GET', '/en' + valuesPath()), 401, 'token_missing');
		expect(english.detail).toMatch(/^No API token given/);

		// The type resolves to a description of the problem, in JSON, without a token.
		const type = await call('GET', '/api/v1/problems/version_conflict');
		expect(type.status).toBe(200);
		expect(type.body).toMatchObject({ code: 'version_conflict', status: 409 });
		expectProblem(await call('GET', '/api/v1/problems/gibtsnicht'), 404, 'not_found');
	});

	it('documents every operation with an operationId and its 405 and 415 answers, without integer artefacts', async () => {
		const doc = (await call('GET', '/api/v1/openapi.json')).body as {
			paths: Record<string, Record<string, OpenApiOperation>>;
		};
		const ids: string[] = [];
		for (const [path, operations] of Object.entries(doc.paths)) {
			for (const [method, operation] of Object.entries(operations)) {
				expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
				ids.push(operation.operationId!);
				expect(Object.keys(operation.responses), `${method} ${path}`).toContain('405');
				if (operation.requestBody)
					expect(Object.keys(operation.responses), `${method} ${path}`).toContain('415');
			}
		}
		expect(new Set(ids).size).toBe(ids.length);
		expect(JSON.stringify(doc)).not.toMatch(/9007199254740991/);
		expect(JSON.stringify(doc)).toContain('application/problem+json');
	});
});
