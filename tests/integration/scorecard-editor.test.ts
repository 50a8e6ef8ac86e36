import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	fieldParticipants,
	kpis,
	measurements,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Tx } from '../../src/lib/server/db/types';
import {
	findCityEditorTarget,
	findTemplateEditorTarget
} from '../../src/lib/server/scorecards/editor/target';
import { ensureScorecard } from '../../src/lib/server/scorecards/editor/ensure';
import { editScorecard } from '../../src/lib/server/scorecards/editor/run';
import * as structure from '../../src/lib/server/scorecards/editor/structure';
import * as kpiEdits from '../../src/lib/server/scorecards/editor/kpis';
import * as targetEdits from '../../src/lib/server/scorecards/editor/targets';
import { adoptTemplate } from '../../src/lib/server/scorecards/editor/template';
import { loadEditorData } from '../../src/lib/server/scorecards/editor/read';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues,
	fieldBySlug,
	sharedKpi
} from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

describe('scorecard editor', () => {
	let handle: DatabaseHandle;
	let userId: number;
	/** The city whose scorecards are edited, and another city's scorecard it must not touch. */
	let city: string;
	let other: string;
	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		const weststadt = await createCity(db, { name: 'Weststadt' });
		const oststadt = await createCity(db, { name: 'Oststadt' });
		city = weststadt.slug;
		other = oststadt.slug;
		const organisationId = weststadt.id;
		userId = (await createUserWithRoles(db, [{ role: 'controller', organisationId }])).id;

		// Process optimisation: a participant without a scorecard yet, with two values delivered.
		const gpo = await fieldBySlug(db, 'geschaeftsprozessoptimierung');
		await db.insert(fieldParticipants).values({ fieldId: gpo.id, organisationId });
		await createValues(db, {
			organisationId,
			kpiId: (await sharedKpi(db, 'GPO-PROZBIB')).id,
			values: { '2026-Q1': 12, '2026-Q2': 14 }
		});
		await createValues(db, {
			organisationId,
			kpiId: (await sharedKpi(db, 'GPO-STUNDEN')).id,
			values: { '2026-Q2': 320 }
		});

		// Beihilfe in both cities: one KPI in the first perspective.
		for (const id of [weststadt.id, oststadt.id])
			await createScorecard(db, {
				organisationId: id,
				field: 'beihilfe',
				kpis: [{ code: 'BH-DAUER', perspective: 'mandate' }]
			});
		await createScorecard(db, {
			organisationId,
			field: 'service-center-d115',
			kpis: [{ code: 'D115-SL30', perspective: 'customers' }]
		});
		// Archive: targets for 2026 on two of three KPIs.
		await createScorecard(db, {
			organisationId,
			field: 'archivierung',
			kpis: [
				{ code: 'ARCH-ERSCHL', targets: { 2026: { greenMin: '60', yellowMin: '50' } } },
				{ code: 'ARCH-DIGITAL', targets: { 2026: { greenMin: '1000', yellowMin: '800' } } },
				{ code: 'ARCH-FACHQUAL' }
			]
		});
		// Vehicle registration: three values of the first KPI.
		const kfz = await createScorecard(db, {
			organisationId,
			field: 'kfz-zulassungswesen',
			kpis: [{ code: 'KFZ-IKFZ' }, { code: 'KFZ-WARTEZEIT', perspective: 'customers' }]
		});
		await createValues(db, {
			organisationId,
			kpiId: kfz.kpiIds.get('KFZ-IKFZ')!,
			values: { '2025-Q4': 20, '2026-Q1': 22, '2026-Q2': 25 }
		});
		// Online applications: two KPIs under one objective, weights 1 and 2.
		await createScorecard(db, {
			organisationId,
			field: 'elektronische-antragsverfahren',
			kpis: [
				{ code: 'EAV-EID', perspective: 'processes', weight: '1' },
				{ code: 'EAV-DURCHLAUF', perspective: 'processes', weight: '2' }
			]
		});
	}, 120_000);
	afterAll(() => handle.close());

	/** The current state of a city scorecard and a way to edit it at a given version. */
	async function open(city: string, field: string) {
		const target = (await findCityEditorTarget(handle.db, city, field))!;
		const scorecardId = await ensureScorecard(handle.db, target);
		const [row] = await handle.db
			.select({ version: scorecards.version })
			.from(scorecards)
			.where(eq(scorecards.id, scorecardId));
		const edit = <T>(change: (ctx: structure.EditContext) => Promise<T>, version = row!.version) =>
			editScorecard(handle.db, scorecardId, version, (tx: Tx) =>
				change({ tx, scorecardId, organisationId: target.organisation!.id, userId })
			);
		return { target, scorecardId, version: row!.version, edit };
	}

	const countWhere = async (table: typeof perspectives, scorecardId: number) =>
		(
			await handle.db.select({ n: count() }).from(table).where(eq(table.scorecardId, scorecardId))
		)[0]!.n;

	it('builds an empty city scorecard from the field template in one step, once', async () => {
		const { scorecardId, edit, target } = await open(city, 'geschaeftsprozessoptimierung');
		const before = await loadEditorData(handle.db, target, 'de');
		expect(before.perspectives).toEqual([]);
		expect(before.template).toMatchObject({ perspectives: 5 });

		const adopted = await edit((ctx) => adoptTemplate(ctx));
		expect(adopted.ok).toBe(true);
		const template = (await findTemplateEditorTarget(handle.db, 'geschaeftsprozessoptimierung'))!;
		const templateData = await loadEditorData(handle.db, template, 'de');
		const after = await loadEditorData(
			handle.db,
			(await findCityEditorTarget(handle.db, city, 'geschaeftsprozessoptimierung'))!,
			'de'
		);
		const shape = (d: typeof after) =>
			d.perspectives.map((p) => [
				p.name,
				p.objectives.map((o) => [o.title, o.kpis.map((k) => [k.code, k.weight])])
			]);
		expect(shape(after)).toEqual(shape(templateData));
		expect(shape(after)).toEqual([
			[
				'Auftragserfüllung / Wirkung',
				[['Gemeinsame Prozessbibliothek aufbauen', [['GPO-PROZBIB', 1]]]]
			],
			[
				'Bürger / Kunden',
				[['Projekte verlässlich für die Fachbereiche umsetzen', [['GPO-TERMINTREUE', 1]]]]
			],
			['Finanzen', [['Wirtschaftlichkeitseffekte nachweisen', [['GPO-STUNDEN', 1]]]]],
			['Prozesse', [['Methoden und Werkzeuge vereinheitlichen', [['GPO-STANDARD', 1]]]]],
			['Mitarbeitende', [['Methodenkompetenz aufbauen', [['GPO-PM-ZERT', 1]]]]]
		]);

		// Adopting again would duplicate everything: refused, nothing written.
		const again = await (
			await open(city, 'geschaeftsprozessoptimierung')
		).edit((ctx) => adoptTemplate(ctx));
		expect(again).toMatchObject({ ok: false, reason: 'not_empty' });
		expect(await countWhere(perspectives, scorecardId)).toBe(5);

		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(
				and(
					eq(auditLog.action, 'scorecard.adopt_template'),
					eq(auditLog.entityId, String(scorecardId))
				)
			);
		expect(audit).toHaveLength(1);

		// The overview now shows the shared KPIs with the values the city already delivered.
		const page = await loadScorecardPage(
			handle.db,
			{
				kind: 'user',
				principal: {
					userId,
					roles: [{ role: 'controller', organisationId: target.organisation!.id, fieldId: null }]
				}
			},
			city,
			'geschaeftsprozessoptimierung',
			'de'
		);
		// Values are there; without a city target or a common field target they cannot be judged yet.
		const adoptedKpis = page!.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
		expect(adoptedKpis.map((k) => [k.code, k.latest?.value ?? null, k.score])).toEqual([
			['GPO-PROZBIB', 14, null],
			['GPO-TERMINTREUE', null, null],
			['GPO-STUNDEN', 320, null],
			['GPO-STANDARD', null, null],
			['GPO-PM-ZERT', null, null]
		]);
		expect(page!.rollup).toMatchObject({ kpiCount: 5, scoredCount: 0 });
	});

	it('refuses a save made on a stale version and writes nothing', async () => {
		const { edit, version, scorecardId } = await open(city, 'beihilfe');
		const [perspective] = await handle.db
			.select()
			.from(perspectives)
			.where(and(eq(perspectives.scorecardId, scorecardId), eq(perspectives.key, 'customers')));
		const first = await edit((ctx) =>
			structure.addObjective(ctx, {
				perspectiveId: perspective!.id,
				title: 'Erstes Ziel',
				description: '',
				owner: ''
			})
		);
		expect(first.ok).toBe(true);
		const second = await edit(
			(ctx) =>
				structure.addObjective(ctx, {
					perspectiveId: perspective!.id,
					title: 'Zweites Ziel',
					description: '',
					owner: ''
				}),
			version
		);
		expect(second).toMatchObject({ ok: false, reason: 'conflict' });
		const titles = (
			await handle.db
				.select({ title: objectives.title })
				.from(objectives)
				.where(eq(objectives.perspectiveId, perspective!.id))
		).map((o) => o.title);
		expect(titles).toEqual(['Erstes Ziel']);
	});

	it('never touches an entity of another scorecard', async () => {
		const foreignCard = await open(other, 'beihilfe');
		const [foreign] = await handle.db
			.select()
			.from(perspectives)
			.where(
				and(eq(perspectives.scorecardId, foreignCard.scorecardId), eq(perspectives.key, 'finance'))
			);
		const own = await open(city, 'beihilfe');
		const result = await own.edit((ctx) =>
			structure.renamePerspective(ctx, {
				perspectiveId: foreign!.id,
				nameDe: 'Gekapert',
				nameEn: ''
			})
		);
		expect(result).toMatchObject({ ok: false, reason: 'not_found' });
		const [still] = await handle.db
			.select()
			.from(perspectives)
			.where(eq(perspectives.id, foreign!.id));
		expect(still!.nameDe).toBe('Finanzen');
	});

	it('checks target bands against the polarity and stores valid ones', async () => {
		const { edit, target } = await open(city, 'service-center-d115');
		const data = await loadEditorData(handle.db, target, 'de');
		const sl = data.perspectives
			.flatMap((p) => p.objectives.flatMap((o) => o.kpis))
			.find((k) => k.code === 'D115-SL30')!;
		expect(sl.polarity).toBe('higher_is_better');

		// "Higher is better" with an upper bound and yellow inside green: refused.
		const bad = await edit((ctx) =>
			targetEdits.setTarget(ctx, {
				scorecardKpiId: sl.scorecardKpiId,
				year: 2030,
				bands: { greenMin: 80, greenMax: 90, yellowMin: 85, yellowMax: null }
			})
		);
		expect(bad).toMatchObject({ ok: false, reason: 'invalid_bands' });
		expect(bad.ok ? [] : bad.problems).toEqual(['bound_not_allowed', 'yellow_inside_green']);
		const none = await handle.db
			.select()
			.from(targets)
			.where(and(eq(targets.scorecardKpiId, sl.scorecardKpiId), eq(targets.year, 2030)));
		expect(none).toEqual([]);

		const good = await (
			await open(city, 'service-center-d115')
		).edit((ctx) =>
			targetEdits.setTarget(ctx, {
				scorecardKpiId: sl.scorecardKpiId,
				year: 2030,
				bands: { greenMin: 80, greenMax: null, yellowMin: 70, yellowMax: null }
			})
		);
		expect(good.ok).toBe(true);
		const [stored] = await handle.db
			.select()
			.from(targets)
			.where(and(eq(targets.scorecardKpiId, sl.scorecardKpiId), eq(targets.year, 2030)));
		expect(
			[stored!.greenMin, stored!.greenMax, stored!.yellowMin, stored!.yellowMax].map((v) =>
				v === null ? null : Number(v)
			)
		).toEqual([80, null, 70, null]);
	});

	it('carries the targets of a year into the next one without overwriting', async () => {
		const { edit, scorecardId } = await open(city, 'archivierung');
		const ofYear = (year: number) =>
			handle.db
				.select({ n: count() })
				.from(targets)
				.innerJoin(scorecardKpis, eq(scorecardKpis.id, targets.scorecardKpiId))
				.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
				.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
				.where(and(eq(perspectives.scorecardId, scorecardId), eq(targets.year, year)));
		expect(await ofYear(2026)).toEqual([{ n: 2 }]);
		expect(await ofYear(2027)).toEqual([{ n: 0 }]);
		const copied = await edit((ctx) => targetEdits.copyTargetsToNextYear(ctx, { fromYear: 2026 }));
		expect(copied).toMatchObject({ ok: true, value: 2 });
		expect(await ofYear(2027)).toEqual([{ n: 2 }]);
		const again = await (
			await open(city, 'archivierung')
		).edit((ctx) => targetEdits.copyTargetsToNextYear(ctx, { fromYear: 2026 }));
		expect(again).toMatchObject({ ok: false, reason: 'nothing_to_copy' });
	});

	it('archives a KPI with values instead of deleting it, and can restore it', async () => {
		const { edit, target } = await open(city, 'kfz-zulassungswesen');
		const data = await loadEditorData(handle.db, target, 'de');
		const kpi = data.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis))[0]!;
		const [valuesBefore] = await handle.db
			.select({ n: count() })
			.from(measurements)
			.where(
				and(
					eq(measurements.organisationId, target.organisation!.id),
					eq(measurements.kpiId, kpi.kpiId)
				)
			);
		expect(kpi.code).toBe('KFZ-IKFZ');
		expect(valuesBefore!.n).toBe(3);

		const removed = await edit((ctx) =>
			kpiEdits.removeKpi(ctx, { scorecardKpiId: kpi.scorecardKpiId })
		);
		expect(removed).toMatchObject({ ok: true, value: 'archived' });
		const [valuesAfter] = await handle.db
			.select({ n: count() })
			.from(measurements)
			.where(
				and(
					eq(measurements.organisationId, target.organisation!.id),
					eq(measurements.kpiId, kpi.kpiId)
				)
			);
		expect(valuesAfter!.n).toBe(3);
		const page = await loadScorecardPage(
			handle.db,
			{ kind: 'anonymous' },
			city,
			'kfz-zulassungswesen',
			'de'
		);
		const codes = page!.perspectives.flatMap((p) =>
			p.objectives.flatMap((o) => o.kpis.map((k) => k.code))
		);
		expect(codes).toEqual(['KFZ-WARTEZEIT']);

		const restored = await (
			await open(city, 'kfz-zulassungswesen')
		).edit((ctx) => kpiEdits.restoreKpi(ctx, { scorecardKpiId: kpi.scorecardKpiId }));
		expect(restored.ok).toBe(true);
		const [row] = await handle.db
			.select()
			.from(scorecardKpis)
			.where(eq(scorecardKpis.id, kpi.scorecardKpiId));
		expect(row!.archivedAt).toBeNull();
	});

	it('refuses weights that differ by more than a factor of 100, keeping the old weight', async () => {
		const { edit, target } = await open(city, 'elektronische-antragsverfahren');
		const data = await loadEditorData(handle.db, target, 'de');
		const objective = data.perspectives
			.flatMap((p) => p.objectives)
			.find((o) => o.kpis.length >= 2)!;
		expect(objective.kpis.map((k) => [k.code, k.weight])).toEqual([
			['EAV-EID', 1],
			['EAV-DURCHLAUF', 2]
		]);
		const kpi = objective.kpis[0]!;
		// 2000 against 2: a factor of 1000.
		const result = await edit((ctx) =>
			kpiEdits.setWeight(ctx, { scorecardKpiId: kpi.scorecardKpiId, weight: 2000 })
		);
		expect(result).toMatchObject({ ok: false, reason: 'weights_uneven' });
		const [row] = await handle.db
			.select()
			.from(scorecardKpis)
			.where(eq(scorecardKpis.id, kpi.scorecardKpiId));
		expect(Number(row!.weight)).toBe(1);
	});

	it('creates a local KPI that is never comparable, refusing a duplicate code', async () => {
		const { edit, target, scorecardId } = await open(city, 'beihilfe');
		const [objective] = await handle.db
			.select({ id: objectives.id })
			.from(objectives)
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.where(eq(perspectives.scorecardId, scorecardId));
		const input = {
			objectiveId: objective!.id,
			code: 'WST-BH-01',
			nameDe: 'Anteil digital eingereichter Anträge',
			nameEn: '',
			definitionDe: 'Digital eingereichte Beihilfeanträge / alle Anträge',
			unit: 'percent' as const,
			decimals: 1,
			polarity: 'higher_is_better' as const,
			aggregation: 'mean' as const,
			validFromYear: 2026,
			weight: 1
		};
		expect((await edit((ctx) => kpiEdits.addLocalKpi(ctx, input))).ok).toBe(true);
		const duplicate = await (
			await open(city, 'beihilfe')
		).edit((ctx) => kpiEdits.addLocalKpi(ctx, input));
		expect(duplicate).toMatchObject({ ok: false, reason: 'code_taken' });
		const local = await handle.db
			.select()
			.from(kpis)
			.where(
				and(eq(kpis.code, 'WST-BH-01'), eq(kpis.ownerOrganisationId, target.organisation!.id))
			);
		expect(local).toHaveLength(1);
		const page = await loadScorecardPage(
			handle.db,
			{
				kind: 'user',
				principal: {
					userId,
					roles: [{ role: 'controller', organisationId: target.organisation!.id, fieldId: null }]
				}
			},
			city,
			'beihilfe',
			'de'
		);
		const view = page!.perspectives
			.flatMap((p) => p.objectives.flatMap((o) => o.kpis))
			.find((k) => k.code === 'WST-BH-01');
		expect(view?.comparable).toBe(false);
		expect(view?.status).toBe('no_data');
	});

	it('puts a new or moved objective last in its perspective, and moves one past its neighbour', async () => {
		const field = 'service-center-d115';
		/** The objectives' titles per perspective, in the order the editor lists them. */
		const shown = async () => {
			const target = (await findCityEditorTarget(handle.db, city, field))!;
			const editor = await loadEditorData(handle.db, target, 'de');
			return new Map(
				editor.perspectives.map((p) => [
					p.key,
					{ id: p.id, titles: p.objectives.map((o) => o.title) }
				])
			);
		};
		const step = async (change: (ctx: structure.EditContext) => Promise<unknown>) =>
			expect((await (await open(city, field)).edit(change)).ok).toBe(true);
		const idOf = async (title: string) =>
			(await handle.db.select().from(objectives).where(eq(objectives.title, title)))[0]!.id;
		const finance = (await shown()).get('finance')!.id;
		const staff = (await shown()).get('staff')!.id;
		const add = (perspectiveId: number, title: string) =>
			step((ctx) =>
				structure.addObjective(ctx, { perspectiveId, title, description: '', owner: '' })
			);

		await add(finance, 'Kosten senken');
		await add(finance, 'Erlöse sichern');
		await add(staff, 'Wissen teilen');
		expect((await shown()).get('finance')!.titles).toEqual(['Kosten senken', 'Erlöse sichern']);

		const erloese = await idOf('Erlöse sichern');
		await step((ctx) => structure.moveObjective(ctx, { objectiveId: erloese, direction: 'up' }));
		expect((await shown()).get('finance')!.titles).toEqual(['Erlöse sichern', 'Kosten senken']);

		const kosten = await idOf('Kosten senken');
		await step((ctx) =>
			structure.updateObjective(ctx, {
				objectiveId: kosten,
				perspectiveId: staff,
				title: 'Kosten senken',
				description: '',
				owner: ''
			})
		);
		const after = await shown();
		expect(after.get('finance')!.titles).toEqual(['Erlöse sichern']);
		expect(after.get('staff')!.titles).toEqual(['Wissen teilen', 'Kosten senken']);
	});

	it('keeps a non-empty perspective and the last one', async () => {
		const { edit, scorecardId } = await open(city, 'archivierung');
		const [withObjectives] = await handle.db
			.select({ id: perspectives.id })
			.from(perspectives)
			.innerJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
			.where(eq(perspectives.scorecardId, scorecardId));
		const result = await edit((ctx) =>
			structure.deletePerspective(ctx, { perspectiveId: withObjectives!.id })
		);
		expect(result).toMatchObject({ ok: false, reason: 'not_empty' });
		const templates = await handle.db
			.select()
			.from(scorecards)
			.where(isNull(scorecards.organisationId));
		// One template per field of the reference data.
		expect(templates).toHaveLength(10);
	});
});
