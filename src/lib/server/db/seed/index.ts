import { and, inArray, isNull, ne } from 'drizzle-orm';
import {
	appSettings,
	cooperationFields,
	fieldParticipants,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	populations,
	scorecardKpis,
	scorecards,
	targets
} from '../schema';
import type { Db, Tx } from '../types';
import { catalogue, CATALOGUE_VALID_FROM, type CatalogueKpi } from './catalogue';
import {
	DEMO_TARGET_YEARS,
	demoTargetBands,
	generateDemoMeasurements,
	type DemoCity
} from './demo-values';
import {
	ASSOCIATION_SLUG,
	defaultPerspectives,
	FOUNDING_DATE,
	latestInhabitants,
	referenceCities,
	referenceFields,
	referenceOrganisations,
	referencePopulations,
	type PerspectiveKey
} from './reference';

export interface SeedOptions {
	/** Also create demo scorecards, targets and twelve quarters of values for every city. */
	demo: boolean;
}

/** Rows present after seeding (not rows inserted): a second run reports the same numbers. */
export interface SeedSummary {
	organisations: number;
	kpis: number;
	scorecards: number;
	measurements: number;
}

export const DEMO_SETTING_KEY = 'demo_data';
const CHUNK_SIZE = 1000;

interface ReferenceIds {
	organisations: Map<string, number>;
	fields: Map<string, number>;
	/** KPI id by code. */
	kpis: Map<string, number>;
	/** Version id by `${kpiId}|${year}|${quarter}` of its validity start. */
	versions: Map<string, number>;
}

function chunks<T>(rows: readonly T[], size = CHUNK_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

function required<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
	const value = map.get(key);
	if (value === undefined) throw new Error(`Seed: ${what} "${String(key)}" not found`);
	return value;
}

const versionKey = (kpiId: number, year: number, quarter: number) => `${kpiId}|${year}|${quarter}`;

