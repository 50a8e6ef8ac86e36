import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// PW_PORT lets a developer run a second browser-test run beside the default one. Each project
// has a server and demo database of its own (ports PW_PORT to PW_PORT + 3), so the projects that
// change shared demo accounts run at the same time as the read-only one instead of after it.
const port = Number(process.env.PW_PORT ?? 4173);
const servers = { readOnly: port, stateful: port + 1, hostile: port + 2, twoFactor: port + 3 };
const originOf = (p: number) => `http://127.0.0.1:${p}`;
// Runs on another port keep their results apart (the summary reads the default run's JSON).
const results = port === 4173 ? 'test-results' : `test-results/port-${port}`;
// Debian's Chromium where it exists (this machine cannot download Playwright's own build): its
// headless shell (package chromium-headless-shell, the same Blink that Playwright itself runs
// headless by default) uses about 40 % less CPU per test than the full browser in headless mode
// on the 2 CI cores; the full browser where the shell is not installed (decision 0044).
const systemChromium = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find(
	(path) => existsSync(path)
);
// One id per run (workers inherit it): the servers seed the demo once per run and copy it
// (scripts/e2e-server.sh).
process.env.E2E_RUN ??= `${Date.now().toString(36)}_${process.pid}`;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `${results}/e2e`,
	fullyParallel: true,
	workers: 2,
	// A minute per test, not Playwright's 30 s: on the shared 2-core CI machine a long journey
	// (entry conflict, import round trip) took 30–33 s under load and failed on time alone. A
	// passing test costs nothing more; only a hanging one waits longer before it fails.
	timeout: 60_000,
	// A retry in CI for the read-only tests only: a stateful test retried on its server starts from
	// the data its first attempt changed, so its retry proves nothing and fails for the wrong reason.
	retries: process.env.CI ? 1 : 0,
	reporter: [['list'], ['json', { outputFile: `${results}/playwright.json` }]],
	use: {
		locale: 'de-DE',
		// A failed test keeps its trace (actions, DOM snapshots, network), but without the
		// screencast: recording a screenshot per frame for every passing test cost about a fifth of
		// the suite's CPU (decision 0044).
		trace: { mode: 'retain-on-failure', screenshots: false },
		launchOptions: systemChromium
			? {
					executablePath: systemChromium,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync'
					]
				}
			: {}
	},
	projects: [
		// Random writes into every form would disturb the other stateful tests: a server of its own.
		// First, as the longest tests, so they do not end the run alone.
		{
			name: 'chromium-hostile',
			retries: 0,
			testMatch: /hostile-forms-http\.stateful\.spec\.ts$/,
			use: { ...devices['Desktop Chrome'], baseURL: originOf(servers.hostile) }
		},
		{
			name: 'chromium',
			testIgnore: /\.stateful\.spec\.ts$/,
			use: { ...devices['Desktop Chrome'], baseURL: originOf(servers.readOnly) }
		},
		// Tests that change a shared demo account (e.g. turn on 2FA): a server of their own.
		{
			name: 'chromium-stateful',
			retries: 0,
			testMatch: /\.stateful\.spec\.ts$/,
			testIgnore: /hostile-forms-http|twofa/,
			use: { ...devices['Desktop Chrome'], baseURL: originOf(servers.stateful) }
		},
		// Turning on the field lead's 2FA sends every other session of that account to the code
		// page, and several stateful specs log the field lead in: a server of its own.
		{
			name: 'chromium-2fa',
			retries: 0,
			testMatch: /twofa\.stateful\.spec\.ts$/,
			use: { ...devices['Desktop Chrome'], baseURL: originOf(servers.twoFactor) }
		}
	],
	// Fresh demo data per server: an embedded data folder, or a database of its own on the
	// PostgreSQL server in DATABASE_URL (scripts/e2e-server.sh).
	webServer: Object.values(servers).map((p) => ({
		command: 'bash scripts/e2e-server.sh',
		url: originOf(p),
		timeout: 180_000,
		reuseExistingServer: false,
		env: { PORT: String(p), HOST: '127.0.0.1', ORIGIN: originOf(p), DATA_DIR: `tmp/e2e-data-${p}` }
	}))
});
