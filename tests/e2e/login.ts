import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { expect, test, type Cookie, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-Ring-2026!';
export const demo = {
	admin: 'admin@demo.ikz-nrw.de',
	observer: 'staedtetag@demo.ikz-nrw.de',
	leadershipKoeln: 'ob.koeln@demo.ikz-nrw.de',
	controllerKoeln: 'controlling.koeln@demo.ikz-nrw.de',
	approverKoeln: 'freigabe.koeln@demo.ikz-nrw.de',
	controllerDuesseldorf: 'controlling.duesseldorf@demo.ikz-nrw.de',
	fieldLeadD115: 'feldleitung.d115@demo.ikz-nrw.de'
};

export interface LoginOptions {
	/**
	 * Through the form with a session of its own: for tests of the login itself, and for every
	 * test that logs out or ends sessions, so that it never ends the session other tests share.
	 */
	viaForm?: boolean;
}

/*
 * Sessions shared within a run: the first login of an account on a server goes through the form
 * and saves its session cookie; later tests of the run add that cookie to their context instead of
 * rendering the login page and verifying the password (argon2id) again. One file per server, as
 * the servers have databases of their own; the run id (playwright.config.ts) marks which run wrote
 * it, since a new run starts on fresh databases where the old sessions do not exist.
 */
const SESSION_COOKIE = 'ikz_session';
const sessionFile = (port: string) => `tmp/e2e-sessions-${port}.json`;
const serverPort = () => new URL(test.info().project.use.baseURL!).port;

function savedSessions(port: string): Record<string, Cookie> {
	try {
		const saved = JSON.parse(readFileSync(sessionFile(port), 'utf8')) as {
			run: string;
			cookies: Record<string, Cookie>;
		};
		return saved.run === process.env.E2E_RUN ? saved.cookies : {};
	} catch {
		return {};
	}
}

/** Written to a file of its own and renamed: the two workers read it at any moment. */
function saveSessions(port: string, cookies: Record<string, Cookie>) {
	mkdirSync('tmp', { recursive: true });
	const file = sessionFile(port);
	const partial = `${file}.${process.pid}`;
	writeFileSync(partial, JSON.stringify({ run: process.env.E2E_RUN, cookies }));
	renameSync(partial, file);
}

/** Fully logged in: the shell names the person, and no step of the login is still open. */
async function isLoggedIn(page: Page) {
	const { pathname } = new URL(page.url());
	if (/^(\/en)?\/(login|account\/2fa)(\/|$)/.test(pathname)) return false;
	return page.getByText(/Angemeldet als|Logged in as/).isVisible();
}

/** Saves the context's session for later logins of `email` on this server. */
export async function saveSession(page: Page, email: string) {
	if (!(await isLoggedIn(page))) return;
	const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
	if (!cookie) return;
	const port = serverPort();
	saveSessions(port, { ...savedSessions(port), [email]: cookie });
}

/**
 * Continues the session saved for `email` on this server, on the landing page (where a login
 * ends). False if there is none, or if the server has ended it since (a logout, a password
 * change, 2FA turned on): then the caller logs in through the form.
 */
export async function reuseSession(page: Page, email: string) {
	const cookie = savedSessions(serverPort())[email];
	if (!cookie) return false;
	await page.context().addCookies([cookie]);
	await page.goto('/');
	if (await isLoggedIn(page)) return true;
	await page.context().clearCookies({ name: SESSION_COOKIE });
	return false;
}

/** Logs in through the form, as a person would (or continues a session saved in this run). */
export async function loginAs(page: Page, email: string, options: LoginOptions = {}) {
	if (!options.viaForm && (await reuseSession(page, email))) return;
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
	if (!options.viaForm) await saveSession(page, email);
}
