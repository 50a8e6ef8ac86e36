import fc from 'fast-check';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { demo, loginAs } from './login';
import { loginWithSecondFactor } from './second-factor';
import {
	REFUSALS,
	actionsInSource,
	describeBody,
	formFields,
	hostileBody,
	mainText,
	post,
	toLogin,
	type Answer
} from './hostile-http';

/*
 * Hostile input over real HTTP against every form action of the built app: fast-check posts
 * random and malicious bodies (wrong types, 100,000-character strings, NUL, SQL and HTML
 * metacharacters, other cities' ids, broken encodings, SvelteKit's JSON mode) as
 *   (b) a user of another city or without the right and (c) an anonymous visitor: every post is
 *       refused (400/403/404/409/422/… or a redirect to the login) and what the rightful owner
 *       sees afterwards is unchanged;
 *   (a) the rightful user: never a 5xx, and nothing changes in another city or field.
 * Valid random input may change demo data, so this runs after all other browser tests.
 */

/** Fixed for reproducible runs; HOSTILE_SEED=<n> explores other inputs. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261125);
/** Posts per action and role; HOSTILE_RUNS=<n> multiplies them for a longer exploration. */
const SCALE = Number(process.env.HOSTILE_RUNS ?? 1);
const RUNS_INTRUDER = 3 * SCALE;
const RUNS_OWNER = 6 * SCALE;

type Role =
	| 'admin'
	| 'fieldLead'
	| 'controllerKoeln'
	| 'controllerDuesseldorf'
	| 'observer'
	| 'leadershipKoeln'
	| 'approverKoeln'
	| 'anonymous';

/** Who logs in how; the two tests below use disjoint accounts (one ends its other sessions). */
const accounts: Record<Exclude<Role, 'anonymous'>, { email: string; secondFactor?: true }> = {
	admin: { email: demo.admin, secondFactor: true },
	fieldLead: { email: demo.fieldLeadD115, secondFactor: true },
	controllerKoeln: { email: demo.controllerKoeln },
	approverKoeln: { email: demo.approverKoeln },
	controllerDuesseldorf: { email: demo.controllerDuesseldorf },
	observer: { email: demo.observer },
	leadershipKoeln: { email: demo.leadershipKoeln }
};

interface Target {
	route: string;
	actions: string[];
	/** A concrete URL on demo data; `{name}` is filled from the ids found at the start. */
	path: string;
	owner: Role;
	intruder: Role;
	/** Intruders and anonymous visitors must be refused (not so for one's own account or the login). */
	guarded: boolean;
	/**
	 * Actions every logged-in user who sees the target may use (a note in the experience
	 * exchange): no user is an intruder there, only the anonymous visitor.
	 */
	open?: string[];
}

const KOELN = '/cities/koeln/beihilfe';
const D115 = '/fields/service-center-d115';
const city = (route: string, path: string, actions: string[]): Target => ({
	route: `/cities/[city]/[field]${route}`,
	actions,
	path: path.startsWith('{') ? path : `${KOELN}${path}`,
	owner: 'controllerKoeln',
	intruder: 'controllerDuesseldorf',
	guarded: true
});
const field = (route: string, path: string, actions: string[]): Target => ({
	route: `/fields/[field]${route}`,
	actions,
	path: path.startsWith('{') ? path : `${D115}${path}`,
	owner: 'fieldLead',
	intruder: 'controllerKoeln',
	guarded: true
});
const admin = (route: string, path: string, actions: string[]): Target => ({
	route: `/admin${route}`,
	actions,
	path: `/admin${path}`,
	owner: 'admin',
	intruder: 'leadershipKoeln',
	guarded: true
});
const own = (route: string, actions: string[]): Target => ({
	route,
	actions,
	path: route,
	owner: 'observer',
	intruder: 'leadershipKoeln',
	guarded: false
});
const editorActions = [
	'mission',
	'addPerspective',
	'renamePerspective',
	'movePerspective',
	'deletePerspective',
	'addObjective',
	'moveObjective',
	'deleteObjective'
];

