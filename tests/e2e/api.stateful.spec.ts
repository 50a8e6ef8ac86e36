import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

// The demo's open quarter. Köln's only draft field (archivierung) belongs to the entry spec; this
// one takes a released value of a field no other spec changes, reopened by the approver, as a
// correction delivered by a specialist application.
const Q = { year: 2026, quarter: 3 };
const FIELD = 'einkauf-vergabe-beschaffung';

interface ValueRow {
	field: string;
	kpi: string;
	year: number;
	quarter: number;
	value: number;
	comment: string;
	state: string;
	version: number;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The approver reopens the first released value of the field; returns its KPI code. */
async function reopenOneValue(page: Page): Promise<string> {
	await loginAs(page, demo.approverKoeln);
	await page.goto(`/cities/koeln/${FIELD}/entry`);
	const option = page.locator('#reopen-kpi option').first();
	const code = (await option.textContent())!.split(' – ')[0]!.trim();
	await page.getByLabel('Grund der Korrektur').fill('Korrektur kommt per Schnittstelle');
	await page.getByRole('button', { name: 'Wert wieder öffnen' }).click();
	await expect(page.getByText('Der Wert ist wieder als Entwurf offen.')).toBeVisible();
	return code;
}

test('a controller creates a token once, delivers and reads Köln’s values with it, then revokes it', async ({
	page,
	browser,
	request
}) => {
	mkdirSync('tmp/shots', { recursive: true });
	const approver = await browser.newPage();
	const kpi = await reopenOneValue(approver);
	await approver.close();

	await loginAs(page, demo.controllerKoeln);
	await page.getByRole('link', { name: 'Mein Konto' }).click();
	await page
		.getByRole('link', { name: 'API-Tokens für automatische Lieferungen verwalten' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'API-Tokens' })).toBeVisible();
	await expect(page.getByText('Sie haben noch keine API-Tokens angelegt.')).toBeVisible();
	await expectAccessible(page);

	// A missing name is explained at the field; nothing is created.
	await page.getByRole('button', { name: 'Token anlegen' }).click();
	await expect(page.getByText('Bitte geben Sie einen Namen an.')).toBeVisible();
	await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);

	await page.getByLabel('Name', { exact: true }).fill('Lieferung Fachverfahren');
	await expect(page.getByLabel('Stadt')).toHaveValue(/\d+/);
	await page.getByLabel('Lesen und Schreiben').check();
	await page.getByLabel('Gültigkeit in Tagen').fill('30');
	await page.getByRole('button', { name: 'Token anlegen' }).click();

	const shown = page.getByTestId('api-token-value');
	await expect(shown).toHaveText(/^ikz_[a-z2-7]{32}$/);
	const token = (await shown.textContent())!;
	await expect(page.getByText('Es wird nur dieses eine Mal angezeigt')).toBeVisible();
	await expect(page.locator('pre.example')).toContainText(`Bearer ${token}`);
	await expect(page.locator('pre.example')).toContainText('/api/v1/cities/koeln/values');
	const row = page.getByTestId('api-token-row').filter({ hasText: 'Lieferung Fachverfahren' });
	await expect(row).toContainText('Lesen und Schreiben');
	await expect(row).toContainText('Aktiv');
	await expect(row).toContainText('Noch nie');
	await expectAccessible(page);
	await lookShot(page, 'api-tokens-created');

	// Deliver the correction with the token, then read it back.
	const field = FIELD;
	const before = await request.get(
		`/api/v1/cities/koeln/values?field=${field}&year=${Q.year}&quarter=${Q.quarter}`,
		{ headers: bearer(token) }
	);
	const current = ((await before.json()) as { values: ValueRow[] }).values.find(
		(v) => v.kpi === kpi
	)!;
	expect(current).toMatchObject({ state: 'draft' });
	// One more, with no more decimals than the KPI keeps (more would be refused).
	const value = Number((current.value + 1).toFixed(4));
	// With the version read: a change made in between would be refused (409), not overwritten.
	const values = [
		{ field, kpi, ...Q, value, comment: 'Korrektur per API (Test)', version: current.version }
	];
	const put = await request.put('/api/v1/cities/koeln/values', {
		headers: bearer(token),
		data: { values }
	});
	expect(put.status(), await put.text()).toBe(200);
	expect(await put.json()).toMatchObject({
		written: true,
		counts: { error: 0, unchanged: 0 },
		outcomes: [{ line: 1, kind: 'changed', kpi, after: { value } }]
	});
	const read = await request.get(
		`/api/v1/cities/koeln/values?field=${field}&year=${Q.year}&quarter=${Q.quarter}`,
		{ headers: bearer(token) }
	);
	expect(read.status()).toBe(200);
	expect((await read.json()).values).toContainEqual({
		city: 'koeln',
		field,
		kpi,
		...Q,
		value,
		comment: 'Korrektur per API (Test)',
		state: 'draft',
		version: current.version + 1
	});
	// Repeating the delivery changes nothing.
	const again = await request.post('/api/v1/cities/koeln/values', {
		headers: bearer(token),
		data: { values }
	});
	expect(await again.json()).toMatchObject({ written: false, counts: { unchanged: 1 } });

