import { expect, test, type Page } from '@playwright/test';
import { pdfPageSizes, pdfPages } from '../helpers/briefing-files';
import { demo, loginAs } from './login';

/** The page as the browser prints it (its own @page sizes), with its text and page sizes. */
async function printed(page: Page) {
	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	return { text: pdfPages(pdf).join('\n').replace(/\s+/g, ' '), sizes: pdfPageSizes(pdf) };
}

/** Each header cell's first piece of text (the KPI code or the city name, not its notes). */
const headers = (page: Page) =>
	page.locator('table thead th').evaluateAll((cells) =>
		cells.map((th) => {
			const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const text = n.textContent?.trim();
				if (text) return text;
			}
			return '';
		})
	);

test('heatmap and trend print on landscape A4 with every column', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.controllerDuesseldorf);
	for (const path of [
		'/compare/heatmap?field=archivierung&period=2026-Q3',
		'/compare/trend?field=kfz-zulassungswesen'
	]) {
		await page.goto(path);
		const columns = (await headers(page)).filter(Boolean);
		expect(columns.length).toBeGreaterThan(2);
		const { text, sizes } = await printed(page);
		expect(sizes.every(([w, h]) => w > h)).toBe(true);
		// A cut-off column loses its header's text.
		for (const c of columns) expect(text).toContain(c);
		await page.emulateMedia({ media: 'screen' });
	}
});

test('the overview prints on landscape A4 with its Mitarbeitende column', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto('/overview');
	const { text, sizes } = await printed(page);
	expect(sizes.every(([w, h]) => w > h)).toBe(true);
	expect(text).toContain('Mitarbeitende');
});
