import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/types';
import {
	appSettings,
	cooperationFields,
	fieldParticipants,
	kpis,
	organisations,
	populations,
	scorecards
} from '../db/schema';

export interface PopulationFigure {
	inhabitants: number;
	referenceDate: string;
	source: string;
	isEstimate: boolean;
}

export interface CityListItem {
	id: number;
	slug: string;
	name: string;
	ags: string | null;
	population: PopulationFigure | null;
}

/** Latest population per organisation: DISTINCT ON over the (organisation, date) primary key. */
const latestPopulation = (db: DbOrTx) =>
	db
		.selectDistinctOn([populations.organisationId], {
			organisationId: populations.organisationId,
			inhabitants: populations.inhabitants,
			referenceDate: populations.referenceDate,
			source: populations.source,
			isEstimate: populations.isEstimate
		})
		.from(populations)
		.orderBy(populations.organisationId, desc(populations.referenceDate))
		.as('latest_population');

/** Cities (not associations) with their latest population; optionally narrowed. */
async function selectCities(db: DbOrTx, narrow?: SQL): Promise<CityListItem[]> {
	const pop = latestPopulation(db);
	const rows = await db
		.select({
			id: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			ags: organisations.ags,
			inhabitants: pop.inhabitants,
			referenceDate: pop.referenceDate,
			source: pop.source,
			isEstimate: pop.isEstimate
		})
		.from(organisations)
		.leftJoin(pop, eq(pop.organisationId, organisations.id))
		.where(and(ne(organisations.kind, 'association'), narrow))
		.orderBy(asc(organisations.name));
	return rows.map(({ inhabitants, referenceDate, source, isEstimate, ...city }) => ({
		...city,
		population:
			inhabitants === null || referenceDate === null || source === null || isEstimate === null
				? null
				: { inhabitants, referenceDate, source, isEstimate }
	}));
}

export const listCities = (db: DbOrTx) => selectCities(db);

export async function findCityBySlug(db: DbOrTx, slug: string): Promise<CityListItem | null> {
	const [city] = await selectCities(db, eq(organisations.slug, slug));
	return city ?? null;
}

export interface FieldListItem {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
	descriptionDe: string;
	descriptionEn: string;
	lead: { slug: string; name: string } | null;
	participants: number;
	sharedKpis: number;
}

export async function listFields(db: DbOrTx): Promise<FieldListItem[]> {
	const lead = alias(organisations, 'lead');
	const participantCount = db
		.select({ fieldId: fieldParticipants.fieldId, n: count().as('participants') })
		.from(fieldParticipants)
		.groupBy(fieldParticipants.fieldId)
		.as('participant_count');
	const kpiCount = db
		.select({ fieldId: kpis.fieldId, n: count().as('shared_kpis') })
		.from(kpis)
		.where(and(sql`${kpis.ownerOrganisationId} is null`, sql`${kpis.archivedAt} is null`))
		.groupBy(kpis.fieldId)
		.as('kpi_count');
	const rows = await db
		.select({
			id: cooperationFields.id,
			slug: cooperationFields.slug,
			nameDe: cooperationFields.nameDe,
			nameEn: cooperationFields.nameEn,
			descriptionDe: cooperationFields.descriptionDe,
			descriptionEn: cooperationFields.descriptionEn,
			leadSlug: lead.slug,
			leadName: lead.name,
			participants: participantCount.n,
			sharedKpis: kpiCount.n
		})
		.from(cooperationFields)
		.leftJoin(lead, eq(lead.id, cooperationFields.leadOrganisationId))
		.leftJoin(participantCount, eq(participantCount.fieldId, cooperationFields.id))
		.leftJoin(kpiCount, eq(kpiCount.fieldId, cooperationFields.id))
		.orderBy(asc(cooperationFields.sortOrder), asc(cooperationFields.nameDe));
	return rows.map(({ leadSlug, leadName, participants, sharedKpis, ...field }) => ({
		...field,
		lead: leadSlug && leadName ? { slug: leadSlug, name: leadName } : null,
		participants: Number(participants ?? 0),
		sharedKpis: Number(sharedKpis ?? 0)
	}));
}

/** The fields in which a city keeps a scorecard. */
export async function listScorecardFieldIds(
	db: DbOrTx,
	organisationId: number
): Promise<Set<number>> {
	const rows = await db
		.select({ fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(eq(scorecards.organisationId, organisationId));
	return new Set(rows.map((r) => r.fieldId));
}

const demoFlags = new WeakMap<DbOrTx, Promise<boolean>>();

/**
 * The demo flag, read once per database handle: only seeding sets it, before the app serves
 * (startup's demo seed) or offline (`npm run db:seed`, followed by a restart). Every page's
 * layout shows it, so reading it per request cost a statement on every request. A failed read
 * is not kept.
 */
export function demoInstallationOnce(db: DbOrTx): Promise<boolean> {
	let flag = demoFlags.get(db);
	if (!flag) {
		flag = isDemoInstallation(db);
		demoFlags.set(db, flag);
		flag.catch(() => demoFlags.delete(db));
	}
	return flag;
}

export async function isDemoInstallation(db: DbOrTx): Promise<boolean> {
	const [row] = await db
		.select({ value: appSettings.value })
		.from(appSettings)
		.where(eq(appSettings.key, 'demo_data'));
	return row?.value === 'true';
}
