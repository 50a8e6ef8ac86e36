import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cooperationFields, kpis, organisations, pilotLines } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadPilot } from '../../src/lib/server/pilots/queries';
import { createPilot, saveSettings } from '../../src/lib/server/pilots/write';
import { addLine, updateLine } from '../../src/lib/server/pilots/lines';
import { saveProfile } from '../../src/lib/server/pilots/profile';
import { effectsFromForm } from '../../src/lib/server/pilots/profile-form';
import { profileSchema, updateLineSchema } from '../../src/lib/schemas/pilots';
import { createUserWithRoles } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

describe('editing a pilot after creation', () => {
	let handle: DatabaseHandle;
	const org: Record<string, number> = {};
	let fieldId = 0;
	let otherFieldKpi = 0;
	const kpiId: Record<string, number> = {};
	let lead = 0;
	let pilotId = 0;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		for (const o of await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations))
			org[o.slug] = o.id;
		const fields = await handle.db
			.select({ id: cooperationFields.id, slug: cooperationFields.slug })
			.from(cooperationFields);
		fieldId = fields.find((f) => f.slug === 'service-center-d115')!.id;
		const beihilfe = fields.find((f) => f.slug === 'beihilfe')!.id;
		for (const k of await handle.db
			.select({ id: kpis.id, code: kpis.code, fieldId: kpis.fieldId })
			.from(kpis)
			.where(isNull(kpis.ownerOrganisationId))) {
			if (k.fieldId === fieldId) kpiId[k.code] = k.id;
			if (k.fieldId === beihilfe) otherFieldKpi = k.id;
		}
		lead = (await createUserWithRoles(handle.db, [{ role: 'field_lead', fieldId }])).id;
		const made = await createPilot(handle.db, {
			actorUserId: lead,
			fieldId,
			title: 'Rückrufservice',
			description: 'Erste Fassung',
			leadOrganisationId: org['essen']!,
			partnerIds: [org['bochum']!],
			status: 'planned',
			startYear: 2026,
			endYear: 2028,
			allocationKey: 'equal',
			ratePercent: 3,
			baseYear: null
		});
		if (!made.ok) throw new Error('pilot not created');
		pilotId = made.id;
	});
	afterAll(() => handle.close());

	const current = async () => (await loadPilot(handle.db, fieldId, pilotId))!;
	const profile = async () => {
		const p = await current();
		return {
			actorUserId: lead,
			fieldId,
			pilotId,
			version: p.version,
			title: p.title,
			description: p.description,
			leadOrganisationId: p.leadOrganisationId,
			partnerIds: p.partners.map((x) => x.organisationId),
			effects: []
		};
	};

	it('changes title, description, lead, partners and the linked KPIs in one save', async () => {
		expect.assertions(5);
		const codes = Object.keys(kpiId).sort();
		const result = await saveProfile(handle.db, {
			...(await profile()),
			title: 'Rückrufservice für alle Partner',
			description: 'Zweite Fassung',
			leadOrganisationId: org['bochum']!,
			partnerIds: [org['essen']!, org['hagen']!],
			effects: [
				{ kpiId: kpiId[codes[0]!]!, expectedChangePercent: '-15.00', note: 'weniger Wartezeit' },
				{ kpiId: kpiId[codes[1]!]!, expectedChangePercent: null, note: 'nur beobachten' }
			]
		});
		expect(result).toEqual({ ok: true });
		const p = await current();
		expect([p.title, p.description, p.leadName]).toEqual([
			'Rückrufservice für alle Partner',
			'Zweite Fassung',
			'Bochum'
		]);
		// The lead always takes part.
		expect(p.partners.map((x) => x.name)).toEqual(['Bochum', 'Essen', 'Hagen']);
		expect(p.kpis.map((k) => [k.code, k.expectedChangePercent, k.note])).toEqual([
			[codes[0], '-15.00', 'weniger Wartezeit'],
			[codes[1], null, 'nur beobachten']
		]);
		// Saving again with no KPI rows unlinks them.
		await saveProfile(handle.db, { ...(await profile()), effects: [] });
		expect((await current()).kpis).toEqual([]);
	});

	it('refuses a stale version, a city outside the field, a KPI of another field or a taken title, writing nothing', async () => {
		expect.assertions(5);
		const before = await current();
		const input = await profile();
		expect(
			await saveProfile(handle.db, { ...input, version: input.version - 1, title: 'Alt' })
		).toEqual({ ok: false, refusal: { code: 'stale' } });
		expect(
			await saveProfile(handle.db, { ...input, partnerIds: [org['staedtetag'] ?? 999_999] })
		).toEqual({ ok: false, refusal: { code: 'city_not_participant' } });
		expect(
			await saveProfile(handle.db, {
				...input,
				effects: [{ kpiId: otherFieldKpi, expectedChangePercent: '5.00', note: '' }]
			})
		).toEqual({ ok: false, refusal: { code: 'kpi_not_shared' } });
		const other = await createPilot(handle.db, {
			actorUserId: lead,
			fieldId,
			title: 'Chatbot',
			description: '',
			leadOrganisationId: org['essen']!,
			partnerIds: [],
			status: 'idea',
			startYear: 2026,
			endYear: 2027,
			allocationKey: 'equal',
			ratePercent: 3,
			baseYear: null
		});
		expect(other.ok).toBe(true);
		const taken = await saveProfile(handle.db, { ...input, title: 'Chatbot' });
		expect([taken, (await current()).title, (await current()).version]).toEqual([
			{ ok: false, refusal: { code: 'title_taken' } },
			before.title,
			before.version
		]);
	});

	it('keeps the cases of partners who stay and refuses a new partner the key cannot split to', async () => {
		expect.assertions(3);
		const p = await current();
		const settings = await saveSettings(handle.db, {
			actorUserId: lead,
			fieldId,
			pilotId,
			version: p.version,
			status: 'planned',
			startYear: 2026,
			endYear: 2028,
			allocationKey: 'per_case',
			ratePercent: 3,
			baseYear: null,
			partners: p.partners.map((x, i) => ({
				organisationId: x.organisationId,
				caseCount: 1000 * (i + 1),
				sharePercent: null
			}))
		});
		expect(settings).toEqual({ ok: true });
		const input = await profile();
		// Düsseldorf would have no cases: the per-case key could not split to it.
		expect(
			await saveProfile(handle.db, {
				...input,
				partnerIds: [...input.partnerIds, org['duesseldorf']!]
			})
		).toEqual({ ok: false, refusal: { code: 'partners_break_key' } });
		// Dropping Hagen keeps Bochum's and Essen's cases.
		await saveProfile(handle.db, { ...input, partnerIds: [org['essen']!] });
		expect((await current()).partners.map((x) => [x.name, x.caseCount])).toEqual([
			['Bochum', 1000],
			['Essen', 2000]
		]);
	});

	it('changes a yearly line in place; a year outside the pilot, a stale version or another pilot’s line writes nothing', async () => {
		expect.assertions(5);
		const line = {
			actorUserId: lead,
			fieldId,
			pilotId,
			year: 2026,
			scenario: 'planned' as const,
			kind: 'operating' as const,
			amountCents: 5_000_000,
			budgetRelevant: true,
			label: 'Lizenzen'
		};
		await addLine(handle.db, line);
		const p = await current();
		const id = p.lines[0]!.id;
		const changed = { ...line, lineId: id, version: p.version, amountCents: 4_250_050, year: 2027 };
		expect(await updateLine(handle.db, { ...changed, year: 2031 })).toMatchObject({
			ok: false,
			refusal: { code: 'line_outside_years' }
		});
		expect(await updateLine(handle.db, { ...changed, version: p.version - 1 })).toEqual({
			ok: false,
			refusal: { code: 'stale' }
		});
		expect(await updateLine(handle.db, { ...changed, lineId: 2_000_000_000 })).toEqual({
			ok: false,
			refusal: { code: 'stale' }
		});
		expect(await updateLine(handle.db, changed)).toEqual({ ok: true });
		const [stored] = await handle.db
			.select({ year: pilotLines.year, amount: pilotLines.amountEuro })
			.from(pilotLines)
			.where(and(eq(pilotLines.id, id)));
		const lines = (
			await handle.db.select({ n: count() }).from(pilotLines).where(eq(pilotLines.pilotId, pilotId))
		)[0]!.n;
		expect([stored, lines]).toEqual([{ year: 2027, amount: '42500.50' }, 1]);
	});

	it('form rules: expected change within −100…+1000 % with two places; NUL is dropped; line edits need their id', () => {
		expect.assertions(5);
		const form = {
			version: 1,
			title: 'Rück\u0000ruf',
			description: '',
			leadOrganisationId: 1,
			partnerIds: [1],
			effectKpiIds: [7, 8, 9],
			effectChanges: ['-20', '12,5', ''],
			effectNotes: ['', '', '']
		};
		const ok = profileSchema('de').safeParse(form);
		expect(ok.success && ok.data.title).toBe('Rückruf');
		expect(ok.success && effectsFromForm(ok.data, 'de')).toEqual([
			{ kpiId: 7, expectedChangePercent: '-20.00', note: '' },
			{ kpiId: 8, expectedChangePercent: '12.50', note: '' }
		]);
		const bad = profileSchema('de').safeParse({ ...form, effectChanges: ['-120', '1,234', 'x'] });
		expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual([
			'effectChanges.0',
			'effectChanges.1',
			'effectChanges.2'
		]);
		const line = { year: '2027', amount: '10', label: '' };
		expect(updateLineSchema('de').safeParse(line).success).toBe(false);
		expect(updateLineSchema('de').safeParse({ ...line, lineId: 3, version: 2 }).success).toBe(true);
	});
});