/**
 * Seeds reference data (members, inhabitants, fields, the shared KPI catalogue) and, on request,
 * demo scorecards and values, in one transaction. Natural keys make it idempotent: existing rows
 * are kept as they are, missing ones are added.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedSummary> {
	return db.transaction(async (tx) => {
		const ids = await seedReference(tx);
		if (options.demo) await seedDemo(tx, ids);
		const [orgCount, kpiCount, scorecardCount, measurementCount] = await Promise.all([
			tx.$count(organisations),
			tx.$count(kpis),
			tx.$count(scorecards),
			tx.$count(measurements)
		]);
		return {
			organisations: orgCount,
			kpis: kpiCount,
			scorecards: scorecardCount,
			measurements: measurementCount
		};
	});
}

async function seedReference(tx: Tx): Promise<ReferenceIds> {
	await tx
		.insert(organisations)
		.values(referenceOrganisations.map(({ slug, name, kind, ags }) => ({ slug, name, kind, ags })))
		.onConflictDoNothing();
	const orgRows = await tx
		.select({ id: organisations.id, slug: organisations.slug })
		.from(organisations)
		.where(
			inArray(
				organisations.slug,
				referenceOrganisations.map((o) => o.slug)
			)
		);
	const orgIds = new Map(orgRows.map((r) => [r.slug, r.id]));

	await tx
		.insert(populations)
		.values(
			referencePopulations.map((p) => ({
				organisationId: required(orgIds, p.organisationSlug, 'organisation'),
				referenceDate: p.referenceDate,
				inhabitants: p.inhabitants,
				source: p.source,
				isEstimate: p.isEstimate
			}))
		)
		.onConflictDoNothing();

	await tx
		.insert(cooperationFields)
		.values(
			referenceFields.map((f) => ({
				slug: f.slug,
				nameDe: f.nameDe,
				nameEn: f.nameEn,
				descriptionDe: f.descriptionDe,
				descriptionEn: f.descriptionEn,
				sortOrder: f.sortOrder,
				leadOrganisationId: f.leadSlug ? required(orgIds, f.leadSlug, 'organisation') : null
			}))
		)
		.onConflictDoNothing();
	const fieldRows = await tx
		.select({ id: cooperationFields.id, slug: cooperationFields.slug })
		.from(cooperationFields)
		.where(
			inArray(
				cooperationFields.slug,
				referenceFields.map((f) => f.slug)
			)
		);
	const fieldIds = new Map(fieldRows.map((r) => [r.slug, r.id]));

	const participants = referenceFields.flatMap((f) => {
		const members = referenceCities.map((c) => c.slug);
		if (f.leadSlug === ASSOCIATION_SLUG) members.push(ASSOCIATION_SLUG);
		return members.map((slug) => ({
			fieldId: required(fieldIds, f.slug, 'field'),
			organisationId: required(orgIds, slug, 'organisation'),
			joinedOn: FOUNDING_DATE
		}));
	});
	await tx.insert(fieldParticipants).values(participants).onConflictDoNothing();

	const kpiIds = await seedCatalogue(tx, fieldIds);
	return { organisations: orgIds, fields: fieldIds, ...kpiIds };
}

async function seedCatalogue(
	tx: Tx,
	fieldIds: ReadonlyMap<string, number>
): Promise<Pick<ReferenceIds, 'kpis' | 'versions'>> {
	const sortOrders = new Map<string, number>();
	await tx
		.insert(kpis)
		.values(
			catalogue.map((k) => {
				const sortOrder = (sortOrders.get(k.fieldSlug) ?? 0) + 1;
				sortOrders.set(k.fieldSlug, sortOrder);
				return { fieldId: required(fieldIds, k.fieldSlug, 'field'), code: k.code, sortOrder };
			})
		)
		.onConflictDoNothing();
	const kpiRows = await tx
		.select({ id: kpis.id, code: kpis.code, fieldId: kpis.fieldId })
		.from(kpis)
		.where(
			and(
				isNull(kpis.ownerOrganisationId),
				inArray(
					kpis.code,
					catalogue.map((k) => k.code)
				)
			)
		);
	const kpiIds = new Map(
		catalogue.map((k) => {
			const fieldId = fieldIds.get(k.fieldSlug);
			const row = kpiRows.find((r) => r.code === k.code && r.fieldId === fieldId);
			if (!row) throw new Error(`Seed: KPI "${k.code}" not found`);
			return [k.code, row.id];
		})
	);

	await tx
		.insert(kpiVersions)
		.values(catalogue.flatMap((k) => versionRows(k, required(kpiIds, k.code, 'KPI'))))
		.onConflictDoNothing();
	const versionRowsInDb = await tx
		.select({
			id: kpiVersions.id,
			kpiId: kpiVersions.kpiId,
			year: kpiVersions.validFromYear,
			quarter: kpiVersions.validFromQuarter
		})
		.from(kpiVersions)
		.where(inArray(kpiVersions.kpiId, [...kpiIds.values()]));
	const versions = new Map(
		versionRowsInDb.map((v) => [versionKey(v.kpiId, v.year, v.quarter), v.id])
	);
	return { kpis: kpiIds, versions };
}

function versionRows(k: CatalogueKpi, kpiId: number): (typeof kpiVersions.$inferInsert)[] {
	const base = {
		kpiId,
		nameDe: k.nameDe,
		nameEn: k.nameEn,
		unit: k.unit,
		decimals: k.decimals,
		polarity: k.polarity,
		aggregation: k.aggregation,
		denominator: k.denominator,
		source: k.source,
		plausibleChangePercent: k.plausibleChangePercent,
		greenMin: k.commonTarget?.greenMin ?? null,
		greenMax: k.commonTarget?.greenMax ?? null,
		yellowMin: k.commonTarget?.yellowMin ?? null,
		yellowMax: k.commonTarget?.yellowMax ?? null
	};
	return [
		{
			...base,
			validFromYear: CATALOGUE_VALID_FROM.year,
			validFromQuarter: CATALOGUE_VALID_FROM.quarter,
			definitionDe: k.definitionDe,
			definitionEn: k.definitionEn
		},
		...k.revisions.map((r) => ({
			...base,
			validFromYear: r.validFromYear,
			validFromQuarter: r.validFromQuarter,
			definitionDe: r.definitionDe,
			definitionEn: r.definitionEn
		}))
	];
}

/** The field's template: objectives per perspective in catalogue order, each with its KPIs. */
function template(
	fieldSlug: string
): Map<PerspectiveKey, { title: string; kpis: CatalogueKpi[] }[]> {
	const byPerspective = new Map<PerspectiveKey, { title: string; kpis: CatalogueKpi[] }[]>();
	for (const k of catalogue.filter((c) => c.fieldSlug === fieldSlug)) {
		const list = byPerspective.get(k.perspective) ?? [];
		const objective = list.find((o) => o.title === k.objective);
		if (objective) objective.kpis.push(k);
		else list.push({ title: k.objective, kpis: [k] });
		byPerspective.set(k.perspective, list);
	}
	return byPerspective;
}

async function seedDemo(tx: Tx, ids: ReferenceIds): Promise<void> {
	const inhabitants = latestInhabitants();
	const cities: DemoCity[] = referenceCities.map((c) => ({
		slug: c.slug,
		inhabitants: required(inhabitants, c.slug, 'population')
	}));
	await seedScorecards(tx, ids, cities);

	const rows = generateDemoMeasurements(cities, catalogue).map((m) => {
		const kpiId = required(ids.kpis, m.kpiCode, 'KPI');
		const { year, quarter } = m.versionValidFrom;
		return {
			organisationId: required(ids.organisations, m.organisationSlug, 'organisation'),
			kpiId,
			kpiVersionId: required(ids.versions, versionKey(kpiId, year, quarter), 'KPI version'),
			year: m.year,
			quarter: m.quarter,
			value: m.value,
			caseCount: m.caseCount,
			state: m.state,
			comment: m.comment,
			updatedAt: m.updatedAt,
			releasedAt: m.releasedAt
		};
	});
	for (const chunk of chunks(rows)) {
		await tx.insert(measurements).values(chunk).onConflictDoNothing();
	}

	await tx
		.insert(appSettings)
		.values({ key: DEMO_SETTING_KEY, value: 'true' })
		.onConflictDoUpdate({
			target: appSettings.key,
			set: { value: 'true', updatedAt: new Date() },
			setWhere: ne(appSettings.value, 'true')
		});
}

