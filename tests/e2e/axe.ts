import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Every page a test visits must pass axe with the WCAG 2.1 A/AA rules. */
export async function expectAccessible(page: Page) {
	// Legacy mode runs axe inside the page. The default opens a blank page per check to merge
	// frame results, and Chromium 156 sometimes never finishes opening it (the test then hangs
	// in newPage). Our pages have no cross-origin frames, so nothing goes unchecked.
	const results = await new AxeBuilder({ page })
		// Every rule of the tags below still runs; only the nodes of the violations are collected
		// and sent back (the passes were gathered only to be thrown away). Before withTags: options()
		// replaces the whole options object, the tag filter included.
		.options({ resultTypes: ['violations'] })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.setLegacyMode()
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary).toEqual([]);
}
