import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * The strategy map of Köln's Beihilfe scorecard: the city's controller links two objectives with
 * the keyboard, finds the link in the list and as an arrow in the map, and removes it again.
 * Stateful (changes a scorecard of the demo data), so it runs after the read-only browser tests.
 */
const cause = 'Produktivität der Sachbearbeitung steigern';
const effect = 'Beihilfe zügig und korrekt festsetzen';

async function optionValue(page: Page, label: string) {
	const value = await page
		.getByLabel('Ursache: Ziel, das wirkt')
		.locator('option', { hasText: label })
		.getAttribute('value');
	return value!;
}

test('the Köln controller adds a cause–effect link with the keyboard and removes it', async ({
	page
}) => {
	test.setTimeout(90_000);
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/cities/koeln/beihilfe/map');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategiekarte Köln: Beihilfe');
	const map = page.getByRole('img', { name: /^Strategiekarte Köln: Beihilfe\. Perspektiven: 5/ });
	await expect(map).toBeVisible();
	for (const perspective of ['Auftragserfüllung / Wirkung', 'Finanzen', 'Mitarbeitende']) {
		await expect(page.getByRole('heading', { level: 3, name: perspective })).toBeVisible();
	}
	await expectAccessible(page);

	const fromId = await optionValue(page, cause);
	const toId = await optionValue(page, effect);
	const arrow = map.locator(`path.arrow[data-from="${fromId}"][data-to="${toId}"]`);
	await expect(arrow).toHaveCount(0);
	const arrowsBefore = await map.locator('path.arrow').count();

	// The same objective twice: refused, with the message next to the field.
	const from = page.getByLabel('Ursache: Ziel, das wirkt');
	const to = page.getByLabel('Wirkung: Ziel, auf das es wirkt');
	await from.focus();
	await from.selectOption({ label: cause });
	await page.keyboard.press('Tab');
	await expect(to).toBeFocused();
	await to.selectOption({ label: cause });
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Wirkung eintragen' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('#link-to-error')).toHaveText(
		'Ursache und Wirkung müssen zwei verschiedene Ziele sein.'
	);
	await expect(page.getByLabel('Wirkung: Ziel, auf das es wirkt')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	// The choice survives the round trip.
	await expect(page.getByLabel('Ursache: Ziel, das wirkt')).toHaveValue(fromId);
	await expectAccessible(page);
	await lookShot(page, 'strategy-map-error');

	// Now a real effect.
	const effectSelect = page.getByLabel('Wirkung: Ziel, auf das es wirkt');
	await effectSelect.focus();
	await effectSelect.selectOption({ label: effect });
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Eingetragen' })).toHaveText(
		`Eingetragen: ${cause} wirkt auf ${effect}.`
	);
	const causeItem = page.locator(`li.objective-item[data-objective-id="${fromId}"]`);
	await expect(causeItem.getByRole('list', { name: 'wirkt auf:' })).toContainText(effect);
	const effectItem = page.locator(`li.objective-item[data-objective-id="${toId}"]`);
	await expect(effectItem.getByRole('list', { name: 'wird beeinflusst von:' })).toContainText(
		cause
	);
	await expect(arrow).toHaveCount(1);
	await expect(map.locator('path.arrow')).toHaveCount(arrowsBefore + 1);
	await expect(map).toHaveAttribute('aria-label', /Wirkungsbeziehungen: [1-9]/);
	await expectAccessible(page);
	await lookShot(page, 'strategy-map');
	await lookShot(map, 'strategy-map-svg');

	// The same link again: refused as a duplicate.
	await page.getByLabel('Ursache: Ziel, das wirkt').selectOption({ label: cause });
	await page.getByLabel('Wirkung: Ziel, auf das es wirkt').selectOption({ label: effect });
	await page.getByRole('button', { name: 'Wirkung eintragen' }).press('Enter');
	await expect(page.locator('#link-to-error')).toHaveText('Diese Wirkung ist bereits eingetragen.');
	await expect(arrow).toHaveCount(1);

	// Remove it again, with the button in the list.
	const remove = page.getByRole('button', {
		name: `Wirkung entfernen: ${cause} wirkt auf ${effect}`
	});
	await remove.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Entfernt' })).toHaveText(
		`Entfernt: ${cause} wirkt auf ${effect}.`
	);
	await expect(arrow).toHaveCount(0);
	await expect(map.locator('path.arrow')).toHaveCount(arrowsBefore);
	await expect(page.getByRole('button', { name: /^Wirkung entfernen: / })).toHaveCount(
		arrowsBefore
	);
	await expectAccessible(page);
});

test('a Köln controller may not change the strategy map of another city', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/cities/essen/beihilfe/map');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Strategiekarte Essen: Beihilfe'
	);
	// Reading is allowed, changing is not: no form, no remove buttons.
	await expect(page.getByRole('button', { name: 'Wirkung eintragen' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Wirkung entfernen/ })).toHaveCount(0);
	await expectAccessible(page);

	const origin = new URL(page.url()).origin;
	for (const action of ['addLink', 'removeLink']) {
		const response = await page.request.post(`/cities/essen/beihilfe/map?/${action}`, {
			form: { fromObjectiveId: '1', toObjectiveId: '2', version: '1' },
			headers: { origin },
			maxRedirects: 0
		});
		expect(response.status(), action).toBe(403);
		// Refused by the permission check, not by the cross-site protection.
		expect(await response.text(), action).toContain('Dafür fehlt Ihnen die Berechtigung.');
	}
});
