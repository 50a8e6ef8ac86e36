import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
	fieldParticipants,
	kpiVersions,
	kpis,
	organisations,
	pilotCriterionScores,
	pilotGates,
	pilotKpis,
	pilotLines,
	pilotPartners,
	pilots,
	populations,
	strategicCriteria,
	users
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { decimalToCents } from '$lib/domain/pilots/summary';
import type { PilotLine } from '$lib/domain/pilots/types';
import type { KpiUnit } from '$lib/format/number';

const yearOf = (isoDate: string | null) => (isoDate ? Number(isoDate.slice(0, 4)) : null);

const pilotColumns = {
	id: pilots.id,
	title: pilots.title,
	description: pilots.description,
	status: pilots.status,
	startsOn: pilots.startsOn,
	endsOn: pilots.endsOn,
	allocationKey: pilots.allocationKey,
	discountRatePercent: pilots.discountRatePercent,
	baseYear: pilots.baseYear,
	version: pilots.version,
	leadOrganisationId: pilots.leadOrganisationId,
	leadName: organisations.name
};

type PilotRow = {
	startsOn: string | null;
	endsOn: string | null;
	baseYear: number | null;
	discountRatePercent: string;
};

/** Years and discounting of a stored pilot; the base year falls back to the first year. */
export function pilotFrame(row: PilotRow) {
	const startYear = yearOf(row.startsOn) ?? new Date().getUTCFullYear();
	const endYear = yearOf(row.endsOn) ?? startYear;
	return {
		startYear,
		endYear,
		discounting: {
			ratePercent: Number(row.discountRatePercent),
			baseYear: row.baseYear ?? startYear
		}
	};
}

const lineColumns = {
	id: pilotLines.id,
	pilotId: pilotLines.pilotId,
	year: pilotLines.year,
	kind: pilotLines.kind,
	scenario: pilotLines.scenario,
	label: pilotLines.label,
	amountEuro: pilotLines.amountEuro,
	budgetRelevant: pilotLines.budgetRelevant
};

export type StoredLine = PilotLine & { id: number; pilotId: number; label: string };

const toLine = (r: {
	id: number;
	pilotId: number;
	year: number;
	kind: PilotLine['kind'];
	scenario: PilotLine['scenario'];
	label: string;
	amountEuro: string;
	budgetRelevant: boolean;
}): StoredLine => ({ ...r, amountCents: decimalToCents(r.amountEuro) });

const gateColumns = {
	id: pilotGates.id,
	pilotId: pilotGates.pilotId,
	criterion: pilotGates.criterion,
	rating: pilotGates.rating,
	evidence: pilotGates.evidence,
	decision: pilotGates.decision,
	decidedOn: pilotGates.decidedOn,
	decidedBy: users.displayName,
	createdAt: pilotGates.createdAt
};

/** The review page: every pilot of the field with its lines and gate history (three queries). */
export async function listFieldPilots(db: DbOrTx, fieldId: number) {
	const rows = await db
		.select(pilotColumns)
		.from(pilots)
		.innerJoin(organisations, eq(organisations.id, pilots.leadOrganisationId))
		.where(eq(pilots.fieldId, fieldId))
		.orderBy(asc(pilots.title));
	const ids = rows.map((r) => r.id);
	if (ids.length === 0) return [];
	const [lines, gates] = await Promise.all([
		db.select(lineColumns).from(pilotLines).where(inArray(pilotLines.pilotId, ids)),
		db
			.select(gateColumns)
			.from(pilotGates)
			.innerJoin(users, eq(users.id, pilotGates.decidedByUserId))
			.where(inArray(pilotGates.pilotId, ids))
			.orderBy(desc(pilotGates.createdAt), desc(pilotGates.id))
	]);
	return rows.map((r) => ({
		...r,
		...pilotFrame(r),
		lines: lines.filter((l) => l.pilotId === r.id).map(toLine),
		gates: gates.filter((g) => g.pilotId === r.id)
	}));
}

/** Cities of the field, for choosing the lead and the partners. */
export function fieldCities(db: DbOrTx, fieldId: number) {
	return db
		.select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
		.from(fieldParticipants)
		.innerJoin(organisations, eq(organisations.id, fieldParticipants.organisationId))
		.where(eq(fieldParticipants.fieldId, fieldId))
		.orderBy(asc(organisations.name));
}

