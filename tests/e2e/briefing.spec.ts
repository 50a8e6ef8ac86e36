import { expect, test } from '@playwright/test';
import { pdfPages, pptxParts } from '../helpers/briefing-files';
import { demo, loginAs } from './login';

test('the briefing pack is refused without a login', async ({ request }) => {
	const res = await request.get('/cities/koeln/briefing/2026-Q3.pdf', { maxRedirects: 0 });
	expect(res.status()).toBe(303);
	expect(res.headers()['location']).toContain('/login?redirectTo=');
	const slides = await request.get('/en/cities/koeln/briefing/2026-Q3.pptx', { maxRedirects: 0 });
	expect(slides.status()).toBe(303);
});

test('one click from the overview: the PDF and the slides of the quarter', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto('/overview');
	const pdfLink = page.getByRole('link', { name: /Briefing als PDF/ });
	const href = await pdfLink.getAttribute('href');
	expect(href).toMatch(/^\/cities\/duesseldorf\/briefing\/\d{4}-Q[1-4]\.pdf$/);
	const pdf = await page.request.get(href!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const text = pdfPages(await pdf.body()).join('\n');
	expect(text).toContain('Mitarbeitende');
	expect(text).toMatch(/Seite 1 von \d+/);

	const pptxHref = await page
		.getByRole('link', { name: /Briefing als PowerPoint/ })
		.getAttribute('href');
	const pptx = await page.request.get(pptxHref!);
	expect(pptx.headers()['content-type']).toContain('presentationml');
	const parts = await pptxParts(await pptx.body());
	expect([...parts.keys()].some((p) => p.startsWith('ppt/charts/'))).toBe(true);

	await page.goto('/en/overview');
	const enHref = await page.getByRole('link', { name: /Briefing as PDF/ }).getAttribute('href');
	expect(enHref).toMatch(/^\/en\/cities\/duesseldorf\/briefing\/\d{4}-Q[1-4]\.pdf$/);
	const en = pdfPages(await (await page.request.get(enHref!)).body()).join('\n');
	expect(en).toMatch(/Page 1 of \d+/);
	expect(en).toContain('Staff, learning and growth');

	const bad = await page.request.get('/cities/duesseldorf/briefing/2026-Q5.pdf');
	expect(bad.status()).toBe(400);
	const unknown = await page.request.get('/cities/atlantis/briefing/2026-Q3.pdf');
	expect(unknown.status()).toBe(404);
});