const targets: Target[] = [
	own('/account', ['mailPreferences', 'changePassword', 'endSession', 'endOtherSessions']),
	own('/account/2fa', ['enrol', 'disable']),
	own('/account/tokens', ['create', 'revoke']),
	admin('/directory', '/directory', ['join']),
	admin('/directory/populations', '/directory/populations', ['preview', 'commit']),
	admin('/peer-groups', '/peer-groups', ['create']),
	admin('/peer-groups/[slug]', '/peer-groups/ab-500000', ['update', 'delete']),
	admin('/users', '/users', ['create']),
	admin('/users/[id]', '/users/{user}', [
		'assignRole',
		'removeRole',
		'deactivate',
		'reactivate',
		'unlinkSso',
		'passwordLink'
	]),
	{
		...city('', '', ['noteAdd', 'noteEdit', 'noteDelete', 'factorAdd', 'factorRemove']),
		open: ['noteAdd']
	},
	city('/edit', '/edit', [
		...editorActions.slice(0, 1),
		'adoptTemplate',
		...editorActions.slice(1),
		'copyTargets'
	]),
	city('/edit/kpis/[scorecardKpiId]', '{kpi}', ['setTarget', 'clearTarget']),
	city('/edit/objectives/[objectiveId]', '{objective}', [
		'updateObjective',
		'deleteObjective',
		'addSharedKpi',
		'addLocalKpi',
		'setWeight',
		'removeKpi',
		'restoreKpi',
		'addInitiative',
		'updateInitiative',
		'deleteInitiative'
	]),
	city('/entry', '/entry', ['save', 'submit', 'reopen']),
	// Reviewing is the approver's job: the controller is an intruder there like another city.
	{ ...city('/review', '/review', ['return', 'release']), owner: 'approverKoeln' },
	city('/import', '/import', ['upload', 'mapping', 'commit', 'discard']),
	city('/map', '/map', ['addLink', 'removeLink']),
	field('/catalogue/[code]', '{code}', ['save', 'archive', 'restore', 'delete']),
	field('/catalogue/new', '/catalogue/new', ['default']),
	field('/periods', '/periods', ['reminderDays', 'open', 'deadline', 'close', 'reopen']),
	field('/pilots', '/pilots', ['criteria']),
	{
		...field('/pilots/[id]', '{pilot}', [
			'settings',
			'addLine',
			'updateLine',
			'deleteLine',
			'scores',
			'gate',
			'noteAdd',
			'noteEdit',
			'noteDelete'
		]),
		open: ['noteAdd']
	},
	field('/pilots/[id]/edit', '{pilot}/edit', ['default']),
	field('/pilots/new', '/pilots/new', ['default']),
	field('/template', '/template', editorActions),
	field('/template/objectives/[objectiveId]', '{templateObjective}', [
		'updateObjective',
		'deleteObjective',
		'addSharedKpi',
		'setWeight',
		'removeKpi',
		'restoreKpi'
	]),
	// The login steps last: an intruder posting `logout` ends its own session.
	{
		...own('/set-password/[token]', ['default']),
		path: '/set-password/unbekannt',
		owner: 'anonymous',
		intruder: 'leadershipKoeln'
	},
	{ ...own('/login/2fa', ['verify']), owner: 'anonymous', intruder: 'leadershipKoeln' },
	{ ...own('/login', ['login', 'logout']), owner: 'anonymous', intruder: 'leadershipKoeln' }
];

/** Pages of other cities and fields that no write in Köln × Beihilfe or D115 may change. */
const outsiders: [Role, string][] = [
	['controllerDuesseldorf', '/cities/duesseldorf/beihilfe/edit'],
	['controllerDuesseldorf', '/cities/duesseldorf/beihilfe/entry'],
	['controllerDuesseldorf', '{foreignObjective}'],
	['controllerDuesseldorf', '/account/tokens'],
	['controllerDuesseldorf', '/fields/beihilfe/catalogue'],
	['controllerDuesseldorf', '/fields/beihilfe/pilots']
];

