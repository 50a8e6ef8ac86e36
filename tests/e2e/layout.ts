import { expect, type Page } from '@playwright/test';

/**
 * The whole page does not scroll sideways at the viewport's width. Polled: right after a resize,
 * the charts (chart.js follows its container with a ResizeObserver) take a frame or two to
 * shrink, as a person turning a tablet sees too; the page must settle within the check's time.
 */
export async function expectNoSidewaysScroll(page: Page) {
	const width = page.viewportSize()!.width;
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollWidth), {
			message: `the page is no wider than the ${width} px screen`
		})
		.toBeLessThanOrEqual(width);
}