	// Another city is refused, for reading and for writing.
	for (const response of [
		await request.get('/api/v1/cities/duesseldorf/values', { headers: bearer(token) }),
		await request.put('/api/v1/cities/duesseldorf/values', {
			headers: bearer(token),
			data: { values: [{ kpi, ...Q, value: 1 }] }
		})
	]) {
		expect(response.status()).toBe(403);
		expect(await response.json()).toEqual({
			type: '/api/v1/problems/foreign_city',
			title: 'Andere Stadt',
			status: 403,
			detail: 'Dieses API-Token gilt nur für Köln.',
			code: 'foreign_city'
		});
	}
	// Bad input is answered in JSON, never with a server error.
	const bad = await request.put('/api/v1/cities/koeln/values', {
		headers: { ...bearer(token), 'content-type': 'application/json' },
		data: Buffer.from('{"values": [')
	});
	expect(bad.status()).toBe(400);
	expect((await bad.json()).code).toBe('invalid_json');

	// Put the figure back as it was (it stays a draft until released again).
	const restore = await request.put('/api/v1/cities/koeln/values', {
		headers: bearer(token),
		data: { values: [{ field, kpi, ...Q, value: current.value, comment: current.comment }] }
	});
	expect(restore.status(), await restore.text()).toBe(200);

	// The token is shown once: after a reload it is gone, its use is recorded.
	await page.reload();
	await expect(page.getByTestId('api-token-value')).toHaveCount(0);
	await expect(row).not.toContainText('Noch nie');

	await row.getByRole('button', { name: /Widerrufen/ }).click();
	await expect(page.getByText('Das Token „Lieferung Fachverfahren“ ist widerrufen')).toBeVisible();
	await expect(row).toContainText('Widerrufen');
	await expectAccessible(page);
	await lookShot(page, 'api-tokens-revoked');

	const refused = await request.get('/api/v1/cities/koeln/values', { headers: bearer(token) });
	expect(refused.status()).toBe(401);
	expect((await refused.json()).code).toBe('token_revoked');
});

test('a delivery sent as a form or as text is answered 415 in problem details, wherever it comes from', async ({
	page,
	request
}) => {
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto('/account/tokens');
	await page.getByLabel('Name', { exact: true }).fill('Formular-Test');
	await page.getByLabel('Lesen und Schreiben').check();
	await page.getByRole('button', { name: 'Token anlegen' }).click();
	const token = (await page.getByTestId('api-token-value').textContent())!;
	for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
		for (const origin of [undefined, 'https://elsewhere.example']) {
			const response = await request.put('/api/v1/cities/duesseldorf/values', {
				headers: { ...bearer(token), 'content-type': type, ...(origin ? { origin } : {}) },
				data: '{"values": []}'
			});
			expect(response.status(), `${type} from ${origin}`).toBe(415);
			expect(response.headers()['content-type']).toMatch(/^application\/problem\+json/);
			expect(await response.json()).toMatchObject({
				type: '/api/v1/problems/unsupported_media_type',
				title: expect.any(String),
				status: 415,
				detail: expect.stringContaining('application/json'),
				code: 'unsupported_media_type'
			});
		}
	}
	await page
		.getByTestId('api-token-row')
		.filter({ hasText: 'Formular-Test' })
		.getByRole('button', { name: /Widerrufen/ })
		.click();
	await expect(page.getByText('Das Token „Formular-Test“ ist widerrufen')).toBeVisible();
});