test('every form action in src/routes has a hostile-input target', () => {
	const covered = Object.fromEntries(targets.map((t) => [t.route, t.actions]));
	// A new action must be added above, so it cannot escape this test unnoticed.
	expect(covered).toEqual(actionsInSource());
});

async function contexts(browser: Browser, roles: Role[]) {
	const requests = {} as Record<Role, APIRequestContext>;
	for (const role of roles) {
		const context = await browser.newContext();
		if (role !== 'anonymous') {
			const page = await context.newPage();
			const { email, secondFactor } = accounts[role];
			// Sessions of their own: the posts end sessions (logout, ending the other sessions).
			await (secondFactor
				? loginWithSecondFactor(page, email, { viaForm: true })
				: loginAs(page, email, { viaForm: true }));
		}
		requests[role] = context.request;
	}
	return requests;
}

async function html(request: APIRequestContext, path: string) {
	const response = await request.get(path, { maxRedirects: 0 });
	expect(response.status(), `GET ${path}`).toBe(200);
	return response.text();
}

/** The first link on a page whose path matches `pattern` (ids that only the data knows). */
async function link(request: APIRequestContext, from: string, pattern: RegExp) {
	const found = pattern.exec(await html(request, from))?.[0];
	expect(found, `a link ${pattern} on ${from}`).toBeTruthy();
	return found!;
}

/**
 * Phase 1: (b) and (c) on untouched demo data, refused, the owner's page unchanged. Phase 2: (a)
 * the owners, with other cities' ids among the values; the `outside` pages must not change.
 */
async function hostilePosts(
	origin: string,
	as: Record<Role, APIRequestContext>,
	group: Target[],
	ids: Record<string, string>,
	foreignIds: string[],
	outside: [Role, string][]
) {
	const resolve = (path: string) => path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!);
	const problems: string[] = [];
	async function attack(t: Target, action: string, role: Role, fields: [string, string][]) {
		const url = action === 'default' ? resolve(t.path) : `${resolve(t.path)}?/${action}`;
		const mustRefuse = t.guarded && role !== t.owner;
		const check = (a: Answer): string | null => {
			if (a.status >= 500) return `${a.status} ${a.message ?? ''}`;
			if (a.type === 'error' && /internal error/i.test(a.message ?? ''))
				return `unclear message "${a.message}"`;
			if (!mustRefuse) return null;
			if (a.type === 'success') return `not refused: ${a.status}`;
			if (a.type === 'redirect') return toLogin(a.location) ? null : `redirect to ${a.location}`;
			return REFUSALS.includes(a.status) ? null : `refused with ${a.status}`;
		};
		const runs = role === t.owner ? RUNS_OWNER : RUNS_INTRUDER;
		await fc
			.assert(
				fc.asyncProperty(hostileBody(fields, foreignIds), async (body) => {
					const problem = check(await post(as[role], origin, url, body));
					if (problem) problems.push(`${role} POST ${url}: ${problem} — ${describeBody(body)}`);
					return problem === null;
				}),
				{ numRuns: runs, seed: SEED, endOnFailure: true }
			)
			.catch(() => undefined);
	}

	const fieldsOf = new Map<string, [string, string][]>();
	for (const t of group) {
		// The login steps render no form for an anonymous owner (a redirect): random fields only.
		const page = async () =>
			t.owner === 'anonymous'
				? (await as.anonymous.get(resolve(t.path), { maxRedirects: 0 })).text()
				: html(as[t.owner], resolve(t.path));
		const before = await page();
		for (const action of t.actions) {
			const fields = formFields(before, action);
			fieldsOf.set(`${t.route}?/${action}`, fields);
			if (!t.open?.includes(action)) await attack(t, action, t.intruder, fields);
			await attack(t, action, 'anonymous', fields);
		}
		if (t.owner !== 'anonymous' && mainText(await page()) !== mainText(before))
			problems.push(`${resolve(t.path)} changed after posts by ${t.intruder} and anonymous`);
	}

	const snapshot = async () =>
		Promise.all(outside.map(async ([role, path]) => mainText(await html(as[role], resolve(path)))));
	const outsideBefore = await snapshot();
	for (const t of group) {
		for (const action of t.actions) {
			await attack(t, action, t.owner, fieldsOf.get(`${t.route}?/${action}`)!);
		}
	}
	const outsideAfter = await snapshot();
	outside.forEach(([, path], i) => {
		if (outsideAfter[i] !== outsideBefore[i])
			problems.push(`${resolve(path)} (another city or field) changed after the owners’ posts`);
	});
	return problems;
}

