import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldParticipants, pilotGates, pilotLines, pilots } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { fieldCriteria, listFieldPilots, loadPilot } from '../../src/lib/server/pilots/queries';
import { saveCriteria, saveScores } from '../../src/lib/server/pilots/strategic';
import { pilotView } from '../../src/lib/server/pilots/page';
import { kpiEffectsOfField } from '../../src/lib/server/pilots/kpi-effects';
import { reviewRow } from '../../src/lib/server/pilots/review';
import { createPilot, recordGate, saveSettings } from '../../src/lib/server/pilots/write';
import { addLine, deleteLine } from '../../src/lib/server/pilots/lines';
import { criteriaSchema, lineSchema, settingsSchema } from '../../src/lib/schemas/pilots';
import {
	createCity,
	createUserWithRoles,
	createValues,
	fieldBySlug,
	sharedKpi
} from '../helpers/factories';
import { createCriteria, createPilotRecord } from '../helpers/factory-pilots';
import { createTestDatabase } from '../helpers/test-database';

describe('pilots', () => {
	let handle: DatabaseHandle;
	const org: Record<string, number> = {};
	const field: Record<string, number> = {};
	let lead = 0;
	let pilotId = 0;

	/** The running Beihilfe pilot, split per case, and the cities of that field. */
	let shared = 0;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		for (const slug of ['service-center-d115', 'beihilfe'])
			field[slug] = (await fieldBySlug(db, slug)).id;
		// D115: three future partners and one more participant; a city outside the field.
		for (const [key, name] of [
			['lead', 'Bergheim'],
			['first', 'Altstadt'],
			['last', 'Carlsfeld'],
			['participant', 'Dorfen'],
			['outside', 'Fernau']
		] as const)
			org[key] = (await createCity(db, { name })).id;
		await db.insert(fieldParticipants).values(
			['lead', 'first', 'last', 'participant'].map((k) => ({
				fieldId: d115(),
				organisationId: org[k]!
			}))
		);
		lead = (
			await createUserWithRoles(db, [{ role: 'field_lead', fieldId: d115() }], {
				displayName: 'Feldleitung Bürgerservice'
			})
		).id;
		const criteria = [
			{ name: 'Strategische Bedeutung', weight: 30 },
			{ name: 'Nutzen für Bürgerinnen und Bürger', weight: 30 },
			{ name: 'Übertragbarkeit auf weitere Städte', weight: 20 },
			{ name: 'Geringes Umsetzungsrisiko', weight: 20 }
		];
		await createCriteria(db, d115(), criteria);
		await createCriteria(db, field['beihilfe']!, criteria);

		// Beihilfe: four partners split per case, two more participants (one with values only
		// before the start, so it does not count), started 2025 without discounting:
		// planned costs 100 000 € + 40 000 € = 140 000 €.
		for (const [key, name] of [
			['bh1', 'Eichstadt'],
			['bh2', 'Felsburg'],
			['bh3', 'Grünau'],
			['bh4', 'Holzheim'],
			['bh5', 'Ilmtal'],
			['bh6', 'Jürgensdorf']
		] as const)
			org[key] = (await createCity(db, { name })).id;
		await db.insert(fieldParticipants).values(
			['bh1', 'bh2', 'bh3', 'bh4', 'bh5', 'bh6'].map((k) => ({
				fieldId: field['beihilfe']!,
				organisationId: org[k]!
			}))
		);
		const dauer = (await sharedKpi(db, 'BH-DAUER')).id;
		shared = (
			await createPilotRecord(db, {
				fieldId: field['beihilfe']!,
				title: 'Gemeinsame Beihilfebearbeitung',
				leadOrganisationId: org['bh1']!,
				startsOn: '2025-01-01',
				endsOn: '2028-12-31',
				allocationKey: 'per_case',
				partners: [
					{ organisationId: org['bh1']!, caseCount: 42_000 },
					{ organisationId: org['bh2']!, caseCount: 31_000 },
					{ organisationId: org['bh3']!, caseCount: 17_000 },
					{ organisationId: org['bh4']!, caseCount: 8_000 }
				],
				kpis: [
					{ kpiId: (await sharedKpi(db, 'BH-KOSTEN-EW')).id, expectedChangePercent: '-10' },
					{ kpiId: dauer, expectedChangePercent: '-20' }
				],
				lines: [
					[2025, 'investment', 'planned', 100_000],
					[2026, 'operating', 'planned', 40_000],
					[2025, 'investment', 'actual', 90_000]
				]
			})
		).id;
		// Processing days: partners 40 → 32 and 50 → 40 (mean 45 → 36, −20 %), the other city
		// 60 → 60; the last city has no value after the start. Nothing for BH-KOSTEN-EW.
		const days: [string, Record<string, number>][] = [
			['bh1', { '2024-Q3': 40, '2024-Q4': 40, '2025-Q3': 30, '2025-Q4': 34 }],
			['bh2', { '2024-Q4': 50, '2025-Q4': 40 }],
			['bh5', { '2024-Q4': 60, '2025-Q4': 60 }],
			['bh6', { '2024-Q4': 70 }]
		];
		for (const [key, values] of days)
			await createValues(db, { organisationId: org[key]!, kpiId: dauer, values });
	}, 120_000);
	afterAll(() => handle.close());

	const d115 = () => field['service-center-d115']!;
	const pilotCount = async () => (await handle.db.select({ n: count() }).from(pilots))[0]!.n;
	const lineCount = async (id: number) =>
		(await handle.db.select({ n: count() }).from(pilotLines).where(eq(pilotLines.pilotId, id)))[0]!
			.n;
	const base = {
		status: 'planned' as const,
		startYear: 2026,
		endYear: 2028,
		allocationKey: 'equal' as const,
		ratePercent: 3,
		baseYear: null
	};
	const current = async () => (await loadPilot(handle.db, d115(), pilotId))!;

	it('splits a running pilot per case: the city shares add up to the costs to the cent', async () => {
		expect.assertions(8);
		const beihilfe = await listFieldPilots(handle.db, field['beihilfe']!);
		expect(beihilfe.map((p) => p.title)).toEqual(['Gemeinsame Beihilfebearbeitung']);
		const pilot = (await loadPilot(handle.db, field['beihilfe']!, shared))!;
		const view = pilotView(pilot, org['bh1']!);
		const shares = view.economics.shares!;
		// 140 000 € without discounting.
		expect(view.economics.planned.npv.costs).toBe(14_000_000);
		expect(shares.reduce((s, x) => s + x.costs, 0)).toBe(14_000_000);
		expect(view.economics.actual.hasLines).toBe(true);
		// 42 000 of 98 000 cases is 3/7: 60 000 €; the others 31/98, 17/98 and 8/98 of 140 000 €
		// (44 285,71…, 24 285,71…, 11 428,57… €), each rounded down or up to the cent.
		const costsOf = (key: string) => shares.find((s) => s.organisationId === org[key])!.costs;
		expect(costsOf('bh1')).toBe(6_000_000);
		expect([4_428_571, 4_428_572]).toContain(costsOf('bh2'));
		expect([2_428_571, 2_428_572]).toContain(costsOf('bh3'));
		expect([1_142_857, 1_142_858]).toContain(costsOf('bh4'));
	});

	it('creates a pilot with the lead always a partner; a city outside the field writes nothing', async () => {
		expect.assertions(4);
		const stranger = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: '',
			leadOrganisationId: org['lead']!,
			partnerIds: [org['outside']!]
		});
		expect(stranger).toMatchObject({ ok: false });
		// Only the Beihilfe pilot.
		expect(await pilotCount()).toBe(1);
		const made = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: 'Test',
			leadOrganisationId: org['lead']!,
			partnerIds: [org['first']!, org['last']!]
		});
		if (!made.ok) throw new Error('not created');
		pilotId = made.id;
		expect((await current()).partners.map((p) => p.name)).toEqual([
			'Altstadt',
			'Bergheim',
			'Carlsfeld'
		]);
		const again = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: '',
			leadOrganisationId: org['lead']!,
			partnerIds: []
		});
		expect(again).toEqual({ ok: false, refusal: { code: 'title_taken' } });
	});

	it('refuses a line outside the pilot years and writes nothing', async () => {
		expect.assertions(3);
		const line = {
			actorUserId: lead,
			fieldId: d115(),
			pilotId,
			scenario: 'planned' as const,
			kind: 'investment' as const,
			amountCents: 10_000_000,
			budgetRelevant: true,
			label: ''
		};
		expect(await addLine(handle.db, { ...line, year: 2029 })).toEqual({
			ok: false,
			refusal: { code: 'line_outside_years', year: 2029, startYear: 2026, endYear: 2028 }
		});
		expect(await lineCount(pilotId)).toBe(0);
		await addLine(handle.db, { ...line, year: 2026 });
		await addLine(handle.db, { ...line, year: 2027, kind: 'benefit', amountCents: 12_360_000 });
		expect(await lineCount(pilotId)).toBe(2);
	});

	it('refuses shares not summing to 100 %, a stranger city, lines outside new years and stale versions', async () => {
		expect.assertions(6);
		const pilot = await current();
		const partners = pilot.partners.map((p) => ({
			organisationId: p.organisationId,
			caseCount: null,
			sharePercent: '33.33'
		}));
		const settings = {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			pilotId,
			version: pilot.version,
			allocationKey: 'fixed' as const,
			partners
		};
		expect(await saveSettings(handle.db, settings)).toEqual({
			ok: false,
			refusal: { code: 'shares_not_100', sumHundredths: 9_999 }
		});
		const stranger = [
			...partners,
			{ organisationId: org['participant']!, caseCount: null, sharePercent: '0.01' }
		];
		expect(await saveSettings(handle.db, { ...settings, partners: stranger })).toEqual({
			ok: false,
			refusal: { code: 'city_not_partner', organisationId: org['participant'] }
		});
		expect(
			await saveSettings(handle.db, { ...settings, allocationKey: 'equal', startYear: 2027 })
		).toEqual({
			ok: false,
			refusal: { code: 'lines_outside', years: [2026] }
		});
		expect((await current()).version).toBe(pilot.version);
		const fixed = partners.map((p, i) => ({ ...p, sharePercent: i === 0 ? '33.34' : '33.33' }));
		expect(await saveSettings(handle.db, { ...settings, partners: fixed })).toEqual({ ok: true });
		// The same form once more: someone else's save came in between.
		expect(await saveSettings(handle.db, { ...settings, partners: fixed })).toEqual({
			ok: false,
			refusal: { code: 'stale' }
		});
	});

	it('computes NPV and exact shares of the new pilot', async () => {
		expect.assertions(3);
		const view = pilotView(await current(), org['first']!);
		// 2026 −100 000 € (base year); 2027 +123 600 € / 1.03 = +120 000 € → NPV 20 000 €.
		expect(view.economics.planned.npv.total).toBe(2_000_000);
		// Costs 100 000 € by 33.34 (Altstadt) / 33.33 / 33.33 % → 33 340 / 33 330 / 33 330 €.
		expect(view.economics.shares!.map((s) => s.costs)).toEqual([3_334_000, 3_333_000, 3_333_000]);
		expect(view.economics.shares!.reduce((s, x) => s + x.net, 0)).toBe(2_000_000);
	});

	it('deletes a line only against the version seen', async () => {
		expect.assertions(2);
		const pilot = await current();
		const line = pilot.lines[0]!;
		const input = { actorUserId: lead, fieldId: d115(), pilotId, lineId: line.id };
		expect(await deleteLine(handle.db, { ...input, version: pilot.version - 1 })).toEqual({
			ok: false,
			refusal: { code: 'stale' }
		});
		expect(await lineCount(pilotId)).toBe(2);
	});

	it('keeps every gate decision; the latest per criterion is current', async () => {
		expect.assertions(3);
		const gate = {
			actorUserId: lead,
			fieldId: d115(),
			pilotId,
			criterion: 'machbarkeit' as const,
			evidence: 'Telefonanlage trägt 5 Städte'
		};
		await recordGate(handle.db, {
			...gate,
			rating: 4,
			decision: 'revise',
			decidedOn: '2026-05-01'
		});
		await recordGate(handle.db, { ...gate, rating: 8, decision: 'go', decidedOn: '2026-09-01' });
		const pilot = await current();
		expect(pilot.gates.map((g) => [g.rating, g.decision, g.decidedBy])).toEqual([
			[8, 'go', 'Feldleitung Bürgerservice'],
			[4, 'revise', 'Feldleitung Bürgerservice']
		]);
		expect(pilotView(pilot, null).currentGates['machbarkeit']).toMatchObject({ rating: 8 });
		const row = reviewRow(
			(await listFieldPilots(handle.db, d115())).find((p) => p.id === pilotId)!
		);
		expect(row.gates).toEqual({ machbarkeit: { rating: 8, decision: 'go' } });
	});

	it('a gate for a pilot of another field writes nothing', async () => {
		expect.assertions(2);
		const result = await recordGate(handle.db, {
			actorUserId: lead,
			fieldId: field['beihilfe']!,
			pilotId,
			criterion: 'akzeptanz',
			rating: 5,
			decision: 'go',
			decidedOn: '2026-09-01',
			evidence: ''
		});
		expect(result).toEqual({ ok: false, refusal: { code: 'not_found' } });
		// The two decisions above, nothing more.
		expect((await handle.db.select({ n: count() }).from(pilotGates))[0]!.n).toBe(2);
	});

	it('form rules: negative years, rates outside −5…+20 %, bad amounts', () => {
		expect.assertions(4);
		const settings = settingsSchema('de').safeParse({
			version: 1,
			status: 'planned',
			startYear: '-2026',
			endYear: '2028',
			allocationKey: 'equal',
			rate: '20,5',
			baseYear: '',
			partnerIds: [],
			cases: [],
			shares: []
		});
		const issues = settings.error?.issues.map((i) => [i.path.join('.'), i.message]);
		expect(issues).toContainEqual(['startYear', 'Ein Jahr kann nicht negativ sein.']);
		expect(issues).toContainEqual(['rate', 'Der Zinssatz muss zwischen −5 % und +20 % liegen.']);
		const line = lineSchema('de').safeParse({ year: '2026', amount: '12,345', scenario: 'actual' });
		expect(line.success).toBe(false);
		expect(lineSchema('de').safeParse({ year: '2026', amount: '12.500,50' }).success).toBe(true);
	});

	it('scores a pilot on the field criteria and totals Σ points × weight / 10', async () => {
		expect.assertions(3);
		const criteria = await fieldCriteria(handle.db, d115());
		expect(criteria.map((c) => c.weight)).toEqual([30, 30, 20, 20]);
		// 30 × 10 + 30 × 5 + 20 × 0 + (unscored) = 450 → 45.0 of 100, below the threshold 50.
		await saveScores(handle.db, {
			actorUserId: lead,
			fieldId: d115(),
			pilotId,
			scores: criteria.map((c, i) => ({ criterionId: c.id, points: [10, 5, 0, null][i] ?? null }))
		});
		const view = pilotView(await current(), null);
		expect(view.strategic).toEqual({ total: 45, threshold: 50, met: false });
		// A criterion of another field is refused.
		const other = await fieldCriteria(handle.db, field['beihilfe']!);
		expect(
			await saveScores(handle.db, {
				actorUserId: lead,
				fieldId: d115(),
				pilotId,
				scores: [{ criterionId: other[0]!.id, points: 3 }]
			})
		).toEqual({ ok: false, refusal: { code: 'stale' } });
	});

	it('edits the field criteria: weights must sum to 100; removing one drops its points', async () => {
		expect.assertions(3);
		const bad = criteriaSchema.safeParse({
			criterionIds: [1, 0],
			names: ['Nutzen', 'Risiko'],
			weights: ['60', '30']
		});
		expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['weights', 'Die Gewichte ergeben zusammen 90 statt genau 100.']
		]);
		const before = await fieldCriteria(handle.db, d115());
		const kept = before
			.slice(0, 2)
			.map((c, i) => ({ id: c.id, name: c.name, weight: i ? 40 : 50 }));
		await saveCriteria(handle.db, {
			actorUserId: lead,
			fieldId: d115(),
			criteria: [kept[1]!, kept[0]!, { id: 0, name: 'Datenschutz', weight: 10 }]
		});
		const after = await fieldCriteria(handle.db, d115());
		expect(after.map((c) => [c.name, c.weight])).toEqual([
			['Nutzen für Bürgerinnen und Bürger', 40],
			['Strategische Bedeutung', 50],
			['Datenschutz', 10]
		]);
		// Points 10 (weight 50) and 5 (weight 40) remain: (500 + 200) / 10 = 70.
		expect(pilotView(await current(), null).strategic.total).toBe(70);
	});

	it('refuses criteria and settings that break the rules even when the form is bypassed', async () => {
		expect.assertions(6);
		const before = await fieldCriteria(handle.db, d115());
		const criteria = before.map((c) => ({ id: c.id, name: c.name, weight: c.weight }));
		const write = (changed: typeof criteria) =>
			saveCriteria(handle.db, { actorUserId: lead, fieldId: d115(), criteria: changed });
		// Posted straight to the server: weights summing to 90.
		expect(
			await write(criteria.map((c, i) => (i === 0 ? { ...c, weight: c.weight - 10 } : c)))
		).toEqual({ ok: false, refusal: { code: 'weights_not_100', sum: 90 } });
		// 150 and −50 sum to 100, but are no weights.
		const [first, second] = criteria;
		expect(
			await write([
				{ ...first!, weight: 150 },
				{ ...second!, weight: -50 }
			])
		).toEqual({ ok: false, refusal: { code: 'weight_invalid', index: 0 } });
		expect(await fieldCriteria(handle.db, d115())).toEqual(before);

		const pilot = await current();
		const settings = {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			pilotId,
			version: pilot.version,
			partners: []
		};
		expect(await saveSettings(handle.db, { ...settings, startYear: 1999 })).toEqual({
			ok: false,
			refusal: { code: 'year_invalid', field: 'startYear' }
		});
		expect(await saveSettings(handle.db, { ...settings, ratePercent: 25 })).toEqual({
			ok: false,
			refusal: { code: 'rate_out_of_range', ratePercent: 25 }
		});
		expect((await current()).version).toBe(pilot.version);
	});

	it('compares the linked KPIs of partner and other cities before and after the start', async () => {
		expect.assertions(4);
		const beihilfe = await listFieldPilots(handle.db, field['beihilfe']!);
		const effects = await kpiEffectsOfField(handle.db, field['beihilfe']!, beihilfe);
		const list = effects.get(shared)!;
		expect(list.map((e) => [e.code, e.expectedChangePercent])).toEqual([
			['BH-DAUER', -20],
			['BH-KOSTEN-EW', -10]
		]);
		const [dauer, kosten] = list;
		// Only cities with released values in both windows count: two partners, one other city.
		expect(dauer).toMatchObject({
			partners: { before: 45, after: 36, cities: 2 },
			others: { before: 60, after: 60, changePercent: 0, changePoints: null, cities: 1 }
		});
		expect(dauer!.partners.changePercent).toBeCloseTo(-20, 9);
		expect(kosten).toMatchObject({
			partners: { before: null, after: null, changePercent: null, changePoints: null, cities: 0 },
			others: { before: null, after: null, changePercent: null, changePoints: null, cities: 0 }
		});
	});
});
