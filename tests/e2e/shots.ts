import type { Locator, Page } from '@playwright/test';

/**
 * A picture for a person to look at, as tmp/shots/<name>.png (`SCREENSHOTS=1 npm run test:e2e`).
 * Taken only when asked for: the tests assert nothing from pictures, and each full-page picture
 * costs the browser a render of the whole page and a PNG encoding on the shared CI cores.
 */
export async function lookShot(target: Page | Locator, name: string, fullPage = true) {
	if (!process.env.SCREENSHOTS) return;
	const path = `tmp/shots/${name}.png`;
	if ('goto' in target) await target.screenshot({ path, fullPage });
	else await target.screenshot({ path });
}

/** The same, named with the viewport's width (`<name>-1366`, `<name>-390`). */
export const lookShotAtWidth = (page: Page, name: string) =>
	lookShot(page, `${name}-${page.viewportSize()!.width}`);
