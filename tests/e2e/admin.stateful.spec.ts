import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo, loginAs } from './login';
import { loginWithSecondFactor, rememberTotpSecret } from './second-factor';

/**
 * The admin must turn on 2FA before anything else, then manages accounts and reads the audit
 * log. Stateful (turns on the admin's 2FA), so it runs after all other browser tests; serial,
 * because the second test logs the admin in with the key the first one enrolled.
 */
test.describe.configure({ mode: 'serial' });

test('the admin enrols 2FA, creates an account and finds it in the audit log', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(demo.admin);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).toHaveURL(/\/account\/2fa/);

	const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
	await page.getByLabel('Code').fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
	await page.getByRole('button', { name: 'Bestätigen und einschalten' }).click();
	await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
	// The next test of this spec logs the admin in again on this server.
	rememberTotpSecret(page, demo.admin, secret);

	await page.getByRole('link', { name: 'Verwaltung' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Benutzerverwaltung' })).toBeVisible();
	await expect(page.getByText(demo.controllerKoeln)).toBeVisible();
	// The browser tests run without SMTP: the administrator is told mail is off, and why.
	await expect(page.getByTestId('mail-status')).toHaveText(
		/E-Mail ist aus: SMTP_URL ist nicht gesetzt/
	);
	await expectAccessible(page);

	// Issue 17: the list says in words who has a second factor and when each person last logged
	// in; the admin has just done both.
	const adminRow = page.getByRole('row').filter({ hasText: demo.admin });
	await expect(adminRow.getByRole('cell').nth(2)).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
	// The name is the row header; the cells are e-mail, status, last login, second factor, roles.
	await expect(adminRow.getByRole('cell').nth(3)).toHaveText('eingerichtet');

	// The search is a plain GET form: it works without JavaScript and can be linked to.
	const noScript = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState()
	});
	const plain = await noScript.newPage();
	await plain.goto(new URL('/admin/users', page.url()).href);
	await plain.getByLabel('Suchen nach Name, E-Mail-Adresse oder Stadt').fill('Düsseldorf');
	await plain.getByRole('button', { name: 'Suchen', exact: true }).click();
	await expect(plain).toHaveURL(/\/admin\/users\?q=D%C3%BCsseldorf$/);
	const found = plain.locator('table.admin-users tbody tr');
	await expect(found.first()).toBeVisible();
	for (const row of await found.all()) await expect(row).toContainText('Düsseldorf');
	await expect(plain.getByText(demo.controllerKoeln)).toHaveCount(0);
	await plain.getByLabel('Suchen nach Name, E-Mail-Adresse oder Stadt').fill('niemand-hier');
	await plain.getByRole('button', { name: 'Suchen', exact: true }).click();
	await expect(plain.getByRole('status')).toHaveText('Niemand gefunden für „niemand-hier“.');
	await noScript.close();

	// A common password is refused with a message next to the field, nothing is created.
	const email = 'neu.controlling@hamm.example';
	await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
	await page.getByLabel('Anzeigename').fill('Neues Controlling Hamm');
	await page.getByLabel('Anfangspasswort (optional)').fill('passwort1234');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.locator('[aria-invalid="true"]')).toHaveCount(1);
	await expectAccessible(page);

	await page.getByLabel('Anfangspasswort (optional)').fill('Interkommunal-Hamm-2026');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(
		page.getByRole('cell', { name: email }).or(page.getByText(email)).first()
	).toBeVisible();

	// Set-password links (issue 14.14): a newer link replaces the older one, and a link that has
	// set the password is used up. The person opens them in a browser of their own.
	await page.getByRole('link', { name: 'Neues Controlling Hamm' }).click();
	const shownLink = page.getByTestId('set-password-link');
	await page.getByRole('button', { name: 'Neuen Link erzeugen' }).click();
	await expect(shownLink).toBeVisible();
	const firstLink = (await shownLink.textContent())!.trim();
	await page.getByRole('button', { name: 'Neuen Link erzeugen' }).click();
	await expect(shownLink).not.toHaveText(firstLink);
	const secondLink = (await shownLink.textContent())!.trim();
	const person = await (await page.context().browser()!.newContext()).newPage();
	await person.goto(firstLink);
	await expect(person.getByRole('alert')).toContainText('Dieser Link gilt nicht mehr');
	await expect(person.getByLabel('Neues Passwort')).toHaveCount(0);
	await person.goto(secondLink);
	await person.getByLabel('Neues Passwort').fill('Ein neuer Satz für Hamm 2026');
	await person.getByLabel('Passwort wiederholen').fill('Ein neuer Satz für Hamm 2026');
	await person.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(person.getByRole('status')).toHaveText(
		'Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.'
	);
	await person.goto(secondLink);
	await expect(person.getByRole('alert')).toContainText('bereits verwendet');
	await person.context().close();

	await page.getByRole('link', { name: 'Protokoll' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Protokoll' })).toBeVisible();
	await expect(page.getByText('user.create').first()).toBeVisible();
	await expectAccessible(page);

	// The admin row of the permission matrix: every area open, but no city's unreleased values.
	for (const path of [
		'/',
		'/cities/koeln',
		'/fields',
		'/account',
		'/admin/users',
		'/admin/peer-groups',
		'/audit'
	]) {
		expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
	}
	for (const city of ['koeln', 'muenster']) {
		for (const field of ['archivierung', 'kfz-zulassungswesen']) {
			const body = await (await page.request.get(`/cities/${city}/${field}/__data.json`)).text();
			expect(body, `${city}/${field}`).toContain('"nodes"');
			expect(body, `admin sees unreleased values of ${city}/${field}`).not.toMatch(
				/"(draft|submitted)"/
			);
		}
	}

	// Comparison groups: defined by the admin, offered in the city comparison.
	await page.goto('/admin/users');
	await page.getByRole('link', { name: /Vergleichsgruppen/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Vergleichsgruppen' })).toBeVisible();

	await page.getByLabel('Name (deutsch)').fill('Rheinschiene');
	await page.getByLabel('Name (englisch)').fill('Rhine corridor');
	await page.getByLabel('Kurzname für Links').fill('rheinschiene');
	await page.getByRole('checkbox', { name: 'Köln' }).check();
	await page.getByRole('button', { name: 'Vergleichsgruppe anlegen' }).click();
	await expect(
		page.getByText('Eine Vergleichsgruppe braucht mindestens zwei Städte.')
	).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('checkbox', { name: 'Düsseldorf' }).check();
	await page.getByRole('button', { name: 'Vergleichsgruppe anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Vergleichsgruppe bearbeiten: Rheinschiene'
	);
	await expect(page.getByRole('status')).toHaveText('Die Vergleichsgruppe ist gespeichert.');
	await expectAccessible(page);

	await page.goto(
		'/compare?field=service-center-d115&kpi=D115-ELQ&period=2026-Q2&group=rheinschiene'
	);
	// Only the two members: Köln and Düsseldorf, in the table or among those without a value.
	await expect(page.locator('.comparison')).toContainText('Düsseldorf');
	await expect(page.locator('.comparison')).not.toContainText('Essen');
	await expect(page.getByLabel('Vergleichsgruppe')).toHaveValue('rheinschiene');

	// The admin pages in English, each with axe: lists, one account, one group, a refused form.
	await page.goto('/en/admin/users');
	await expect(page.getByRole('heading', { level: 1, name: 'User management' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Neues Controlling Hamm' }).click();
	await expect(page).toHaveURL(/\/en\/admin\/users\/\d+/);
	await expectAccessible(page);
	await page.goto('/en/admin/peer-groups');
	await expectAccessible(page);
	await page.goto('/en/admin/peer-groups/rheinschiene');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		/Rhine corridor|Rheinschiene/
	);
	await page.getByRole('checkbox', { name: 'Düsseldorf' }).uncheck();
	await page.getByRole('button', { name: /save/i }).click();
	await expect(page.locator('[aria-invalid="true"], .field-error').first()).toBeVisible();
	await expectAccessible(page);
	await page.goto('/en/audit');
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
	await expectAccessible(page);
});

test('the audit log hides what a city wrote about its unreleased values from the admin', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const run = Date.now();
	// A value in days with one decimal, distinct per run: it appears nowhere else in the log.
	const typed = `${100 + (run % 800)},7`;
	const stored = typed.replace(',', '.');
	const comment = `Entwurf vor der Freigabe (${run})`;
	const draftFactor = `Sonderauswertung im Entwurf (${run})`;
	const releasedFactor = `Freigegebener Wert, erläutert (${run})`;

	// Düsseldorf's controller saves a draft (Q3/2026 of Archivierung is a draft in the demo) and
	// records an influencing factor on it and one on a value released long ago.
	const controller = await (await browser.newContext()).newPage();
	await loginAs(controller, demo.controllerDuesseldorf);
	await controller.goto('/cities/duesseldorf/archivierung/entry');
	const row = controller.locator('tbody tr', { hasText: 'ARCH-ANFR-DAUER' });
	await row.locator('input[data-entry-value]').fill(typed);
	await row.locator('.comment-input').fill(comment);
	await controller.getByRole('button', { name: 'Als Entwurf speichern' }).click();
	await expect(controller.getByRole('status').filter({ hasText: 'Gespeichert' })).toContainText(
		'1 Werte geändert'
	);
	for (const [quarter, text] of [
		['2026-Q3', draftFactor],
		['2024-Q4', releasedFactor]
	] as const) {
		await controller.goto(
			`/cities/duesseldorf/archivierung?kpi=ARCH-ANFR-DAUER&quarter=${quarter}`
		);
		const exchange = controller.locator('#exchange');
		await exchange.getByText('Einflussfaktor erfassen').click();
		await exchange
			.getByRole('combobox', { name: 'Faktor' })
			.selectOption({ label: 'Einmaleffekt' });
		await exchange.getByRole('textbox', { name: /^Erläuterung/ }).fill(text);
		await exchange.getByRole('textbox', { name: /^Geschätzte Wirkung/ }).fill('ca. +3 Tage');
		await exchange.getByRole('button', { name: 'Einflussfaktor speichern' }).click();
		await expect(controller.getByRole('status')).toHaveText('Einflussfaktor gespeichert.');
	}
	await controller.close();

	await loginWithSecondFactor(page, demo.admin);
	const query = `?email=${encodeURIComponent(demo.controllerDuesseldorf)}`;
	await page.goto(`/audit${query}&action=measurement.save`);
	// The entry is there, who and when, but the draft's value and comment are not.
	const saved = page.locator('tbody tr', { hasText: 'measurement.save' }).first();
	await expect(saved).toContainText('value: verborgen (nicht freigegeben)');
	await expect(saved).toContainText('comment: verborgen (nicht freigegeben)');
	await expect(saved).not.toContainText(stored);
	await expect(page.locator('main')).not.toContainText(comment);
	await expectAccessible(page);

	await page.goto(`/audit${query}&action=value_factor`);
	const factors = page.locator('tbody tr', { hasText: 'value_factor.create' });
	await expect(factors.first()).toBeVisible();
	await expect(page.locator('main')).not.toContainText(draftFactor);
	await expect(
		factors.filter({ hasText: 'explanation: verborgen (nicht freigegeben)' })
	).not.toHaveCount(0);
	// About a released value, the explanation was public when it was written: it stays readable.
	await expect(page.locator('main')).toContainText(releasedFactor);

	// Nor does the page's data, which the browser could read without rendering it.
	for (const action of ['measurement.save', 'value_factor']) {
		const data = await page.request.get(`/audit/__data.json${query}&action=${action}`);
		expect(data.status()).toBe(200);
		const body = await data.text();
		expect(body).toContain('verborgen (nicht freigegeben)');
		for (const secret of [comment, draftFactor, `value: ${stored}`])
			expect(body, action).not.toContain(secret);
	}
});

test('the admin adds a municipality from the official directory to the ring', async ({ page }) => {
	test.setTimeout(180_000);
	await loginWithSecondFactor(page, demo.admin);
	// Outside the ring, Ahaus is in no list.
	await page.goto('/cities');
	await expect(page.locator('main')).not.toContainText('Ahaus');

	await page.goto('/admin/users');
	await page.getByRole('link', { name: 'Gemeindeverzeichnis' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Gemeindeverzeichnis' })).toBeVisible();
	await page.getByLabel('Name oder AGS').fill('05554004');
	await page.getByRole('button', { name: 'Suchen' }).click();
	const row = page.getByRole('row', { name: /Ahaus/ });
	await expect(row).toContainText('Borken');
	await expect(row).toContainText('39.443');
	await row.getByRole('link', { name: 'Ahaus aufnehmen …' }).click();
	await expect(page.getByRole('heading', { name: 'Ahaus in den Ring aufnehmen' })).toBeVisible();
	await expectAccessible(page);

	const controller = page.getByRole('group', { name: 'Erstes Konto: Controlling' });
	await controller.getByLabel('Anzeigename').fill('Controlling Ahaus');
	await controller.getByLabel('E-Mail-Adresse').fill('controlling@ahaus.example');
	await page.getByRole('button', { name: 'In den Ring aufnehmen' }).click();
	await expect(
		page.getByRole('heading', {
			name: 'Ahaus ist jetzt Mitglied des Rings (10 Scorecards aus den Vorlagen).'
		})
	).toBeVisible();
	await expect(page.getByTestId('set-password-link')).toContainText('/set-password/');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Zur Seite von Ahaus' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Ahaus/ })).toBeVisible();
	await page.goto('/cities');
	await expect(page.locator('main')).toContainText('Ahaus');

	// In English, the directory marks it as a member now.
	await page.goto('/en/admin/directory?q=Ahaus');
	await expect(page.getByRole('heading', { level: 1, name: 'Municipal directory' })).toBeVisible();
	await expect(
		page.getByRole('row', { name: /Ahaus/ }).getByRole('link', { name: 'Member – open city page' })
	).toBeVisible();
	await expectAccessible(page);

	// A population file: the dry run names the refused row and its reason and writes nothing.
	await page.goto('/admin/directory/populations');
	await page.getByLabel('CSV-Datei').setInputFiles({
		name: 'einwohner.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'ags,name,kreis,regierungsbezirk,einwohner_zensus_2022\n' +
				'05315000,Köln,kreisfrei,Köln,1017979\n' +
				'05314000,Bonn,Rhein-Sieg-Kreis,Köln,321544\n'
		)
	});
	await page.getByLabel('Stichtag').fill('2022-05-15');
	await page.getByLabel('Quelle').fill('IT.NRW, Korrektur 2024');
	await page.getByRole('button', { name: 'Probelauf' }).click();
	await expect(
		page.getByRole('heading', { name: 'Änderungen: 1 · unverändert: 0 · abgelehnte Zeilen: 1' })
	).toBeVisible();
	await expect(page.getByRole('row', { name: /05314000/ })).toContainText(
		'Kreis weicht vom Verzeichnis ab'
	);
	await expect(page.getByRole('button', { name: 'Änderungen übernehmen' })).toHaveCount(0);
	await expectAccessible(page);
});
