import { and, asc, eq, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../db/schema';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import type { Quarter } from '../../domain/period/quarter';
import type { MeasurementRow } from '../../domain/scorecard/types';
import type { CityValueRow } from '../../domain/compare/types';
import {
	kpiOfScorecardKpi,
	liveKpiOfObjective,
	objectiveInPerspective,
	structureColumns,
	structureOrder,
	measurementRowColumns
} from '../scorecards/structure-columns';

/** The city of the overview: by id (the viewer's own) or by the slug in the URL. */
export type CityKey = { id: number } | { slug: string };

const cityIs = (city: CityKey): SQL =>
	'id' in city ? eq(organisations.id, city.id) : eq(organisations.slug, city.slug);

/** The city's id as a subquery, so the reads below need not wait for the city's lookup. */
const cityId = (db: DbOrTx, city: CityKey) =>
	db.select({ id: organisations.id }).from(organisations).where(cityIs(city));

/** Every city with the fields it keeps a scorecard in: the picker and the overview's rows. */
export function loadCitiesWithScorecards(db: DbOrTx) {
	return db
		.select({
			organisationId: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			scorecardId: scorecards.id,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn
		})
		.from(organisations)
		.leftJoin(scorecards, eq(scorecards.organisationId, organisations.id))
		.leftJoin(cooperationFields, eq(cooperationFields.id, scorecards.fieldId))
		.where(ne(organisations.kind, 'association'))
		.orderBy(
			asc(organisations.name),
			asc(cooperationFields.sortOrder),
			asc(cooperationFields.nameDe)
		);
}

/**
 * Perspectives → objectives → KPIs of all the city's scorecards with every definition version
 * and the city's yearly targets, in one read (the rows repeat per version and target year; the
 * server splits them). Empty scorecards have no perspective and no row here.
 */
export function loadCityStructure(db: DbOrTx, city: CityKey) {
	return db
		.select({
			scorecardId: perspectives.scorecardId,
			...structureColumns,
			versionId: kpiVersions.id,
			...kpiDefinitionColumns,
			targetYear: targets.year,
			targetGreenMin: targets.greenMin,
			targetGreenMax: targets.greenMax,
			targetYellowMin: targets.yellowMin,
			targetYellowMax: targets.yellowMax
		})
		.from(perspectives)
		.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
		.innerJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.leftJoin(objectives, objectiveInPerspective)
		.leftJoin(scorecardKpis, liveKpiOfObjective)
		.leftJoin(kpis, kpiOfScorecardKpi)
		.leftJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.leftJoin(targets, eq(targets.scorecardKpiId, scorecardKpis.id))
		.where(cityIs(city))
		.orderBy(
			asc(perspectives.scorecardId),
			...structureOrder,
			asc(kpiVersions.validFromYear),
			asc(kpiVersions.validFromQuarter)
		);
}

export type CityStructureRow = Awaited<ReturnType<typeof loadCityStructure>>[number];

/** The KPIs on the city's scorecards (live ones, as loadCityStructure reads them), as a subquery. */
const scorecardKpiIds = (db: DbOrTx, city: CityKey) =>
	db
		.select({ kpiId: scorecardKpis.kpiId })
		.from(perspectives)
		.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
		.innerJoin(objectives, objectiveInPerspective)
		.innerJoin(scorecardKpis, liveKpiOfObjective)
		.where(inArray(scorecards.organisationId, cityId(db, city)));

/**
 * The values of the KPIs on the city's scorecards that the viewer may see (its own drafts only
 * for its own people). Only those KPIs: a city reports shared KPIs of fields it keeps no
 * scorecard in, or that left its scorecard, and at NRW scale reading all of them made the
 * overview read ten times the rows it shows (docs/performance.md, 16 million values).
 */
export function loadCityValues(
	db: DbOrTx,
	viewer: Viewer,
	city: CityKey
): Promise<MeasurementRow[]> {
	return db
		.select(measurementRowColumns)
		.from(measurements)
		.where(
			and(
				inArray(measurements.organisationId, cityId(db, city)),
				inArray(measurements.kpiId, scorecardKpiIds(db, city)),
				visibleValues(viewer)
			)
		)
		.orderBy(asc(measurements.kpiId), asc(measurements.year), asc(measurements.quarter));
}

/**
 * The ring's released values of the key KPIs, each in the quarter the city is compared in: one
 * read, an index range on (kpi, year, quarter) per key KPI. Only cities, only shared KPIs.
 */
export function loadRingValues(
	db: DbOrTx,
	viewer: Viewer,
	keys: readonly { kpiId: number; quarter: Quarter }[]
): Promise<CityValueRow[]> {
	if (keys.length === 0) return Promise.resolve([]);
	return db
		.select({
			organisationId: measurements.organisationId,
			kpiId: measurements.kpiId,
			kpiVersionId: measurements.kpiVersionId,
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value,
			state: measurements.state
		})
		.from(measurements)
		.innerJoin(
			organisations,
			and(eq(organisations.id, measurements.organisationId), ne(organisations.kind, 'association'))
		)
		.innerJoin(kpis, and(eq(kpis.id, measurements.kpiId), isNull(kpis.ownerOrganisationId)))
		.where(
			and(
				or(
					...keys.map((k) =>
						and(
							eq(measurements.kpiId, k.kpiId),
							eq(measurements.year, k.quarter.year),
							eq(measurements.quarter, k.quarter.quarter)
						)
					)
				),
				eq(measurements.state, 'released'),
				visibleValues(viewer)
			)
		);
}
