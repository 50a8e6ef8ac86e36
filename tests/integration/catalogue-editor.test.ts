import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	archiveKpi,
	correctKpi,
	createKpi,
	deleteKpi,
	restoreKpi,
	versionKpi
} from '../../src/lib/server/catalogue/commands';
import { getKpiDetail, listFieldKpis } from '../../src/lib/server/catalogue/queries';
import type { KpiDefinition, KpiDetail } from '../../src/lib/server/catalogue/definition';
import { definitionFromForm, formFromVersion } from '../../src/lib/server/catalogue/form';
import { listCatalogue } from '../../src/lib/server/directory/field-queries';
import { createKpiSchema, editKpiSchema } from '../../src/lib/schemas/catalogue';
import { auditLog, kpis, kpiVersions, measurements } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues,
	fieldBySlug
} from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

const D115 = 'service-center-d115';

const definitionOf = (v: KpiDetail['latest']): KpiDefinition => ({
	nameDe: v.nameDe,
	nameEn: v.nameEn,
	definitionDe: v.definitionDe,
	definitionEn: v.definitionEn,
	unit: v.unit,
	decimals: v.decimals,
	polarity: v.polarity,
	aggregation: v.aggregation,
	denominator: v.denominator,
	source: v.source,
	plausibleChangePercent: v.plausibleChangePercent,
	greenMin: v.greenMin,
	greenMax: v.greenMax,
	yellowMin: v.yellowMin,
	yellowMax: v.yellowMax
});

const newDefinition: KpiDefinition = {
	nameDe: 'Anteil digitaler Rückrufe',
	nameEn: 'Share of digital call-backs',
	definitionDe: 'Rückrufe über das Online-Formular an allen Rückrufen des Quartals.',
	definitionEn: 'Call-backs booked online as a share of all call-backs in the quarter.',
	unit: 'percent',
	decimals: 1,
	polarity: 'higher_is_better',
	aggregation: 'mean',
	denominator: 'none',
	source: 'Rückrufsystem',
	plausibleChangePercent: 50,
	greenMin: 40,
	greenMax: null,
	yellowMin: 30,
	yellowMax: null
};

