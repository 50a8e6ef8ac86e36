/**
 * Single sign-on (issue 19): the whole authorization-code flow in the browser, against a real
 * OpenID provider (oidc-provider) started here and the built app on its own PostgreSQL database.
 * Needs DATABASE_URL (the test provisions accounts while the app runs).
 */
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed/index';
import { createUser } from '../../src/lib/server/auth/users';
import { issueToken } from '../../src/lib/server/admin/password-links';
import { expectAccessible } from './axe';
import { specPort, startApp, stopApp, waitReady, type AppProcess } from './ops-cluster';
import { startTestProvider, type TestProvider } from './sso-provider';

const ADMIN_URL = process.env.DATABASE_URL;
const PORT = { provider: specPort(4491, 20), app: specPort(4492, 21), ssoOnly: specPort(4493, 22) };
const APP = `http://127.0.0.1:${PORT.app}`;
const SSO_ONLY = `http://127.0.0.1:${PORT.ssoOnly}`;
const LOCAL = { email: 'lokal@stadt.example', password: 'Lokal-Passwort-2026!' };
const CLIENT_SECRET = 'sso-test-client-secret-4711';

test.describe.configure({ mode: 'serial' });
test.skip(!ADMIN_URL, 'needs DATABASE_URL: the test provisions accounts beside the running app');

let admin: ReturnType<typeof postgres>;
let sql: ReturnType<typeof postgres>;
let dbName: string;
let databaseUrl: string;
let app: AppProcess;
let ssoOnly: AppProcess | undefined;
let provider: TestProvider;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	provider = await startTestProvider({
		port: PORT.provider,
		clientId: 'scorecard',
		clientSecret: CLIENT_SECRET,
		appOrigins: [APP, SSO_ONLY],
		people: {
			'anna-sub': {
				email: 'anna@stadt.example',
				emailVerified: true,
				name: 'Anna Amt',
				// How the provider says it checked her: password and a one-time code.
				acr: 'urn:ikz-test:loa:substantial',
				amr: ['pwd', 'otp']
			},
			'bernd-sub': { email: 'bernd@stadt.example', emailVerified: true, name: 'Bernd Bau' },
			'fremd-sub': { email: 'fremd@anderswo.example', emailVerified: true, name: 'Frida Fremd' },
			'gesperrt-sub': {
				email: 'gesperrt@stadt.example',
				emailVerified: true,
				name: 'Gerd Gesperrt'
			},
			'ada-sub': {
				email: 'ada@stadt.example',
				emailVerified: true,
				name: 'Ada Admin',
				groups: ['ikz-admins']
			}
		}
	});
	dbName = `ikz_sso_${process.pid}_${Date.now().toString(36)}`;
	admin = postgres(ADMIN_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${dbName}"`);
	const url = new URL(ADMIN_URL!);
	url.pathname = `/${dbName}`;
	databaseUrl = url.toString();
	const handle = await openDatabase({ databaseUrl, poolMax: 2 });
	await handle.migrate();
	await seedDatabase(handle.db, { demo: false });
	// Pre-provisioned by the administrator: no password, only the e-mail the provider knows.
	const observer = [{ role: 'observer' as const, organisationId: null, fieldId: null }];
	for (const [email, displayName] of [
		['anna@stadt.example', 'Anna Amt'],
		['bernd@stadt.example', 'Bernd Bau'],
		['gesperrt@stadt.example', 'Gerd Gesperrt'],
		['ada@stadt.example', 'Ada Admin']
	]) {
		await createUser(handle.db, { email: email!, displayName: displayName!, roles: observer });
	}
	await createUser(handle.db, { ...LOCAL, displayName: 'Lena Lokal', roles: observer });
	await handle.close();
	sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
	await sql`update users set active = false where email = 'gesperrt@stadt.example'`;

	app = startApp(PORT.app, {
		NODE_ENV: 'production',
		DATABASE_URL: url.toString(),
		ORIGIN: APP,
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: 'scorecard',
		OIDC_CLIENT_SECRET: CLIENT_SECRET,
		OIDC_SCOPES: 'openid email profile groups',
		OIDC_GROUPS_CLAIM: 'groups',
		OIDC_GROUP_ROLES: 'ikz-admins=admin'
	});
	await waitReady(app);
});

