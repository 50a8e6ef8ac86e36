import { alias } from 'drizzle-orm/pg-core';
import { count, eq, isNotNull, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../client';
import {
	appSettings,
	cooperationFields,
	exchangeNotes,
	kpis,
	kpiVersions,
	measurements,
	objectiveLinks,
	objectives,
	organisations,
	perspectives,
	populations,
	scorecards,
	targets,
	valueFactors
} from '../schema';
import type { DatabaseHandle } from '../types';
import { catalogue } from './catalogue';
import { generateDemoMeasurements } from './demo-values';
import { seedDatabase } from './index';

async function counts(handle: DatabaseHandle) {
	const { db } = handle;
	const [orgs, fields, kpiCount, versions, cards, persp, tgts, values, pops, notes, factors] =
		await Promise.all([
			db.$count(organisations),
			db.$count(cooperationFields),
			db.$count(kpis),
			db.$count(kpiVersions),
			db.$count(scorecards),
			db.$count(perspectives),
			db.$count(targets),
			db.$count(measurements),
			db.$count(populations),
			db.$count(exchangeNotes),
			db.$count(valueFactors)
		]);
	return { orgs, fields, kpiCount, versions, cards, persp, tgts, values, pops, notes, factors };
}

describe('seedDatabase with demo data', () => {
	let handle: DatabaseHandle;

	beforeAll(async () => {
		handle = await openDatabase({});
		await handle.migrate();
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('seeds reference data, 10 field templates, 130 city scorecards and the generated values', async () => {
		const summary = await seedDatabase(handle.db, { demo: true });
		const expectedValues = generateDemoMeasurements().length;
		expect(summary).toEqual({
			organisations: 14,
			kpis: catalogue.length,
			// 13 cities × 10 fields, plus one template per field.
			scorecards: 140,
			measurements: expectedValues
		});

		const { db } = handle;
		expect(await db.$count(organisations, eq(organisations.kind, 'city'))).toBe(13);
		expect(await db.$count(organisations, eq(organisations.kind, 'association'))).toBe(1);
		expect(await db.$count(cooperationFields)).toBe(10);
		expect(await db.$count(populations)).toBe(13);
		expect(await db.$count(appSettings, eq(appSettings.value, 'true'))).toBe(1);

		const perScorecard = await db
			.select({ scorecardId: perspectives.scorecardId, n: count() })
			.from(perspectives)
			.groupBy(perspectives.scorecardId);
		// Köln's process optimisation scorecard is left empty on purpose (DEMO_UNBUILT).
		expect(perScorecard).toHaveLength(139);
		expect(perScorecard.every((p) => p.n === 5)).toBe(true);
		expect(await db.$count(scorecards, isNull(scorecards.organisationId))).toBe(10);

		const leads = await db
			.select({ field: cooperationFields.slug, lead: organisations.slug })
			.from(cooperationFields)
			.innerJoin(organisations, eq(organisations.id, cooperationFields.leadOrganisationId));
		expect(leads.map((l) => `${l.field}:${l.lead}`).sort()).toEqual([
			'einkauf-vergabe-beschaffung:deutscher-staedtetag',
			'elektronische-antragsverfahren:muenster',
			'geschaeftsprozessoptimierung:hamm'
		]);

		expect(await db.$count(targets)).toBeGreaterThan(129 * 3 * 3);
		expect(await db.$count(measurements, isNotNull(measurements.caseCount))).toBeGreaterThan(0);
	});

	it('gives every built city scorecard cause–effect links that run up the strategy map', async () => {
		const { db } = handle;
		const fromObjective = alias(objectives, 'from_objective');
		const toObjective = alias(objectives, 'to_objective');
		const fromPerspective = alias(perspectives, 'from_perspective');
		const toPerspective = alias(perspectives, 'to_perspective');
		const links = await db
			.select({
				scorecardId: fromPerspective.scorecardId,
				toScorecardId: toPerspective.scorecardId,
				city: scorecards.organisationId,
				from: fromPerspective.key,
				to: toPerspective.key
			})
			.from(objectiveLinks)
			.innerJoin(fromObjective, eq(fromObjective.id, objectiveLinks.fromObjectiveId))
			.innerJoin(toObjective, eq(toObjective.id, objectiveLinks.toObjectiveId))
			.innerJoin(fromPerspective, eq(fromPerspective.id, fromObjective.perspectiveId))
			.innerJoin(toPerspective, eq(toPerspective.id, toObjective.perspectiveId))
			.innerJoin(scorecards, eq(scorecards.id, fromPerspective.scorecardId));
		// 13 cities × 45 links over the ten fields, less the 5 of Köln's unbuilt process scorecard.
		expect(links).toHaveLength(13 * 45 - 5);
		expect(links.every((l) => l.scorecardId === l.toScorecardId && l.city !== null)).toBe(true);
		expect(new Set(links.map((l) => l.scorecardId)).size).toBe(129);
		// Learning → processes → customers → finance → mandate: a cause sits lower than its effect.
		const rank = { staff: 0, processes: 1, customers: 2, finance: 3, mandate: 4 } as const;
		const wrongWay = links.filter(
			(l) => rank[l.from as keyof typeof rank] >= rank[l.to as keyof typeof rank]
		);
		expect(wrongWay).toEqual([]);
		for (const key of Object.keys(rank))
			expect(
				links.some((l) => l.from === key || l.to === key),
				key
			).toBe(true);
	});

	it('gives exactly one KPI a second version, used by its values from 2025 Q1', async () => {
		const { db } = handle;
		const perKpi = await db
			.select({ kpiId: kpiVersions.kpiId, n: count() })
			.from(kpiVersions)
			.groupBy(kpiVersions.kpiId);
		const versioned = perKpi.filter((v) => v.n === 2);
		expect(versioned).toHaveLength(1);
		expect(perKpi.every((v) => v.n <= 2)).toBe(true);

		const kpiId = versioned[0]?.kpiId ?? -1;
		const rows = await db
			.select({
				year: measurements.year,
				validFromYear: kpiVersions.validFromYear
			})
			.from(measurements)
			.innerJoin(kpiVersions, eq(kpiVersions.id, measurements.kpiVersionId))
			.where(eq(measurements.kpiId, kpiId));
		expect(rows.length).toBeGreaterThan(100);
		expect(rows.every((r) => r.validFromYear === (r.year >= 2025 ? 2025 : 2020))).toBe(true);
	});

	it('changes nothing on a second run', async () => {
		const before = await counts(handle);
		expect(before.notes).toBe(3);
		expect(before.factors).toBe(2);
		const summary = await seedDatabase(handle.db, { demo: true });
		expect(await counts(handle)).toEqual(before);
		expect(summary.measurements).toBe(before.values);
	});
});

describe('seedDatabase without demo data', () => {
	let handle: DatabaseHandle;

	beforeAll(async () => {
		handle = await openDatabase({});
		await handle.migrate();
	});
	afterAll(async () => {
		await handle?.close();
	});

	it('creates reference data only, and demo data can follow later', async () => {
		const summary = await seedDatabase(handle.db, { demo: false });
		expect(summary).toEqual({
			organisations: 14,
			kpis: catalogue.length,
			// The field templates are reference data: a fresh installation can adopt them.
			scorecards: 10,
			measurements: 0
		});
		expect(await handle.db.$count(appSettings)).toBe(0);

		const later = await seedDatabase(handle.db, { demo: true });
		expect(later.scorecards).toBe(140);
		expect(later.measurements).toBe(generateDemoMeasurements().length);
	});
});
