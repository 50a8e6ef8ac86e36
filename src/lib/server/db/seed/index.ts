import { and, inArray, isNull, ne } from 'drizzle-orm';
import {
	appSettings,
	cooperationFields,
	fieldParticipants,
	kpis,
	kpiVersions,
	measurements,
	organisations,
	scorecards
} from '../schema';
import type { Db, Tx } from '../types';
import { seedDemoUsers } from './demo-users';
import { seedDemoPeriods } from './demo-periods';
import { seedDemoPeerGroups } from './demo-peer-groups';
import { seedDemoPilots } from './demo-pilots';
import { seedDemoExchange } from './demo-exchange';
import { seedScorecards, seedTemplates } from './scorecards';
import { chunks, required, type ReferenceIds } from './util';
import { catalogue, CATALOGUE_VALID_FROM, type CatalogueKpi } from './catalogue';
import { demoCities, generateDemoMeasurements, type DemoCity } from './demo-values';
import { seedDirectory } from '../../directory/seed';
import {
	ASSOCIATION_SLUG,
	FOUNDING_DATE,
	referenceCities,
	referenceFields,
	referenceOrganisations
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

	// Official AGS, Kreis and Zensus 2022 inhabitants; members' denominators follow them.
	await seedDirectory(tx);

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
	const ids = { organisations: orgIds, fields: fieldIds, ...kpiIds };
	await seedTemplates(tx, ids);
	return ids;
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

async function seedDemo(tx: Tx, ids: ReferenceIds): Promise<void> {
	const cities: DemoCity[] = demoCities();
	await seedScorecards(tx, ids, cities);
	await seedDemoUsers(tx, ids);
	await seedDemoPeriods(tx, ids);
	await seedDemoPeerGroups(tx, ids);
	await seedDemoPilots(tx, ids);

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
	await seedDemoExchange(tx, ids);

	await tx
		.insert(appSettings)
		.values({ key: DEMO_SETTING_KEY, value: 'true' })
		.onConflictDoUpdate({
			target: appSettings.key,
			set: { value: 'true', updatedAt: new Date() },
			setWhere: ne(appSettings.value, 'true')
		});
}