test.afterAll(async () => {
	if (app) {
		const log = [...app.stdout, ...app.stderr].join('\n');
		// Whatever happened, the client secret never reaches the log.
		expect(log).not.toContain(CLIENT_SECRET);
		await stopApp(app);
	}
	if (ssoOnly) await stopApp(ssoOnly);
	await provider?.close();
	await sql?.end();
	if (admin) {
		await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
		await admin.end();
	}
});

test.beforeEach(async ({ context }) => {
	// The provider's own pages would fetch a web font; there is no internet here.
	await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
});

/** At the provider: its development login form, then its consent page. */
async function signInAtProvider(page: Page, login: string) {
	await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
	await page.locator('input[name="login"]').fill(login);
	await page.locator('input[name="password"]').fill('beliebig');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
}

async function startSso(page: Page) {
	await page.goto(`${APP}/login`);
	await page.getByRole('link', { name: 'Mit Single Sign-on anmelden' }).click();
}

/**
 * Runs the flow up to the provider's redirect back and returns that URL without following it.
 * (Playwright cannot intercept a redirect's follow-up, so the consent form is sent through the
 * page's own request context, which shares the browser's cookies, one redirect at a time.)
 */
async function callbackUrlFor(page: Page, login: string): Promise<string> {
	await startSso(page);
	await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
	await page.locator('input[name="login"]').fill(login);
	await page.locator('input[name="password"]').fill('beliebig');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	const consent = page.locator('form', { has: page.getByRole('button', { name: 'Continue' }) });
	const action = new URL((await consent.getAttribute('action'))!, page.url()).href;
	const fields = await consent.evaluate((form) =>
		Object.fromEntries([...new FormData(form as HTMLFormElement)].map(([k, v]) => [k, String(v)]))
	);
	let response = await page.request.post(action, { form: fields, maxRedirects: 0 });
	for (let hop = 0; hop < 5; hop++) {
		const location = new URL(response.headers()['location']!, response.url()).href;
		if (location.startsWith(`${APP}/login/sso/callback`)) return location;
		response = await page.request.get(location, { maxRedirects: 0 });
	}
	throw new Error('the provider never redirected back to the app');
}

const linkOf = (email: string) =>
	sql<
		{ oidc_issuer: string | null; oidc_subject: string | null }[]
	>`select oidc_issuer, oidc_subject from users where lower(email) = ${email}`;

test('the login page offers single sign-on beside the password form and passes axe', async ({
	page
}) => {
	await page.goto(`${APP}/login`);
	await expect(page.getByRole('link', { name: 'Mit Single Sign-on anmelden' })).toBeVisible();
	await expect(page.getByLabel('Passwort')).toBeVisible();
	await expectAccessible(page);
});

test('a pre-provisioned person is linked by e-mail, then recognised by subject after the e-mail changed', async ({
	page,
	context
}) => {
	await startSso(page);
	await signInAtProvider(page, 'anna-sub');
	await expect(page).toHaveURL(`${APP}/`);
	await expect(page.getByText('Angemeldet als Anna Amt')).toBeVisible();
	expect(await linkOf('anna@stadt.example')).toEqual([
		{ oidc_issuer: provider.issuer, oidc_subject: 'anna-sub' }
	]);
	// The second factor is the provider's business; the app records what the provider said.
	const [session] = await sql<
		{ auth_method: string; two_factor_verified: boolean; acr: string; amr: string }[]
	>`
		select s.auth_method, s.two_factor_verified, s.acr, s.amr from sessions s
		join users u on u.id = s.user_id where u.email = 'anna@stadt.example'`;
	expect(session).toEqual({
		auth_method: 'sso',
		two_factor_verified: true,
		acr: 'urn:ikz-test:loa:substantial',
		amr: 'pwd otp'
	});
	const [audit] = await sql<{ after: string }[]>`
		select a.after from audit_log a join users u on u.id = a.user_id
		where u.email = 'anna@stadt.example' and a.action = 'auth.login'`;
	expect(JSON.parse(audit!.after)).toEqual({
		method: 'sso',
		acr: 'urn:ikz-test:loa:substantial',
		amr: 'pwd otp'
	});

	// The provider's administrator changes Anna's address; the app still knows her by subject.
	provider.people.get('anna-sub')!.email = 'anna.neu@stadt.example';
	await context.clearCookies();
	await startSso(page);
	await signInAtProvider(page, 'anna-sub');
	await expect(page.getByText('Angemeldet als Anna Amt')).toBeVisible();
});