/** Latest inhabitants per organisation (DISTINCT ON over the primary key). */
const latestPopulation = (db: DbOrTx) =>
	db
		.selectDistinctOn([populations.organisationId], {
			organisationId: populations.organisationId,
			inhabitants: populations.inhabitants
		})
		.from(populations)
		.orderBy(populations.organisationId, desc(populations.referenceDate))
		.as('latest_population');

/** One pilot with everything its page shows; null when it is not a pilot of this field. */
export async function loadPilot(db: DbOrTx, fieldId: number, pilotId: number) {
	const [row] = await db
		.select(pilotColumns)
		.from(pilots)
		.innerJoin(organisations, eq(organisations.id, pilots.leadOrganisationId))
		.where(and(eq(pilots.id, pilotId), eq(pilots.fieldId, fieldId)));
	if (!row) return null;
	const pop = latestPopulation(db);
	const [partners, lines, gates, linkedKpis, criteria] = await Promise.all([
		db
			.select({
				organisationId: pilotPartners.organisationId,
				name: organisations.name,
				slug: organisations.slug,
				caseCount: pilotPartners.caseCount,
				sharePercent: pilotPartners.sharePercent,
				inhabitants: pop.inhabitants
			})
			.from(pilotPartners)
			.innerJoin(organisations, eq(organisations.id, pilotPartners.organisationId))
			.leftJoin(pop, eq(pop.organisationId, pilotPartners.organisationId))
			.where(eq(pilotPartners.pilotId, pilotId))
			.orderBy(asc(organisations.name)),
		db
			.select(lineColumns)
			.from(pilotLines)
			.where(eq(pilotLines.pilotId, pilotId))
			.orderBy(
				asc(pilotLines.year),
				asc(pilotLines.scenario),
				asc(pilotLines.kind),
				asc(pilotLines.id)
			),
		db
			.select(gateColumns)
			.from(pilotGates)
			.innerJoin(users, eq(users.id, pilotGates.decidedByUserId))
			.where(eq(pilotGates.pilotId, pilotId))
			.orderBy(desc(pilotGates.createdAt), desc(pilotGates.id)),
		db
			.select({
				code: kpis.code,
				expectedChangePercent: pilotKpis.expectedChangePercent,
				note: pilotKpis.note,
				// The latest definition's unit: a percentage KPI's expected change is in points.
				unit: sql<KpiUnit>`(select ${kpiVersions.unit} from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpis.id} order by ${kpiVersions.validFromYear} desc, ${kpiVersions.validFromQuarter} desc limit 1)`
			})
			.from(pilotKpis)
			.innerJoin(kpis, eq(kpis.id, pilotKpis.kpiId))
			.where(eq(pilotKpis.pilotId, pilotId))
			.orderBy(asc(kpis.code)),
		db
			.select({
				id: strategicCriteria.id,
				name: strategicCriteria.name,
				weight: strategicCriteria.weight,
				points: pilotCriterionScores.points
			})
			.from(strategicCriteria)
			.leftJoin(
				pilotCriterionScores,
				and(
					eq(pilotCriterionScores.criterionId, strategicCriteria.id),
					eq(pilotCriterionScores.pilotId, pilotId)
				)
			)
			.where(eq(strategicCriteria.fieldId, fieldId))
			.orderBy(asc(strategicCriteria.sortOrder), asc(strategicCriteria.name))
	]);
	return {
		...row,
		...pilotFrame(row),
		partners,
		lines: lines.map(toLine),
		gates,
		kpis: linkedKpis,
		criteria
	};
}

export type LoadedPilot = NonNullable<Awaited<ReturnType<typeof loadPilot>>>;

export async function organisationName(db: DbOrTx, id: number): Promise<string | null> {
	const [row] = await db
		.select({ name: organisations.name })
		.from(organisations)
		.where(eq(organisations.id, id));
	return row?.name ?? null;
}

export function fieldCriteria(db: DbOrTx, fieldId: number) {
	return db
		.select({
			id: strategicCriteria.id,
			name: strategicCriteria.name,
			weight: strategicCriteria.weight
		})
		.from(strategicCriteria)
		.where(eq(strategicCriteria.fieldId, fieldId))
		.orderBy(asc(strategicCriteria.sortOrder), asc(strategicCriteria.name));
}
