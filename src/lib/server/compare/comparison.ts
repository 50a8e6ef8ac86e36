import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	measurements,
	organisations,
	populations,
	reportingPeriods,
	valueFactors
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import { loadFieldDefinitions } from './heatmap-queries';
import type { DefinitionRow } from '../../domain/compare/types';
import { cityTargetColumns, cityTargetOf, cityTargetOfValue } from './city-target';
import { listComparisonGroups } from '../directory/comparison-groups';
import type { Quarter } from '../../domain/period/quarter';
import { versionForQuarter } from '../../domain/scorecard/versions';
import {
	buildComparison,
	type Basis,
	type Comparison,
	type ComparisonRow
} from '../../domain/compare/comparison';
import { definingQuarter, periodEnd, type ComparisonPeriod } from '../../domain/compare/period';
import { factorKinds, type FactorKind } from '../../domain/exchange/kinds';

export interface ComparisonRequest {
	field: string | null;
	kpi: string | null;
	period: ComparisonPeriod | null;
	group: string | null;
	basis: Basis;
}

type Definition = DefinitionRow;

export interface ComparisonPage {
	fields: { slug: string; nameDe: string; nameEn: string }[];
	field: { id: number; slug: string; nameDe: string; nameEn: string };
	kpis: { code: string; nameDe: string; nameEn: string }[];
	kpi: Definition & { code: string };
	quarters: Quarter[];
	period: ComparisonPeriod;
	groups: { slug: string; nameDe: string; nameEn: string; members: number[] }[];
	group: string | null;
	basis: Basis;
	comparison: Comparison;
	/** Influencing factors recorded with the compared values (visible exactly like them). */
	factors: ComparedFactor[];
}

export interface ComparedFactor {
	organisationId: number;
	quarter: number;
	kind: FactorKind;
}

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/** The field named in the URL, or the first field: a subquery, so it costs no round trip of its own. */
function fieldIdOf(slug: string | null): SQL {
	return slug
		? sql`(select ${cooperationFields.id} from ${cooperationFields} where ${cooperationFields.slug} = ${slug})`
		: sql`(select ${cooperationFields.id} from ${cooperationFields} order by ${cooperationFields.sortOrder} limit 1)`;
}

/**
 * The participating cities of the field with their visible values of one KPI in the period, the
 * kinds of influencing factors recorded with each value, and their population at the period's
 * end: one read, served by the measurements' unique index (organisation, kpi, year, quarter) per
 * participant. Factors, the comment and the city's target (for whether the comment travels)
 * hang on the joined value, so they are visible exactly when it is. Local
 * KPIs never get here: only shared KPIs are looked up.
 */
function loadValues(
	db: DbOrTx,
	viewer: Viewer,
	input: { fieldId: number | SQL; kpiId: number | SQL; period: ComparisonPeriod }
) {
	const { period } = input;
	const end = periodEnd(period);
	const population = db
		.select({
			inhabitants: populations.inhabitants,
			referenceDate: populations.referenceDate,
			source: populations.source,
			estimate: populations.isEstimate
		})
		.from(populations)
		.where(eq(populations.organisationId, organisations.id))
		// The latest count on or before the period's end; failing that, the earliest one after it.
		.orderBy(sql`${populations.referenceDate} <= ${end} desc`, desc(populations.referenceDate))
		.limit(1)
		.as('population');
	const cityTarget = cityTargetOfValue(db);
	return db
		.select({
			organisationId: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			quarter: measurements.quarter,
			value: measurements.value,
			caseCount: measurements.caseCount,
			state: measurements.state,
			kpiVersionId: measurements.kpiVersionId,
			comment: measurements.comment,
			...cityTargetColumns(cityTarget),
			factorKinds: sql<string | null>`(select string_agg(distinct ${valueFactors.kind}::text, ',')
				from ${valueFactors} where ${valueFactors.organisationId} = ${measurements.organisationId}
				and ${valueFactors.kpiId} = ${measurements.kpiId} and ${valueFactors.year} = ${measurements.year}
				and ${valueFactors.quarter} = ${measurements.quarter})`,
			inhabitants: population.inhabitants,
			referenceDate: population.referenceDate,
			source: population.source,
			estimate: population.estimate
		})
		.from(fieldParticipants)
		.innerJoin(
			organisations,
			and(
				eq(organisations.id, fieldParticipants.organisationId),
				ne(organisations.kind, 'association')
			)
		)
		.leftJoin(
			measurements,
			and(
				eq(measurements.organisationId, organisations.id),
				eq(measurements.kpiId, input.kpiId),
				eq(measurements.year, period.year),
				period.kind === 'quarter' ? eq(measurements.quarter, period.quarter) : undefined,
				visibleValues(viewer)
			)
		)
		.leftJoinLateral(population, sql`true`)
		.leftJoinLateral(cityTarget, sql`true`)
		.where(eq(fieldParticipants.fieldId, input.fieldId));
}

/** The shared KPI with this code in the field, as a subquery (null when there is none). */
function kpiIdOf(fieldId: SQL, code: string): SQL {
	return sql`(select ${kpis.id} from ${kpis} where ${kpis.fieldId} = ${fieldId} and ${kpis.code} = ${code}
		and ${kpis.ownerOrganisationId} is null and ${kpis.archivedAt} is null)`;
}

