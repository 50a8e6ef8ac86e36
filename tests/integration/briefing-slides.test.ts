import { and, eq } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurements, organisations } from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import type { Quarter } from '../../src/lib/domain/period/quarter';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { loadBriefing } from '../../src/lib/server/briefing/load';
import { briefingPptx } from '../../src/lib/server/briefing/pptx';
import { createTestDatabase } from '../helpers/test-database';
import { pptxParts } from '../helpers/briefing-files';

/** What a slide's or chart's XML says in words: the text runs and the chart's cached labels. */
const wordsOf = (xml: string) =>
	[...xml.matchAll(/<(?:a:t|c:v)>([^<]*)<\/(?:a:t|c:v)>/g)]
		.map((x) => x[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
		.join(' ');

describe('briefing pack (PowerPoint)', () => {
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
	const slidesOf = async (reader: string, city: string, locale: 'de' | 'en' = 'de') => {
		const b = await loadBriefing(handle.db, controllerOf(reader), { city, quarter }, locale);
		const pptx = await briefingPptx(b!, locale);
		if (process.env.BRIEFING_OUT)
			writeFileSync(`${process.env.BRIEFING_OUT}-${reader}-${city}.pptx`, pptx);
		const parts = await pptxParts(pptx);
		const slides = [...parts].filter(([p]) => /^ppt\/slides\/slide\d+\.xml$/.test(p));
		// In the order the slides show them: chart2 before chart10.
		const chartNumber = (p: string) => Number(/chart(\d+)\.xml$/.exec(p)?.[1]);
		const charts = [...parts]
			.filter(([p]) => /^ppt\/charts\/chart\d+\.xml$/.test(p))
			.sort(([a], [b]) => chartNumber(a) - chartNumber(b));
		return {
			briefing: b!,
			slides: slides.map(([, x]) => wordsOf(x)),
			charts: charts.map(([, x]) => x),
			all: [...parts.values()].map(wordsOf).join(' '),
			parts
		};
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

	it('has every perspective column, the notes table and native, editable charts', async () => {
		const { slides, charts, briefing, parts } = await slidesOf('duesseldorf', 'duesseldorf');
		const status = slides.find((s) => s.includes('Status je Scorecard und Perspektive'))!;
		for (const c of ['Gesamt', ...briefing.columns.map((c) => c.name)]) expect(status).toContain(c);
		expect(status).toContain('Mitarbeitende');
		expect(slides.some((s) => s.includes('Rote und gelbe Kennzahlen mit Kommentaren'))).toBe(true);
		const keyKpis = briefing.fields.flatMap((f) => f.standings);
		expect(keyKpis.length).toBeGreaterThan(0);
		// One bar chart per key KPI, with the city as its own series (data in the chart, not a picture).
		expect(charts).toHaveLength(keyKpis.length);
		expect(charts[0]).toContain('<c:barChart>');
		expect(wordsOf(charts[0]!)).toContain('Düsseldorf');
		// Footer with the data state and the slide number: in the layout every slide uses.
		const layout = [...parts].find(
			([p, x]) => p.startsWith('ppt/slideLayouts/') && x.includes('Stand der Daten:')
		);
		expect(layout?.[1]).toContain('type="slidenum"');
	});

	it('titles every chart axis: the value axis with the KPI unit, the category axis with the city', async () => {
		// Written from the catalogue's unit names, not from the code under test.
		const unitWord = {
			de: {
				percent: 'Prozent',
				days: 'Tage',
				hours: 'Stunden',
				minutes: 'Minuten',
				seconds: 'Sekunden',
				euro: 'Euro',
				count: 'Anzahl',
				ratio: 'Verhältniszahl'
			},
			en: {
				percent: 'percent',
				days: 'days',
				hours: 'hours',
				minutes: 'minutes',
				seconds: 'seconds',
				euro: 'euro',
				count: 'count',
				ratio: 'ratio'
			}
		} as const;
		const axisTitle = (chart: string, axis: 'valAx' | 'catAx') => {
			const ax = new RegExp(`<c:${axis}>([\\s\\S]*?)</c:${axis}>`).exec(chart)?.[1] ?? '';
			const title = /<c:title>([\s\S]*?)<\/c:title>/.exec(ax)?.[1] ?? '';
			return wordsOf(title);
		};
		for (const [locale, city] of [
			['de', 'Stadt'],
			['en', 'City']
		] as const) {
			const { charts, briefing } = await slidesOf('duesseldorf', 'duesseldorf', locale);
			const keyKpis = briefing.fields.flatMap((f) => f.standings);
			expect(charts).toHaveLength(keyKpis.length);
			// The demo's key KPIs are in more than one unit, so a fixed word cannot pass.
			expect(new Set(keyKpis.map((k) => k.unit)).size).toBeGreaterThan(1);
			keyKpis.forEach((k, i) => {
				// "Percent" as a title, "percent" in the catalogue: the word counts, not its case.
				expect(axisTitle(charts[i]!, 'valAx').toLowerCase(), `${locale} ${k.code}`).toContain(
					unitWord[locale][k.unit].toLowerCase()
				);
				expect(axisTitle(charts[i]!, 'catAx'), `${locale} ${k.code}`).toBe(city);
			});
		}
	});

	it('lists the pilots with their economics and the factors with their explanation', async () => {
		const { slides, briefing } = await slidesOf('koeln', 'koeln');
		expect(briefing.pilots.length).toBeGreaterThan(0);
		expect(briefing.factors.length).toBeGreaterThan(0);
		const pilots = slides
			.filter((s) => s.startsWith('Pilotprojekte: Wirtschaftlichkeit'))
			.join(' ');
		expect(pilots).toContain(
			'Kooperationsfeld Pilotprojekt Federführung Status Laufzeit Kapitalwert (Plan) Nutzen geplant bis Ist-Jahr Nutzen realisiert'
		);
		for (const p of briefing.pilots) {
			const years = p.startYear === p.endYear ? String(p.startYear) : `${p.startYear}–${p.endYear}`;
			expect(pilots).toContain(`${p.field} ${p.title} ${p.leadName}`);
			expect(pilots).toContain(years);
		}
		const factors = slides.filter((s) => s.startsWith('Einflussfaktoren')).join(' ');
		expect(factors).toContain(
			'Kooperationsfeld Kennzahl Quartal Faktor Erläuterung Geschätzte Wirkung'
		);
		for (const f of briefing.factors) {
			expect(factors).toContain(`${f.field} ${f.code}`);
			expect(factors).toContain(f.explanation);
			expect(factors).toContain(f.estimatedEffect || '–');
		}
	});

	it("holds no other city's unreleased value, in slides or chart data", async () => {
		const dKey = (await loadBriefing(
			handle.db,
			controllerOf('duesseldorf'),
			{ city: 'duesseldorf', quarter },
			'de'
		))!.fields.flatMap((f) => f.standings)[0]!;
		const koelnValue = and(
			eq(measurements.organisationId, ids.koeln!),
			eq(measurements.kpiId, dKey.kpiId),
			eq(measurements.year, dKey.quarter.year),
			eq(measurements.quarter, dKey.quarter.quarter)
		);
		await handle.db
			.update(measurements)
			.set({ value: '98765', state: 'released', releasedAt: new Date() })
			.where(koelnValue);
		expect((await slidesOf('duesseldorf', 'duesseldorf')).all).toContain('98765');
		await handle.db.update(measurements).set({ state: 'draft' }).where(koelnValue);
		expect((await slidesOf('duesseldorf', 'duesseldorf')).all).not.toContain('98765');
		expect((await slidesOf('duesseldorf', 'koeln')).all).not.toContain('98765');
		expect((await slidesOf('koeln', 'koeln')).all).toContain('98765');
	});
});