/** One scorecard per city and field, built from the field template; existing ones are left alone. */
async function seedScorecards(tx: Tx, ids: ReferenceIds, cities: readonly DemoCity[]) {
	const cityIds = cities.map((c) => required(ids.organisations, c.slug, 'organisation'));
	const existing = await tx
		.select({ organisationId: scorecards.organisationId, fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(inArray(scorecards.organisationId, cityIds));
	const have = new Set(existing.map((s) => `${s.organisationId}|${s.fieldId}`));
	const cityName = new Map(referenceCities.map((c) => [c.slug, c.name]));

	const wanted = cities.flatMap((city) =>
		referenceFields.map((field) => ({
			city,
			field,
			organisationId: required(ids.organisations, city.slug, 'organisation'),
			fieldId: required(ids.fields, field.slug, 'field')
		}))
	);
	const missing = wanted.filter((w) => !have.has(`${w.organisationId}|${w.fieldId}`));
	if (missing.length === 0) return;

	const created = await tx
		.insert(scorecards)
		.values(
			missing.map((m) => ({
				organisationId: m.organisationId,
				fieldId: m.fieldId,
				mission: `${cityName.get(m.city.slug) ?? m.city.slug} steigert im Kooperationsfeld „${m.field.nameDe}“ gemeinsam mit den Partnerstädten Wirtschaftlichkeit, Qualität und Wirkung.`
			}))
		)
		.returning({
			id: scorecards.id,
			organisationId: scorecards.organisationId,
			fieldId: scorecards.fieldId
		});
	const scorecardOf = new Map(created.map((s) => [`${s.organisationId}|${s.fieldId}`, s.id]));
	const context = new Map(
		missing.map((m) => [
			required(scorecardOf, `${m.organisationId}|${m.fieldId}`, 'scorecard'),
			{ city: m.city, template: template(m.field.slug) }
		])
	);

	const perspectiveRows = await tx
		.insert(perspectives)
		.values(
			[...context.keys()].flatMap((scorecardId) =>
				defaultPerspectives.map((p) => ({ scorecardId, ...p }))
			)
		)
		.returning({
			id: perspectives.id,
			scorecardId: perspectives.scorecardId,
			key: perspectives.key
		});

	const objectiveInputs = perspectiveRows.flatMap((p) => {
		const ctx = required(context, p.scorecardId, 'scorecard');
		const list = ctx.template.get(p.key as PerspectiveKey) ?? [];
		return list.map((o, i) => ({
			perspectiveId: p.id,
			title: o.title,
			sortOrder: i + 1,
			ctx,
			kpis: o.kpis
		}));
	});
	const objectiveRows: { id: number; perspectiveId: number; sortOrder: number }[] = [];
	for (const chunk of chunks(objectiveInputs)) {
		objectiveRows.push(
			...(await tx
				.insert(objectives)
				.values(
					chunk.map(({ perspectiveId, title, sortOrder }) => ({ perspectiveId, title, sortOrder }))
				)
				.returning({
					id: objectives.id,
					perspectiveId: objectives.perspectiveId,
					sortOrder: objectives.sortOrder
				}))
		);
	}
	const objectiveId = new Map(
		objectiveRows.map((o) => [`${o.perspectiveId}|${o.sortOrder}`, o.id])
	);

	const kpiInputs = objectiveInputs.flatMap((o) =>
		o.kpis.map((k, i) => ({
			objectiveId: required(objectiveId, `${o.perspectiveId}|${o.sortOrder}`, 'objective'),
			kpiId: required(ids.kpis, k.code, 'KPI'),
			weight: String(k.weight),
			sortOrder: i + 1,
			kpi: k,
			city: o.ctx.city
		}))
	);
	const targetRows: (typeof targets.$inferInsert)[] = [];
	for (const chunk of chunks(kpiInputs)) {
		const inserted = await tx
			.insert(scorecardKpis)
			.values(
				chunk.map(({ objectiveId, kpiId, weight, sortOrder }) => ({
					objectiveId,
					kpiId,
					weight,
					sortOrder
				}))
			)
			.returning({
				id: scorecardKpis.id,
				objectiveId: scorecardKpis.objectiveId,
				kpiId: scorecardKpis.kpiId
			});
		const inputOf = new Map(chunk.map((c) => [`${c.objectiveId}|${c.kpiId}`, c]));
		for (const row of inserted) {
			const input = required(inputOf, `${row.objectiveId}|${row.kpiId}`, 'scorecard KPI');
			for (const year of DEMO_TARGET_YEARS) {
				targetRows.push({
					scorecardKpiId: row.id,
					year,
					...demoTargetBands(input.kpi, input.city, year)
				});
			}
		}
	}
	for (const chunk of chunks(targetRows)) {
		await tx.insert(targets).values(chunk).onConflictDoNothing();
	}
}