/**
 * The comparison page in five reads. With KPI and period in the URL (every link and form the app
 * makes), all five run concurrently in one step, the values keyed by subqueries on field slug and
 * KPI code; otherwise the values follow once the default KPI or quarter is known. Unknown
 * field, KPI or group in the URL: null (404).
 */
export async function loadComparison(
	db: DbOrTx,
	viewer: Viewer,
	request: ComparisonRequest
): Promise<ComparisonPage | null> {
	const fieldId = fieldIdOf(request.field);
	// Every round trip costs the most under load, so the likely value read goes out at once.
	const early =
		request.kpi && request.period
			? loadValues(db, viewer, {
					fieldId,
					kpiId: kpiIdOf(fieldId, request.kpi),
					period: request.period
				})
			: null;
	const [fields, groups, definitions, periodRows, earlyRows] = await Promise.all([
		db
			.select({
				id: cooperationFields.id,
				slug: cooperationFields.slug,
				nameDe: cooperationFields.nameDe,
				nameEn: cooperationFields.nameEn
			})
			.from(cooperationFields)
			.orderBy(asc(cooperationFields.sortOrder)),
		// Hand-made groups and those derived from the official directory (decision 0029).
		listComparisonGroups(db),
		loadFieldDefinitions(db, fieldId),
		db
			.select({ year: reportingPeriods.year, quarter: reportingPeriods.quarter })
			.from(reportingPeriods)
			.where(eq(reportingPeriods.fieldId, fieldId))
			.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter)),
		early
	]);
	const field = request.field ? fields.find((f) => f.slug === request.field) : fields[0];
	const group = request.group ? groups.find((g) => g.slug === request.group) : null;
	if (!field || group === undefined) return null;

	const codes = [...new Set(definitions.map((d) => d.code))];
	// A KPI of another field (after switching the field in the form) falls back to the first one.
	const code = request.kpi && codes.includes(request.kpi) ? request.kpi : codes[0];
	const versions = definitions.filter((d) => d.code === code);
	const newest = periodRows[0];
	const period: ComparisonPeriod | undefined =
		request.period ?? (newest ? { kind: 'quarter', ...newest } : undefined);
	if (!versions.length || !period) return null;
	const kpi = versionForQuarter(versions, definingQuarter(period))!;

	const rows =
		earlyRows && code === request.kpi
			? earlyRows
			: await loadValues(db, viewer, { fieldId: field.id, kpiId: kpi.kpiId, period });
	const comparisonRows: ComparisonRow[] = rows.map((r) => ({
		organisationId: r.organisationId,
		slug: r.slug,
		name: r.name,
		population:
			r.inhabitants === null
				? null
				: {
						inhabitants: r.inhabitants,
						referenceDate: r.referenceDate!,
						source: r.source!,
						estimate: r.estimate!
					},
		quarter: r.quarter,
		value: toNumber(r.value),
		caseCount: toNumber(r.caseCount),
		state: r.state,
		kpiVersionId: r.kpiVersionId,
		comment: r.comment ?? '',
		cityTarget: cityTargetOf(r)
	}));
	const bands = {
		greenMin: toNumber(kpi.greenMin),
		greenMax: toNumber(kpi.greenMax),
		yellowMin: toNumber(kpi.yellowMin),
		yellowMax: toNumber(kpi.yellowMax)
	};
	const comparison = buildComparison({
		kpi: {
			polarity: kpi.polarity,
			aggregation: kpi.aggregation,
			denominator: kpi.denominator,
			versionId: kpi.id,
			commonTarget: bands.greenMin === null && bands.greenMax === null ? null : bands
		},
		period,
		basis: kpi.denominator === 'none' ? 'defined' : request.basis,
		rows: comparisonRows,
		ownOrganisations: unreleasedOrganisations(viewer),
		group: group ? new Set(group.members) : null
	});
	return {
		fields,
		field,
		kpis: codes.map((c) => {
			const latest = definitions.filter((d) => d.code === c).at(-1)!;
			return { code: c, nameDe: latest.nameDe, nameEn: latest.nameEn };
		}),
		kpi,
		quarters: periodRows,
		period,
		groups,
		group: group?.slug ?? null,
		basis: kpi.denominator === 'none' ? 'defined' : request.basis,
		comparison,
		factors: factorsOf(rows)
	};
}

/** One entry per city, quarter and kind, in quarter order (a year view lists each quarter's). */
function factorsOf(
	rows: { organisationId: number; quarter: number | null; factorKinds: string | null }[]
): ComparedFactor[] {
	return rows
		.flatMap(({ organisationId, quarter, factorKinds: kinds }) =>
			quarter === null || !kinds
				? []
				: kinds
						.split(',')
						.filter((k): k is FactorKind => (factorKinds as readonly string[]).includes(k))
						.map((kind) => ({ organisationId, quarter, kind }))
		)
		.sort(
			(a, b) => a.quarter - b.quarter || factorKinds.indexOf(a.kind) - factorKinds.indexOf(b.kind)
		);
}