describe('catalogue editor', () => {
	let handle: DatabaseHandle;
	let fieldId: number;
	let otherFieldId: number;
	let actor: number;

	const db = () => handle.db;
	const detail = async (code: string) => (await getKpiDetail(db(), fieldId, code))!;
	const auditRows = (action: string) =>
		db().select().from(auditLog).where(eq(auditLog.action, action));
	const auditCount = async () => db().$count(auditLog);
	/** Everything a refused write could have touched, to prove it touched nothing. */
	const snapshot = async (kpiId: number) => ({
		kpi: await db().select().from(kpis).where(eq(kpis.id, kpiId)),
		versions: await db()
			.select()
			.from(kpiVersions)
			.where(eq(kpiVersions.kpiId, kpiId))
			.orderBy(kpiVersions.id),
		audit: await auditCount()
	});

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		fieldId = (await fieldBySlug(db(), D115)).id;
		otherFieldId = (await fieldBySlug(db(), 'beihilfe')).id;
		actor = (await createUserWithRoles(db(), [{ role: 'field_lead', fieldId }])).id;
		// Two cities measure the service level (3 + 2 values), one of them also ELQ (2 values).
		const kpisUsed = [{ code: 'D115-SL30' }, { code: 'D115-ELQ' }];
		for (const [name, sl30, elq] of [
			[
				'Nordstadt',
				{ '2025-Q3': 71, '2025-Q4': 74, '2026-Q1': 77 },
				{ '2025-Q4': 1, '2026-Q1': 2 }
			],
			['Südstadt', { '2025-Q4': 80, '2026-Q1': 79 }, {}]
		] as const) {
			const city = await createCity(db(), { name });
			const card = await createScorecard(db(), {
				organisationId: city.id,
				field: D115,
				kpis: kpisUsed
			});
			const kpiId = (code: string) => card.kpiIds.get(code)!;
			await createValues(db(), {
				organisationId: city.id,
				kpiId: kpiId('D115-SL30'),
				values: sl30
			});
			await createValues(db(), { organisationId: city.id, kpiId: kpiId('D115-ELQ'), values: elq });
		}
	});
	afterAll(() => handle.close());

	it('lists the shared KPIs with their newest version and usage', async () => {
		const list = await listFieldKpis(db(), fieldId);
		expect(list.map((k) => k.code)).toContain('D115-SL30');
		const sl30 = list.find((k) => k.code === 'D115-SL30')!;
		expect(sl30).toMatchObject({
			unit: 'percent',
			polarity: 'higher_is_better',
			validFromYear: 2020,
			validFromQuarter: 1,
			greenMin: 75,
			greenMax: null,
			versionCount: 1,
			archivedAt: null,
			version: 1
		});
		expect(sl30.valueCount).toBe(5);
		// The field's template (reference data) and the two cities' scorecards.
		expect(sl30.scorecardUseCount).toBe(3);
	});

	it('creates a KPI with its first version and an audit entry', async () => {
		const result = await createKpi(db(), actor, {
			fieldId,
			code: 'D115-RUECKRUF',
			validFrom: { year: 2026, quarter: 1 },
			definition: newDefinition
		});
		expect(result).toMatchObject({ ok: true, code: 'D115-RUECKRUF', version: 1 });
		const created = await detail('D115-RUECKRUF');
		expect(created.versions).toHaveLength(1);
		expect(created.latest).toMatchObject({
			...newDefinition,
			validFromYear: 2026,
			validFromQuarter: 1,
			valueCount: 0
		});
		expect(created.deletable).toBe(true);
		const list = await listFieldKpis(db(), fieldId);
		expect(list.at(-1)?.code).toBe('D115-RUECKRUF');
		const [entry] = await auditRows('kpi.create');
		expect(entry).toMatchObject({ userId: actor, entity: 'kpi', entityId: String(created.kpiId) });
		expect(JSON.parse(entry!.after!)).toMatchObject({ code: 'D115-RUECKRUF', greenMin: 40 });
	});

	it('refuses a code the field already has, also for an archived KPI, and writes nothing', async () => {
		const before = { kpis: await db().$count(kpis), audit: await auditCount() };
		const again = await createKpi(db(), actor, {
			fieldId,
			code: 'D115-SL30',
			validFrom: { year: 2026, quarter: 1 },
			definition: newDefinition
		});
		expect(again).toEqual({ ok: false, reason: 'code_taken' });
		expect({ kpis: await db().$count(kpis), audit: await auditCount() }).toEqual(before);
		// The same code in another field is a different KPI.
		const elsewhere = await createKpi(db(), actor, {
			fieldId: otherFieldId,
			code: 'D115-SL30',
			validFrom: { year: 2026, quarter: 1 },
			definition: newDefinition
		});
		expect(elsewhere.ok).toBe(true);
	});

	it('corrects the latest version in place without a new version', async () => {
		const kpi = await detail('D115-RUECKRUF');
		const result = await correctKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			definition: {
				...definitionOf(kpi.latest),
				nameDe: 'Anteil digital gebuchter Rückrufe',
				decimals: 2,
				greenMin: 45,
				yellowMin: 35
			}
		});
		expect(result).toEqual({ ok: true, versionId: kpi.latest.id, version: kpi.version + 1 });
		const after = await detail('D115-RUECKRUF');
		expect(after.versions).toHaveLength(1);
		expect(after.latest).toMatchObject({
			id: kpi.latest.id,
			nameDe: 'Anteil digital gebuchter Rückrufe',
			decimals: 2,
			greenMin: 45,
			yellowMin: 35,
			validFromYear: 2026,
			validFromQuarter: 1
		});
		const [entry] = await auditRows('kpi.correct');
		expect(entry).toMatchObject({ userId: actor, entityId: String(kpi.kpiId) });
		expect(JSON.parse(entry!.before!)).toMatchObject({ nameDe: 'Anteil digitaler Rückrufe' });
		expect(JSON.parse(entry!.after!)).toMatchObject({
			nameDe: 'Anteil digital gebuchter Rückrufe'
		});
	});

	it('refuses a correction that changes the meaning and names the fields', async () => {
		const kpi = await detail('D115-SL30');
		const before = await snapshot(kpi.kpiId);
		const result = await correctKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			definition: {
				...definitionOf(kpi.latest),
				nameDe: 'Neuer Name',
				unit: 'ratio',
				aggregation: 'last',
				denominator: 'per_case'
			}
		});
		expect(result).toEqual({
			ok: false,
			reason: 'meaning_changed',
			fields: ['unit', 'aggregation', 'denominator']
		});
		const polarity = await correctKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			definition: {
				...definitionOf(kpi.latest),
				polarity: 'lower_is_better',
				greenMin: null,
				greenMax: 20,
				yellowMin: null,
				yellowMax: 30
			}
		});
		expect(polarity).toMatchObject({ reason: 'meaning_changed', fields: ['polarity'] });
		expect(await snapshot(kpi.kpiId)).toEqual(before);
	});

	it('refuses a correction that changes nothing', async () => {
		const kpi = await detail('D115-SL30');
		const before = await snapshot(kpi.kpiId);
		const result = await correctKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			definition: definitionOf(kpi.latest)
		});
		expect(result).toEqual({ ok: false, reason: 'unchanged' });
		expect(await snapshot(kpi.kpiId)).toEqual(before);
	});

	it('versions only from a quarter after the latest version', async () => {
		const kpi = await detail('D115-RUECKRUF');
		const changed = {
			...definitionOf(kpi.latest),
			definitionDe: 'Rückrufe über Formular oder App an allen Rückrufen des Quartals.'
		};
		const before = await snapshot(kpi.kpiId);
		for (const validFrom of [
			{ year: 2026, quarter: 1 },
			{ year: 2025, quarter: 4 }
		]) {
			const refused = await versionKpi(db(), actor, {
				fieldId,
				kpiId: kpi.kpiId,
				expectedVersion: kpi.version,
				validFrom,
				definition: changed
			});
			expect(refused).toEqual({
				ok: false,
				reason: 'valid_from_not_after_latest',
				latest: { year: 2026, quarter: 1 }
			});
		}
		expect(await snapshot(kpi.kpiId)).toEqual(before);

		const result = await versionKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			validFrom: { year: 2026, quarter: 2 },
			definition: { ...changed, unit: 'ratio', decimals: 3 }
		});
		expect(result).toMatchObject({ ok: true, version: kpi.version + 1 });
		const after = await detail('D115-RUECKRUF');
		expect(after.versions.map((v) => [v.validFromYear, v.validFromQuarter, v.unit])).toEqual([
			[2026, 2, 'ratio'],
			[2026, 1, 'percent']
		]);
		expect(after.versions[1]).toEqual({ ...kpi.latest });
		const [entry] = await auditRows('kpi.version');
		expect(JSON.parse(entry!.after!)).toMatchObject({
			validFrom: { year: 2026, quarter: 2 },
			unit: 'ratio'
		});
		const listed = (await listFieldKpis(db(), fieldId)).find((k) => k.code === 'D115-RUECKRUF');
		expect(listed).toMatchObject({ versionCount: 2, validFromYear: 2026, validFromQuarter: 2 });
	});

	it('leaves values under the version they were entered with', async () => {
		const kpi = await detail('D115-SL30');
		const oldVersionId = kpi.latest.id;
		const byVersion = () =>
			db()
				.select({ versionId: measurements.kpiVersionId, n: sql<number>`count(*)`.mapWith(Number) })
				.from(measurements)
				.where(eq(measurements.kpiId, kpi.kpiId))
				.groupBy(measurements.kpiVersionId);
		expect(kpi.valueCount).toBe(5);
		expect(await byVersion()).toEqual([{ versionId: oldVersionId, n: kpi.valueCount }]);
		const result = await versionKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			validFrom: { year: 2026, quarter: 2 },
			definition: {
				...definitionOf(kpi.latest),
				definitionDe: `${kpi.latest.definitionDe} Ohne Anrufe außerhalb der Servicezeit.`
			}
		});
		expect(result.ok).toBe(true);
		expect(await byVersion()).toEqual([{ versionId: oldVersionId, n: kpi.valueCount }]);
		const after = await detail('D115-SL30');
		expect(after.versions.map((v) => v.valueCount)).toEqual([0, kpi.valueCount]);
	});

	it('refuses to delete a KPI with values, archives it instead and restores it', async () => {
		const kpi = await detail('D115-ELQ');
		expect(kpi.deletable).toBe(false);
		expect(kpi.valueCount).toBe(2);
		const before = await snapshot(kpi.kpiId);
		const refused = await deleteKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version
		});
		expect(refused).toMatchObject({ ok: false, reason: 'in_use', valueCount: kpi.valueCount });
		expect(await snapshot(kpi.kpiId)).toEqual(before);

		const archived = await archiveKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version
		});
		expect(archived).toEqual({ ok: true, version: kpi.version + 1 });
		expect((await detail('D115-ELQ')).archivedAt).toBeInstanceOf(Date);
		// Kept in the editor's list, gone from the field page's catalogue; values untouched.
		expect((await listFieldKpis(db(), fieldId)).some((k) => k.code === 'D115-ELQ')).toBe(true);
		expect((await listCatalogue(db(), fieldId)).some((k) => k.code === 'D115-ELQ')).toBe(false);
		expect(await db().$count(measurements, eq(measurements.kpiId, kpi.kpiId))).toBe(kpi.valueCount);
		const twice = await archiveKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version + 1
		});
		expect(twice).toEqual({ ok: false, reason: 'unchanged' });

		const restored = await restoreKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version + 1
		});
		expect(restored).toEqual({ ok: true, version: kpi.version + 2 });
		expect((await detail('D115-ELQ')).archivedAt).toBeNull();
		expect((await auditRows('kpi.archive')).map((r) => r.entityId)).toEqual([String(kpi.kpiId)]);
		expect((await auditRows('kpi.restore')).map((r) => r.entityId)).toEqual([String(kpi.kpiId)]);
	});

	it('deletes a KPI nobody used, with its versions', async () => {
		const created = await createKpi(db(), actor, {
			fieldId,
			code: 'D115-ENTWURF',
			validFrom: { year: 2026, quarter: 4 },
			definition: { ...newDefinition, greenMin: null, yellowMin: null }
		});
		expect(created.ok).toBe(true);
		const kpi = await detail('D115-ENTWURF');
		const result = await deleteKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version
		});
		expect(result).toEqual({ ok: true, code: 'D115-ENTWURF' });
		expect(await getKpiDetail(db(), fieldId, 'D115-ENTWURF')).toBeNull();
		expect(await db().$count(kpiVersions, eq(kpiVersions.kpiId, kpi.kpiId))).toBe(0);
		const [entry] = await auditRows('kpi.delete');
		expect(JSON.parse(entry!.before!)).toMatchObject({
			code: 'D115-ENTWURF',
			versions: [{ validFrom: { year: 2026, quarter: 4 }, nameDe: newDefinition.nameDe }]
		});
	});

	it('writes nothing when the form was read at an older version', async () => {
		const kpi = await detail('D115-SCHUL');
		const stale = { fieldId, kpiId: kpi.kpiId, expectedVersion: kpi.version };
		const first = await correctKpi(db(), actor, {
			...stale,
			definition: { ...definitionOf(kpi.latest), source: 'Fortbildungsverwaltung (Service-Center)' }
		});
		expect(first.ok).toBe(true);
		const before = await snapshot(kpi.kpiId);
		const conflict = { ok: false, reason: 'conflict', currentVersion: kpi.version + 1 };
		expect(
			await correctKpi(db(), actor, {
				...stale,
				definition: { ...definitionOf(kpi.latest), nameDe: 'Überschrieben' }
			})
		).toEqual(conflict);
		expect(
			await versionKpi(db(), actor, {
				...stale,
				validFrom: { year: 2027, quarter: 1 },
				definition: { ...definitionOf(kpi.latest), nameDe: 'Überschrieben' }
			})
		).toEqual(conflict);
		expect(await archiveKpi(db(), actor, stale)).toEqual(conflict);
		expect(await deleteKpi(db(), actor, stale)).toEqual(conflict);
		expect(await snapshot(kpi.kpiId)).toEqual(before);
	});

	it('refuses KPIs of another field or local KPIs as not found', async () => {
		const kpi = await detail('D115-SCHUL');
		const result = await archiveKpi(db(), actor, {
			fieldId: otherFieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version
		});
		expect(result).toEqual({ ok: false, reason: 'not_found' });
		expect(await getKpiDetail(db(), otherFieldId, 'D115-SCHUL')).toBeNull();
	});

	it('refuses bands that do not fit the polarity and writes nothing', async () => {
		const kpiCount = await db().$count(kpis);
		const auditBefore = await auditCount();
		const cases: [Partial<KpiDefinition>, string[]][] = [
			[{ greenMax: 90 }, ['bound_not_allowed']],
			[{ greenMin: 40, yellowMin: 50 }, ['yellow_inside_green']],
			[{ greenMin: null, yellowMin: 30 }, ['target_missing']],
			[
				{
					polarity: 'target_band',
					greenMin: 60,
					greenMax: 50,
					yellowMin: 40,
					yellowMax: 70
				},
				['green_inverted']
			],
			[
				{
					polarity: 'lower_is_better',
					greenMin: null,
					greenMax: 20,
					yellowMin: null,
					yellowMax: 10
				},
				['yellow_inside_green']
			]
		];
		for (const [bands, problems] of cases) {
			const result = await createKpi(db(), actor, {
				fieldId,
				code: 'D115-BAND',
				validFrom: { year: 2026, quarter: 1 },
				definition: { ...newDefinition, ...bands }
			});
			expect(result, JSON.stringify(bands)).toEqual({
				ok: false,
				reason: 'bands_invalid',
				problems
			});
		}
		expect(await db().$count(kpis)).toBe(kpiCount);

		const kpi = await detail('D115-WARTEZEIT');
		const before = await snapshot(kpi.kpiId);
		const correction = await correctKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			definition: { ...definitionOf(kpi.latest), greenMax: 30, yellowMax: 20 }
		});
		expect(correction).toMatchObject({
			reason: 'bands_invalid',
			problems: ['yellow_inside_green']
		});
		const version = await versionKpi(db(), actor, {
			fieldId,
			kpiId: kpi.kpiId,
			expectedVersion: kpi.version,
			validFrom: { year: 2027, quarter: 1 },
			definition: { ...definitionOf(kpi.latest), greenMin: 10 }
		});
		expect(version).toMatchObject({
			reason: 'bands_invalid',
			problems: ['target_missing', 'bound_not_allowed']
		});
		expect(await snapshot(kpi.kpiId)).toEqual(before);
		expect(await auditCount()).toBe(auditBefore);
	});

	it('records every write with the acting user', async () => {
		const entries = await db()
			.select({ action: auditLog.action, userId: auditLog.userId, entity: auditLog.entity })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'kpi')));
		expect(new Set(entries.map((e) => e.action))).toEqual(
			new Set([
				'kpi.create',
				'kpi.correct',
				'kpi.version',
				'kpi.archive',
				'kpi.restore',
				'kpi.delete'
			])
		);
		expect(entries.every((e) => e.userId === actor)).toBe(true);
	});
});

