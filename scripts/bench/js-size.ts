/**
 * npx tsx scripts/bench/js-size.ts — JavaScript shipped per main page, as the browser receives
 * it, gzip-compressed, including chart.js loaded after hydration.
 * Builds nothing: run `npm run build` first. Starts the built app on port 4199 with fresh demo
 * data in tmp/js-size-data, logs in as Köln's leadership and visits the pages. `npm run bench`
 * calls `measureJs` with its own copy of the build and port.
 */
import { spawn, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { chromium, type Response as PlaywrightResponse } from '@playwright/test';
import { chartsDrawn, mainPages } from './main-pages';

export interface JsFigure {
	path: string;
	kb: number;
	files: number;
}

/** JavaScript per page of the build in `buildDir`, served on `port`. */
export async function measureJs(buildDir = 'build', port = 4199): Promise<JsFigure[]> {
	const base = `http://127.0.0.1:${port}`;
	// Fresh embedded demo data, whatever database the caller's environment names.
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATA_DIR: 'tmp/js-size-data',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base
	};
	delete env.DATABASE_URL;
	const figures: JsFigure[] = [];
	rmSync('tmp/js-size-data', { recursive: true, force: true });
	execFileSync('npx', ['tsx', 'scripts/seed.ts', '--demo'], { env, stdio: 'ignore' });
	const server = spawn('node', [buildDir], { env, stdio: 'ignore' });
	try {
		for (let i = 0; i < 60; i++) {
			if (
				await fetch(`${base}/login`).then(
					(r) => r.ok,
					() => false
				)
			)
				break;
			await new Promise((r) => setTimeout(r, 500));
		}
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox']
		});
		const page = await browser.newPage();
		await page.goto(`${base}/login`);
		await page.getByLabel('E-Mail-Adresse').fill('ob.koeln@demo.ikz-nrw.de');
		await page.getByLabel('Passwort').fill('Demo-Ring-2026!');
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await page.waitForURL(`${base}/`);
		for (const path of mainPages) {
			const context = await browser.newContext({
				storageState: await page.context().storageState()
			});
			const tab = await context.newPage();
			const sizes: Promise<number>[] = [];
			// Gzip measured here (level 9, like the adapter's precompression), whatever the browser
			// negotiated. The body is read as the response arrives, while the page is surely open.
			const onResponse = (response: PlaywrightResponse) => {
				if (response.request().resourceType() === 'script')
					sizes.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
			};
			tab.on('response', onResponse);
			await tab.goto(base + path, { waitUntil: 'networkidle' });
			await chartsDrawn(tab);
			tab.off('response', onResponse);
			const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
			figures.push({ path, kb: bytes / 1024, files: sizes.length });
			await context.close();
		}
		await browser.close();
	} finally {
		server.kill('SIGTERM');
	}
	return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	console.log('JavaScript per page (full load incl. lazy chart.js, gzip):');
	for (const f of await measureJs()) {
		console.log(`  ${f.path.padEnd(56)} ${f.kb.toFixed(1).padStart(6)} KB in ${f.files} files`);
	}
}