test('a callback with a wrong state is refused', async ({ page }) => {
	const callback = new URL(await callbackUrlFor(page, 'bernd-sub'));
	callback.searchParams.set('state', 'nicht-der-richtige-state');
	await page.goto(callback.href);
	await expect(page).toHaveURL(/\/login\?sso=failed$/);
	await expect(page.getByRole('alert')).toHaveText(
		'Die Anmeldung mit Single Sign-on ist fehlgeschlagen oder abgelaufen. Bitte versuchen Sie es erneut.'
	);
	await expect(page.getByText(/Angemeldet als/)).toHaveCount(0);
	expect(await linkOf('bernd@stadt.example')).toEqual([{ oidc_issuer: null, oidc_subject: null }]);
});

test('a replayed authorization code is refused', async ({ page, context }) => {
	const callback = await callbackUrlFor(page, 'bernd-sub');
	const pending = (await context.cookies()).filter((c) => c.name === 'ikz_sso_pending');
	expect(pending).toHaveLength(1);
	await page.goto(callback);
	await expect(page.getByText('Angemeldet als Bernd Bau')).toBeVisible();

	// Someone who got hold of the callback URL and the browser's pending-login cookie tries
	// again: the provider has already spent the code.
	await context.clearCookies();
	await context.addCookies(pending);
	await page.goto(callback);
	await expect(page).toHaveURL(/\/login\?sso=failed$/);
	await expect(page.getByText(/Angemeldet als/)).toHaveCount(0);
	// The log says why (the provider's invalid_grant), but never the code itself.
	const log = [...app.stdout, ...app.stderr].join('\n');
	expect(log).toContain('invalid_grant');
	expect(log).not.toContain(new URL(callback).searchParams.get('code')!);
});

test('a person the provider knows but the app does not is refused, with a clear message', async ({
	page
}) => {
	await startSso(page);
	await signInAtProvider(page, 'fremd-sub');
	await expect(page).toHaveURL(/\/login\?sso=unknown$/);
	await expect(page.getByRole('alert')).toContainText(
		'für Sie ist in der Scorecard kein Zugang eingerichtet'
	);
	const [counted] = await sql<{ count: number }[]>`
		select count(*)::int as count from users where email = 'fremd@anderswo.example'`;
	expect(counted?.count).toBe(0);
	await expectAccessible(page);
});

test('the refusal speaks the language the person started in', async ({ page }) => {
	await page.goto(`${APP}/en/login`);
	await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
	await signInAtProvider(page, 'fremd-sub');
	await expect(page).toHaveURL(/\/en\/login\?sso=unknown$/);
	await expect(page.getByRole('alert')).toContainText(
		'no access to the scorecard has been set up for you'
	);
});

test('a disabled account is refused', async ({ page }) => {
	await startSso(page);
	await signInAtProvider(page, 'gesperrt-sub');
	await expect(page).toHaveURL(/\/login\?sso=disabled$/);
	await expect(page.getByRole('alert')).toHaveText(
		'Ihr Zugang zur Scorecard ist gesperrt. Bitte wenden Sie sich an die Administration Ihres Rings.'
	);
});