describe('catalogue forms', () => {
	const typed = {
		code: 'd115-neu',
		nameDe: 'Name',
		nameEn: 'Name',
		definitionDe: 'Definition',
		definitionEn: 'Definition',
		unit: 'euro',
		decimals: 2,
		polarity: 'target_band',
		aggregation: 'mean',
		denominator: 'none',
		source: '',
		plausibleChangePercent: '1.000',
		greenMin: '1.234,5',
		greenMax: '2.000',
		yellowMin: '1.000,25',
		yellowMax: '2.500',
		validFromYear: '2026',
		validFromQuarter: 2
	};
	const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
		result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

	it('reads numbers typed the German way in the German form', () => {
		const parsed = createKpiSchema('de').parse(typed);
		expect(definitionFromForm(parsed, 'de')).toMatchObject({
			plausibleChangePercent: 1000,
			greenMin: 1234.5,
			greenMax: 2000,
			yellowMin: 1000.25,
			yellowMax: 2500
		});
		// The same text is not a number in the English form, and says so next to the field.
		expect(issues(createKpiSchema('en').safeParse(typed))).toEqual([
			['greenMin', expect.any(String)],
			['yellowMin', expect.any(String)]
		]);
		const english = {
			...typed,
			plausibleChangePercent: '1,000',
			greenMin: '1,234.5',
			greenMax: '2,000',
			yellowMin: '1,000.25',
			yellowMax: '2,500'
		};
		expect(definitionFromForm(createKpiSchema('en').parse(english), 'en')).toMatchObject({
			plausibleChangePercent: 1000,
			greenMin: 1234.5,
			greenMax: 2000
		});
	});

	it('writes stored numbers back into the form as the locale types them', () => {
		const definition = definitionFromForm(createKpiSchema('de').parse(typed), 'de');
		const version = { ...definition, id: 1, validFromYear: 2026, validFromQuarter: 2 };
		const form = formFromVersion({ ...version, createdAt: new Date() }, 'de');
		expect(form).toMatchObject({
			greenMin: '1234,5',
			yellowMin: '1000,25',
			plausibleChangePercent: '1000'
		});
		expect(formFromVersion({ ...version, createdAt: new Date() }, 'en').greenMin).toBe('1234.5');
	});

	it('puts band problems next to the band they are about, with the other errors', () => {
		const result = createKpiSchema('de').safeParse({
			...typed,
			nameDe: ' ',
			code: '-X',
			polarity: 'higher_is_better',
			greenMin: '75',
			greenMax: '80',
			yellowMin: '80',
			yellowMax: ''
		});
		expect(issues(result)).toEqual([
			['code', expect.stringContaining('Kennung')],
			['nameDe', 'Bitte ausfüllen.'],
			['greenMax', expect.stringContaining('keine Obergrenze')],
			['yellowMin', expect.stringContaining('Gelb umschließt Grün')]
		]);
		// A field without a common target leaves all bands empty.
		const none = { ...typed, greenMin: '', greenMax: '', yellowMin: '', yellowMax: '' };
		expect(createKpiSchema('de').safeParse(none).success).toBe(true);
	});

	it('needs a valid quarter only for a new version', () => {
		const edit = { ...typed, mode: 'correct', validFromYear: '', expectedVersion: 3 };
		expect(editKpiSchema('de').safeParse(edit).success).toBe(true);
		expect(issues(editKpiSchema('de').safeParse({ ...edit, mode: 'version' }))).toEqual([
			['validFromYear', expect.stringContaining('2000')]
		]);
	});
});
