import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// PW_PORT lets a developer run a second browser-test server beside the default one.
const port = Number(process.env.PW_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
// Runs on another port keep their results apart (the summary reads the default run's JSON).
const results = port === 4173 ? 'test-results' : `test-results/port-${port}`;
// Debian's Chromium where it exists (this machine cannot download Playwright's own build).
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `${results}/e2e`,
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	reporter: [['list'], ['json', { outputFile: `${results}/playwright.json` }]],
	use: {
		baseURL: origin,
		locale: 'de-DE',
		trace: 'retain-on-failure',
		launchOptions: existsSync(systemChromium)
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
		{
			name: 'chromium',
			testIgnore: /\.stateful\.spec\.ts$/,
			use: { ...devices['Desktop Chrome'] }
		},
		// Tests that change a shared demo account (e.g. turn on 2FA) run after all others.
		{
			name: 'chromium-stateful',
			testMatch: /\.stateful\.spec\.ts$/,
			testIgnore: /hostile-forms-http/,
			dependencies: ['chromium'],
			use: { ...devices['Desktop Chrome'] }
		},
		// Random writes into every form would disturb the other stateful tests: it runs last.
		{
			name: 'chromium-hostile',
			testMatch: /hostile-forms-http\.stateful\.spec\.ts$/,
			dependencies: ['chromium-stateful'],
			use: { ...devices['Desktop Chrome'] }
		}
	],
	webServer: {
		// Fresh embedded data folder per run (or the given PostgreSQL database), seeded with demo data.
		command: 'bash scripts/e2e-server.sh',
		url: origin,
		timeout: 120_000,
		reuseExistingServer: false,
		env: { PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATA_DIR: `tmp/e2e-data-${port}` }
	}
});
