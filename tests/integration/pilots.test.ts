import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cooperationFields,
	organisations,
	pilotGates,
	pilotLines,
	pilots,
	users
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { fieldCriteria, listFieldPilots, loadPilot } from '../../src/lib/server/pilots/queries';
import { saveCriteria, saveScores } from '../../src/lib/server/pilots/strategic';
import { pilotView } from '../../src/lib/server/pilots/page';
import { kpiEffectsOfField } from '../../src/lib/server/pilots/kpi-effects';
import { reviewRow } from '../../src/lib/server/pilots/review';
import { createPilot, recordGate, saveSettings } from '../../src/lib/server/pilots/write';
import { addLine, deleteLine } from '../../src/lib/server/pilots/lines';
import { criteriaSchema, lineSchema, settingsSchema } from '../../src/lib/schemas/pilots';
import { createTestDatabase } from '../helpers/test-database';

describe('pilots', () => {
	let handle: DatabaseHandle;
	const org: Record<string, number> = {};
	const field: Record<string, number> = {};
	let lead = 0;
	let pilotId = 0;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
		for (const o of await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations))
			org[o.slug] = o.id;
		for (const f of await handle.db
			.select({ id: cooperationFields.id, slug: cooperationFields.slug })
			.from(cooperationFields))
			field[f.slug] = f.id;
		const [u] = await handle.db
			.select({ id: users.id })
			.from(users)
			.where(eq(users.email, 'feldleitung.d115@demo.ikz-nrw.de'));
		lead = u!.id;
	});
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

	it('seeds two demo pilots whose city shares add up to the discounted costs', async () => {
		expect.assertions(4);
		const beihilfe = await listFieldPilots(handle.db, field['beihilfe']!);
		expect(beihilfe.map((p) => p.title)).toEqual(['Gemeinsame Beihilfebearbeitung']);
		const pilot = (await loadPilot(handle.db, field['beihilfe']!, beihilfe[0]!.id))!;
		const view = pilotView(pilot, org['koeln']!);
		const shares = view.economics.shares!;
		expect(shares.reduce((s, x) => s + x.costs, 0)).toBe(view.economics.planned.npv.costs);
		expect(view.economics.actual.hasLines).toBe(true);
		// Köln has 42 000 of 98 000 cases: the largest share.
		expect(Math.max(...shares.map((s) => s.costs))).toBe(
			shares.find((s) => s.organisationId === org['koeln'])!.costs
		);
	});

	it('creates a pilot with the lead always a partner; a city outside the field writes nothing', async () => {
		expect.assertions(4);
		const before = await pilotCount();
		const stranger = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: '',
			leadOrganisationId: org['essen']!,
			partnerIds: [org['staedtetag'] ?? 999_999]
		});
		expect(stranger).toMatchObject({ ok: false });
		expect(await pilotCount()).toBe(before);
		const made = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: 'Test',
			leadOrganisationId: org['essen']!,
			partnerIds: [org['bochum']!, org['hagen']!]
		});
		if (!made.ok) throw new Error('not created');
		pilotId = made.id;
		expect((await current()).partners.map((p) => p.name)).toEqual(['Bochum', 'Essen', 'Hagen']);
		const again = await createPilot(handle.db, {
			...base,
			actorUserId: lead,
			fieldId: d115(),
			title: 'Gemeinsame Telefonie',
			description: '',
			leadOrganisationId: org['essen']!,
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
			{ organisationId: org['koeln']!, caseCount: null, sharePercent: '0.01' }
		];
		expect(await saveSettings(handle.db, { ...settings, partners: stranger })).toEqual({
			ok: false,
			refusal: { code: 'city_not_partner', organisationId: org['koeln'] }
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
		const view = pilotView(await current(), org['bochum']!);
		// 2026 −100 000 € (base year); 2027 +123 600 € / 1.03 = +120 000 € → NPV 20 000 €.
		expect(view.economics.planned.npv.total).toBe(2_000_000);
		// Costs 100 000 € by 33.34 (Bochum) / 33.33 / 33.33 % → 33 340 / 33 330 / 33 330 €.
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
			[8, 'go', 'Demo Feldleitung D115'],
			[4, 'revise', 'Demo Feldleitung D115']
		]);
		expect(pilotView(pilot, null).currentGates['machbarkeit']).toMatchObject({ rating: 8 });
		const row = reviewRow(
			(await listFieldPilots(handle.db, d115())).find((p) => p.id === pilotId)!
		);
		expect(row.gates).toEqual({ machbarkeit: { rating: 8, decision: 'go' } });
	});

	it('a gate for a pilot of another field writes nothing', async () => {
		expect.assertions(2);
		const before = (await handle.db.select({ n: count() }).from(pilotGates))[0]!.n;
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
		expect((await handle.db.select({ n: count() }).from(pilotGates))[0]!.n).toBe(before);
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
		const list = effects.get(beihilfe[0]!.id)!;
		expect(list.map((e) => [e.code, e.expectedChangePercent])).toEqual([
			['BH-DAUER', -20],
			['BH-KOSTEN-EW', -10]
		]);
		const dauer = list[0]!;
		// Four partners, the other nine cities of the field; only cities with released values in both windows.
		expect(dauer.partners.cities).toBeLessThanOrEqual(4);
		expect(dauer.others.cities).toBeLessThanOrEqual(9);
		expect(dauer.partners.cities + dauer.others.cities).toBeGreaterThan(0);
	});
});