const inPlaces = (t: Target) => t.route.startsWith('/cities/') || t.route.startsWith('/fields/');

test('hostile posts to accounts, administration and login: no 5xx, intruders refused', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(420_000 * SCALE);
	const as = await contexts(browser, ['admin', 'observer', 'leadershipKoeln', 'anonymous']);
	const ids: Record<string, string> = {};
	const users = (await html(as.admin, '/admin/users')).matchAll(/\/admin\/users\/(\d+)/g);
	for (const [, id] of users) {
		if ((await html(as.admin, `/admin/users/${id}`)).includes(demo.observer)) ids.user = id!;
	}
	expect(ids.user, 'the observer’s account page').toBeTruthy();
	const foreignIds = [...Object.values(ids), '1', '2', 'koeln', 'ab-500000', demo.admin];
	const problems = await hostilePosts(
		baseURL!,
		as,
		targets.filter((t) => !inPlaces(t)),
		ids,
		foreignIds,
		[]
	);
	expect(problems).toEqual([]);
});

for (const part of ['/cities/', '/fields/'] as const) {
	test(`hostile posts to ${part === '/cities/' ? 'Köln’s scorecard' : 'the D115 field'}: no 5xx, intruders refused, nothing outside changes`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(420_000 * SCALE);
		const as = await contexts(browser, [
			'controllerKoeln',
			'approverKoeln',
			'controllerDuesseldorf',
			'fieldLead',
			'anonymous'
		]);
		// Concrete ids of the demo data, and other cities' / fields' ids to smuggle into the forms.
		const ids: Record<string, string> = {
			objective: await link(
				as.controllerKoeln,
				`${KOELN}/edit`,
				/\/cities\/koeln\/beihilfe\/edit\/objectives\/\d+/
			),
			templateObjective: await link(
				as.fieldLead,
				`${D115}/template`,
				/\/fields\/service-center-d115\/template\/objectives\/\d+/
			),
			pilot: await link(
				as.fieldLead,
				`${D115}/pilots`,
				/\/fields\/service-center-d115\/pilots\/\d+/
			),
			code: await link(
				as.fieldLead,
				`${D115}/catalogue`,
				/\/fields\/service-center-d115\/catalogue\/[A-Z0-9][A-Z0-9-]*/
			),
			foreignObjective: await link(
				as.controllerDuesseldorf,
				'/cities/duesseldorf/beihilfe/edit',
				/\/cities\/duesseldorf\/beihilfe\/edit\/objectives\/\d+/
			)
		};
		ids.kpi = await link(
			as.controllerKoeln,
			ids.objective!,
			/\/cities\/koeln\/beihilfe\/edit\/kpis\/\d+/
		);
		const foreignHtml = [
			await html(as.controllerDuesseldorf, '/cities/duesseldorf/beihilfe/edit'),
			await html(as.controllerDuesseldorf, ids.foreignObjective!),
			await html(as.controllerDuesseldorf, '/fields/beihilfe/catalogue')
		].join('');
		const foreignIds = [
			...new Set([...foreignHtml.matchAll(/(?:value="|\/)(\d{1,9})(?=["/])/g)].map((m) => m[1]!)),
			...[...foreignHtml.matchAll(/\/catalogue\/([A-Z0-9][A-Z0-9-]*)/g)].map((m) => m[1]!)
		].slice(0, 40);
		foreignIds.push('duesseldorf', 'beihilfe', 'archivierung');
		const problems = await hostilePosts(
			baseURL!,
			as,
			targets.filter((t) => t.route.startsWith(part)),
			ids,
			foreignIds,
			outsiders.filter(([, path]) => path.startsWith('/fields/') === (part === '/fields/'))
		);
		expect(problems).toEqual([]);
	});
}
