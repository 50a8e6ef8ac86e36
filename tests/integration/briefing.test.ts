import { and, eq } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeNotes, measurements, organisations, users } from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import type { Quarter } from '../../src/lib/domain/period/quarter';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { loadBriefing } from '../../src/lib/server/briefing/load';
import { briefingPdf } from '../../src/lib/server/briefing/pdf';
import { createTestDatabase } from '../helpers/test-database';
import { pdfPageSizes, pdfPages, pdfPagesOneByOne } from '../helpers/briefing-files';

describe('briefing pack (PDF)', () => {
	let handle: DatabaseHandle;
	let quarter: Quarter;
	const ids: Record<string, number> = {};
	const controllerOf = (city: string): Viewer => ({
		kind: 'user',
		principal: {
			userId: 1,
			roles: [{ role: 'controller', organisationId: ids[city]!, fieldId: null }]
		}
	});
	const pdfOf = async (reader: string, city: string, locale: 'de' | 'en' = 'de') => {
		const b = await loadBriefing(handle.db, controllerOf(reader), { city, quarter }, locale);
		const pdf = await briefingPdf(b!, locale);
		if (process.env.BRIEFING_OUT)
			writeFileSync(`${process.env.BRIEFING_OUT}-${reader}-${city}-${locale}.pdf`, pdf);
		return { briefing: b!, pdf, text: pdfPages(pdf).join('\n') };
	};

	beforeAll(async () => {
		handle = await createTestDatabase();
		await seedDatabase(handle.db, { demo: true });
		for (const o of await handle.db.select().from(organisations)) ids[o.slug] = o.id;
		const page = await loadOverviewPage(
			handle.db,
			controllerOf('duesseldorf'),
			{ city: 'duesseldorf' },
			'de'
		);
		quarter = page!.asOf!;
	});
	afterAll(() => handle.close());

	it('prints every field with every perspective column, Mitarbeitende included', async () => {
		const { pdf, briefing } = await pdfOf('duesseldorf', 'duesseldorf');
		// The cover's table of contents names the section too: look behind it.
		const pages = pdfPages(pdf).slice(1);
		const statusPage = pages
			.find((p) => p.includes('Status je Scorecard und Perspektive'))!
			.replace(/\s+/g, ' ');
		for (const column of ['Gesamt', 'Finanzen', 'Mitarbeitende'])
			expect(statusPage).toContain(column);
		for (const c of briefing.columns) expect(statusPage).toContain(c.name);
		for (const r of briefing.rows) expect(statusPage).toContain(r.field.name);
		// The whole status matrix stands on one page.
		expect(pages.filter((p) => p.includes('Status je Scorecard und Perspektive'))).toHaveLength(1);
	});

	it('has a cover with city, quarter, reporting date, data state and print date', async () => {
		const { pdf } = await pdfOf('duesseldorf', 'duesseldorf');
		const cover = pdfPages(pdf)[0]!;
		expect(cover).toContain('Düsseldorf');
		expect(cover).toContain(`Q${quarter.quarter}/${quarter.year}`);
		expect(cover).toMatch(/Stichtag\s+\d{2}\.\d{2}\.\d{4}/);
		expect(cover).toMatch(/Stand der Daten\s+\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
		expect(cover).toMatch(/Erstellt am\s+\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
	});

	it('numbers its pages and names the data state in every footer', async () => {
		const { pdf } = await pdfOf('duesseldorf', 'duesseldorf');
		const pages = pdfPages(pdf);
		expect(pages.length).toBeGreaterThan(4);
		pages.forEach((p, i) => {
			expect(p).toContain(`Seite ${i + 1} von ${pages.length}`);
			expect(p).toContain('Stand der Daten:');
		});
		const sizes = pdfPageSizes(pdf);
		expect(sizes[0]).toEqual([595, 842]);
		expect(sizes.slice(1).every(([w, h]) => w > h)).toBe(true);
	});

	it('fills its pages: sections flow on, no page but the last is nearly empty, the cover stays a cover', async () => {
		const words = {
			de: {
				footer: /Seite \d+ von/,
				onlyInTables: /Gesamt|von 100/,
				status: 'Status je Scorecard und Perspektive',
				attentionRow: /verfehlt \(\d+,\d\)/,
				commentHeader: 'Kommentar und Anmerkungen'
			},
			en: {
				footer: /Page \d+ of/,
				onlyInTables: /Overall|of 100/,
				status: 'Status per scorecard and perspective',
				attentionRow: /target \(\d+\.\d\)/,
				commentHeader: 'Comment and notes'
			}
		};
		for (const locale of ['de', 'en'] as const) {
			const w = words[locale];
			const { pdf } = await pdfOf('duesseldorf', 'duesseldorf', locale);
			const pages = pdfPagesOneByOne(pdf);
			const lines = pages.map(
				(p) => p.split('\n').filter((l) => l.trim() !== '' && !w.footer.test(l)).length
			);
			const fullest = Math.max(...lines);
			// A page holding less than 40 % of the fullest page's lines reads as "nearly empty".
			lines.slice(1, -1).forEach((n, i) => {
				expect(
					n,
					`${locale} page ${i + 2}; lines per page ${lines.join('/')}`
				).toBeGreaterThanOrEqual(0.4 * fullest);
			});
			// The cover is a page of its own, and the status table opens page 2.
			const [cover, second] = pages;
			expect(cover).toContain('Düsseldorf');
			expect(cover).not.toMatch(w.onlyInTables);
			expect(second!.trim().split('\n')[0]!.trim()).toBe(w.status);
			// Every page with rows of the red/amber table repeats its header row.
			const withRows = pages.filter((p) => w.attentionRow.test(p));
			expect(withRows.length).toBeGreaterThan(0);
			for (const p of withRows) expect(p).toContain(w.commentHeader);
		}
	});

	it('lists the red and amber KPIs with the comments and notes on them', async () => {
		const own = await loadBriefing(
			handle.db,
			controllerOf('duesseldorf'),
			{ city: 'duesseldorf', quarter },
			'de'
		);
		const target = own!.attention[0]!;
		expect(target).toBeDefined();
		const [author] = await handle.db.select({ id: users.id }).from(users).limit(1);
		await handle.db
			.update(measurements)
			.set({ comment: 'Zwei Stellen im Bürgerbüro seit März unbesetzt.' })
			.where(
				and(
					eq(measurements.organisationId, ids.duesseldorf!),
					eq(measurements.kpiId, target.kpiId),
					eq(measurements.year, target.quarter.year),
					eq(measurements.quarter, target.quarter.quarter)
				)
			);
		await handle.db.insert(exchangeNotes).values({
			organisationId: ids.duesseldorf!,
			kpiId: target.kpiId,
			...target.quarter,
			kind: 'lesson',
			body: 'Terminbuchung online halbiert die Wartezeit.',
			authorUserId: author!.id
		});
		const { text } = await pdfOf('duesseldorf', 'duesseldorf');
		const flat = text.replace(/\s+/g, ' ');
		expect(flat).toContain('Rote und gelbe Kennzahlen mit Kommentaren');
		expect(flat).toContain('Zwei Stellen im Bürgerbüro seit März unbesetzt.');
		expect(flat).toContain('Terminbuchung online halbiert die Wartezeit.');
		expect(flat).toContain(target.code);
	});

	it('lists the pilots with their economics and the factors with their explanation', async () => {
		const { pdf, briefing } = await pdfOf('koeln', 'koeln');
		expect(briefing.pilots.length).toBeGreaterThan(0);
		expect(briefing.factors.length).toBeGreaterThan(0);
		const pages = pdfPages(pdf).slice(1);
		const text = (title: string) =>
			pages
				.filter((p) => p.includes(title))
				.join(' ')
				.replace(/\s+/g, ' ');
		const pilots = text('Pilotprojekte: Wirtschaftlichkeit');
		for (const heading of ['Kooperationsfeld', 'Pilotprojekt', 'Federführung', 'Laufzeit'])
			expect(pilots).toContain(heading);
		expect(pilots).toMatch(/Kapitalwert\s*\(Plan\)/);
		for (const p of briefing.pilots) {
			expect(pilots).toContain(p.leadName);
			expect(pilots).toContain(
				p.startYear === p.endYear ? String(p.startYear) : `${p.startYear}–${p.endYear}`
			);
			// Money the German way, or a dash where there is none.
			if (p.npvPlanned !== null) expect(pilots).toMatch(/\d €/);
		}
		const factors = text('Einflussfaktoren');
		for (const heading of ['Kennzahl', 'Quartal', 'Faktor', 'Erläuterung'])
			expect(factors).toContain(heading);
		for (const f of briefing.factors) {
			expect(factors).toContain(f.code);
			expect(factors).toContain(`Q${f.quarter.quarter}`);
		}
	});

	it('writes numbers and dates the German way, and the English way under /en', async () => {
		const de = (await pdfOf('duesseldorf', 'duesseldorf')).text;
		expect(de).toMatch(/\d+,\d von 100/);
		expect(de).toMatch(/Seite 1 von/);
		const en = (await pdfOf('duesseldorf', 'duesseldorf', 'en')).text;
		expect(en).toMatch(/\d+\.\d of 100/);
		expect(en).toContain('Page 1 of');
		expect(en).toContain('Staff, learning and growth');
		expect(en).not.toContain('Mitarbeitende');
	});

	it("never shows another city's unreleased value or comment, but the city's own people see it", async () => {
		const koelnOwn = await loadBriefing(
			handle.db,
			controllerOf('koeln'),
			{ city: 'koeln', quarter },
			'de'
		);
		const secretKpi = koelnOwn!.attention[0]!;
		const dKey = (await loadBriefing(
			handle.db,
			controllerOf('duesseldorf'),
			{ city: 'duesseldorf', quarter },
			'de'
		))!.fields.flatMap((f) => f.standings)[0]!;
		const where = (kpiId: number, q: Quarter) =>
			and(
				eq(measurements.organisationId, ids.koeln!),
				eq(measurements.kpiId, kpiId),
				eq(measurements.year, q.year),
				eq(measurements.quarter, q.quarter)
			);
		// Köln's value of Düsseldorf's key KPI: far outside the ring, so the chart's axis names it.
		await handle.db
			.update(measurements)
			.set({ value: '98765', state: 'released', releasedAt: new Date() })
			.where(where(dKey.kpiId, dKey.quarter));
		expect((await pdfOf('duesseldorf', 'duesseldorf')).text).toContain('98.765');

		await handle.db
			.update(measurements)
			.set({ state: 'draft' })
			.where(where(dKey.kpiId, dKey.quarter));
		await handle.db
			.update(measurements)
			.set({ state: 'draft', comment: 'Vertraulich: Zahl noch mit dem Kämmerer abstimmen.' })
			.where(where(secretKpi.kpiId, secretKpi.quarter));

		for (const city of ['duesseldorf', 'koeln']) {
			const { text } = await pdfOf('duesseldorf', city);
			expect(text).not.toContain('98.765');
			expect(text.replace(/\s+/g, ' ')).not.toContain('Kämmerer');
		}
		const own = (await pdfOf('koeln', 'koeln')).text.replace(/\s+/g, ' ');
		expect(own).toContain('Vertraulich: Zahl noch mit dem Kämmerer abstimmen.');
		expect(own).toContain('98.765');
	});
});