test("an administrator by group needs no local TOTP and can remove an account's SSO link", async ({
	page
}) => {
	await startSso(page);
	await signInAtProvider(page, 'ada-sub');
	// Admin by the provider's group; a password admin would be sent to TOTP enrolment here.
	await expect(page.getByText('Angemeldet als Ada Admin')).toBeVisible();
	await page.goto(`${APP}/admin/users`);
	await expect(page).toHaveURL(`${APP}/admin/users`);
	const [anna] = await sql<
		{ id: number }[]
	>`select id from users where email = 'anna@stadt.example'`;
	await page.goto(`${APP}/admin/users/${anna!.id}`);
	await expect(
		page.getByText('Dieses Konto ist mit einer Person beim Identitätsanbieter verknüpft.')
	).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Verknüpfung lösen' }).click();
	await expect(page.getByText('Die Verknüpfung ist gelöst.')).toBeVisible();
	expect(await linkOf('anna@stadt.example')).toEqual([{ oidc_issuer: null, oidc_subject: null }]);
});

test("logout ends the local session and goes on to the provider's end-session endpoint", async ({
	page,
	context
}) => {
	await startSso(page);
	await signInAtProvider(page, 'bernd-sub');
	await expect(page.getByText('Angemeldet als Bernd Bau')).toBeVisible();

	// The remembered comparison (the app sets it on /compare) leaves with the person.
	await context.addCookies([{ name: 'ikz_compare', value: '1:field=beihilfe', url: APP }]);
	const endSession = page.waitForRequest((r) =>
		r.url().startsWith(`${provider.issuer}/session/end`)
	);
	await page.getByRole('button', { name: 'Abmelden' }).click();
	const request = new URL((await endSession).url());
	expect(request.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}/login`);
	const idToken = request.searchParams.get('id_token_hint');
	expect(idToken).toMatch(/^ey/);
	expect([...app.stdout, ...app.stderr].join('\n')).not.toContain(idToken);

	// Locally logged out already, before the provider has asked anything.
	expect((await context.cookies(APP)).some((c) => c.name === 'ikz_session')).toBe(false);
	expect((await context.cookies(APP)).some((c) => c.name === 'ikz_compare')).toBe(false);
	const [counted] = await sql<{ count: number }[]>`
		select count(*)::int as count from sessions s join users u on u.id = s.user_id
		where u.email = 'bernd@stadt.example'`;
	expect(counted?.count).toBe(0);

	await page.getByRole('button', { name: 'Yes, sign me out' }).click();
	await expect(page).toHaveURL(`${APP}/login`);
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
});

test('with LOCAL_LOGIN=off the password form is gone and a password post is refused', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	const post = (origin: string) =>
		page.request.post(`${origin}/login?/login`, {
			headers: { origin, accept: 'text/html' },
			form: { email: LOCAL.email, password: LOCAL.password, redirectTo: '/' },
			maxRedirects: 0
		});
	// The same post logs in where passwords are on ...
	expect((await post(APP)).status()).toBe(303);
	// Cookies do not tell ports apart: forget that session before visiting the other instance.
	await context.clearCookies();

	ssoOnly = startApp(PORT.ssoOnly, {
		NODE_ENV: 'production',
		DATABASE_URL: databaseUrl,
		ORIGIN: SSO_ONLY,
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: 'scorecard',
		OIDC_CLIENT_SECRET: CLIENT_SECRET,
		OIDC_SCOPES: 'openid email profile groups',
		OIDC_GROUPS_CLAIM: 'groups',
		OIDC_GROUP_ROLES: 'ikz-admins=admin',
		LOCAL_LOGIN: 'off'
	});
	await waitReady(ssoOnly);
	await page.goto(`${SSO_ONLY}/login`);
	await expect(page.getByRole('link', { name: 'Mit Single Sign-on anmelden' })).toBeVisible();
	await expect(page.getByLabel('Passwort')).toHaveCount(0);
	await expectAccessible(page);

	// ... and is refused where they are off, however it is sent.
	const refused = await post(SSO_ONLY);
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain(
		'Die Anmeldung mit Passwort ist in dieser Installation abgeschaltet'
	);
	expect(refused.headers()['set-cookie'] ?? '').not.toContain('ikz_session');
});

test('with LOCAL_LOGIN=off no set-password link is issued or accepted, and no page offers a password', async ({
	page
}) => {
	test.setTimeout(90_000);
	// Needs the instance of the test before (serial). A link issued while passwords were on ...
	const handle = await openDatabase({ databaseUrl, poolMax: 1 });
	const [lena] = await sql<{ id: number }[]>`select id from users where email = ${LOCAL.email}`;
	const token = await issueToken(handle.db, lena!.id, new Date());
	await handle.close();
	const hashOf = async (email: string) =>
		(
			await sql<{ h: string | null }[]>`select password_hash as h from users where email = ${email}`
		)[0]?.h;
	const linksOf = async (email: string) =>
		(
			await sql<{ count: number }[]>`select count(*)::int as count from password_reset_tokens t
				join users u on u.id = t.user_id where u.email = ${email}`
		)[0]?.count;
	const hashBefore = await hashOf(LOCAL.email);

	// ... is not accepted: the page says why, and a post is refused.
	await page.goto(`${SSO_ONLY}/set-password/${token}`);
	await expect(page.getByRole('alert')).toHaveText(
		'In dieser Installation melden Sie sich mit Single Sign-on an, nicht mit einem Passwort. Dieser Link wird deshalb nicht mehr angenommen.'
	);
	await expect(page.locator('input[type="password"]')).toHaveCount(0);
	await expectAccessible(page);
	const posted = await page.request.post(`${SSO_ONLY}/set-password/${token}`, {
		headers: { origin: SSO_ONLY, accept: 'text/html' },
		form: { password: 'Ein-neues-Passwort-2026!', confirm: 'Ein-neues-Passwort-2026!' },
		maxRedirects: 0
	});
	expect(posted.status()).toBe(403);
	expect(await hashOf(LOCAL.email)).toBe(hashBefore);

	// An administrator (by the provider's group) creates an account: no password, no link.
	await page.goto(`${SSO_ONLY}/login`);
	await page.getByRole('link', { name: 'Mit Single Sign-on anmelden' }).click();
	await signInAtProvider(page, 'ada-sub');
	await expect(page.getByText('Angemeldet als Ada Admin')).toBeVisible();
	await page.goto(`${SSO_ONLY}/admin/users`);
	await expect(page.locator('input[type="password"]')).toHaveCount(0);
	await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('nora@stadt.example');
	await page.getByLabel('Anzeigename').fill('Nora Neu');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByRole('status').first()).toContainText(
		'Die Person meldet sich mit Single Sign-on an.'
	);
	await expect(page.getByTestId('set-password-link')).toHaveCount(0);
	expect(await linksOf('nora@stadt.example')).toBe(0);

	// No new link for an existing account either, not even by a hand-made post.
	const linksBefore = await linksOf(LOCAL.email);
	await page.goto(`${SSO_ONLY}/admin/users/${lena!.id}`);
	await expect(page.getByRole('button', { name: 'Neuen Link erzeugen' })).toHaveCount(0);
	const forged = await page.request.post(`${SSO_ONLY}/admin/users/${lena!.id}?/passwordLink`, {
		headers: { origin: SSO_ONLY, accept: 'text/html' },
		form: {},
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	expect(await linksOf(LOCAL.email)).toBe(linksBefore);

	// The account page offers no password change, and says how sign-in works instead.
	await page.goto(`${SSO_ONLY}/account`);
	await expect(page.locator('input[type="password"]')).toHaveCount(0);
	await expect(
		page.getByText(
			'In dieser Installation melden Sie sich mit Single Sign-on an; ein Passwort für die Scorecard gibt es hier nicht.'
		)
	).toBeVisible();
	// Nor a second factor of its own: it would guard a password login that does not exist here.
	await expect(page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' })).toHaveCount(0);
	await expect(
		page.getByText('Den zweiten Faktor prüft Ihr Anmeldedienst beim Single Sign-on.')
	).toBeVisible();
	await page.goto(`${SSO_ONLY}/account/2fa`);
	await expect(page).toHaveURL(`${SSO_ONLY}/account`);
	const enrol = await page.request.post(`${SSO_ONLY}/account/2fa?/enrol`, {
		headers: { origin: SSO_ONLY, accept: 'text/html' },
		form: { secret: 'JBSWY3DPEHPK3PXP', code: '123456' },
		maxRedirects: 0
	});
	expect(enrol.status()).toBe(403);
});
