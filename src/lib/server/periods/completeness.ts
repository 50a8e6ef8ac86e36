import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	reportingPeriods,
	roleAssignments,
	scorecardKpis,
	scorecards,
	users
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { lastCompletedQuarter, quarterIndex, type Quarter } from '../../domain/period/quarter';
import type { Principal } from '../auth/permissions';
import type { PeriodState } from './periods';

/**
 * Completeness of a reporting quarter for the ring's coordination (admin, observer, field
 * leads): per city and field how many of the city's KPIs are missing, draft, submitted or
 * released.
 *
 * CONFIDENTIALITY: these are coordination data, not figures. Nothing here reads or returns a
 * value (measurements.value, caseCount, comment): only the STATE of each KPI and counts of
 * states. A city's unreleased values stay invisible to every other city and to the ring; that
 * a value is in draft is not. The integration test walks the results to keep it that way.
 *
 * Which KPIs a city reports in a field: the active KPIs (scorecard_kpis.archived_at null) of its
 * own scorecard for the field (the field template, organisation_id null, is not a city), counted
 * once even if the scorecard lists a KPI under two objectives, and only KPIs whose definition
 * exists in the quarter (a version valid from that quarter or earlier).
 *
 * "Delivered" means every KPI is at least submitted: handing the figures over is the
 * controller's part, release is the city's own second pair of eyes (approver) and no longer
 * something the ring has to chase. A city × field is "not delivered" while a KPI is missing or
 * still a draft, in a field whose quarter has been opened (open or closed again).
 */

export type EntryState = 'missing' | 'draft' | 'submitted' | 'released';
export const entryStates: readonly EntryState[] = ['missing', 'draft', 'submitted', 'released'];

export interface StateCounts {
	/** KPIs the city reports in the field and quarter. */
	kpis: number;
	missing: number;
	draft: number;
	submitted: number;
	released: number;
}

/** A heatmap cell's overall state: the least advanced state of its KPIs. */
export type CellState = 'no_scorecard' | 'no_kpis' | EntryState;

export interface CompletenessField {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
	period: { state: PeriodState; deadline: string | null };
}

export interface CompletenessCity {
	id: number;
	slug: string;
	name: string;
}

export interface CompletenessCell extends StateCounts {
	organisationId: number;
	fieldId: number;
	/** The least advanced state of the city's KPIs in the field. */
	state: CellState;
}

export interface CompletenessMatrix {
	quarter: Quarter;
	/** Every cooperation field in display order, with the quarter's period state. */
	fields: CompletenessField[];
	/** Every organisation with a scorecard of its own, by name. */
	cities: CompletenessCity[];
	/** One per city and field where the city has a scorecard; none: no scorecard there. */
	cells: CompletenessCell[];
}

export const emptyCounts = (): StateCounts => ({
	kpis: 0,
	missing: 0,
	draft: 0,
	submitted: 0,
	released: 0
});

export function cellState(cell: StateCounts | undefined): CellState {
	if (!cell) return 'no_scorecard';
	if (cell.kpis === 0) return 'no_kpis';
	if (cell.missing > 0) return 'missing';
	if (cell.draft > 0) return 'draft';
	if (cell.submitted > 0) return 'submitted';
	return 'released';
}

/** Every KPI at least submitted (see above); a scorecard without KPIs owes nothing. */
export const isDelivered = (cell: StateCounts) => cell.missing === 0 && cell.draft === 0;

export const cellKey = (organisationId: number, fieldId: number) => `${organisationId}:${fieldId}`;

/** A KPI whose definition exists in the quarter: some version valid from it or earlier. */
const definedIn = (kpiId: PgColumn, q: Quarter): SQL =>
	sql`exists (select 1 from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpiId} and ${kpiVersions.validFromYear} * 4 + ${kpiVersions.validFromQuarter} - 1 <= ${quarterIndex(q)})`;

/** The quarter's measurement of the scorecard's city and KPI: one unique-index lookup. */
const measurementOf = (q: Quarter) =>
	and(
		eq(measurements.organisationId, scorecards.organisationId),
		eq(measurements.kpiId, scorecardKpis.kpiId),
		eq(measurements.year, q.year),
		eq(measurements.quarter, q.quarter)
	);

const periodStateOfRow = (exists: boolean, closedAt: unknown): PeriodState =>
	!exists ? 'missing' : closedAt ? 'closed' : 'open';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

/**
 * The city × field matrix of a quarter in ONE statement: the state counts per city scorecard
 * (grouped in a subquery; the measurement join uses the unique index on organisation, KPI,
 * year, quarter) joined to every field with its reporting period.
 */
export async function loadCompletenessMatrix(
	db: DbOrTx,
	quarter: Quarter
): Promise<CompletenessMatrix> {
	const kpi = scorecardKpis.kpiId;
	const countWhere = (condition: SQL) => sql`count(distinct ${kpi}) filter (where ${condition})`;
	const counts = db
		.select({
			scorecardId: sql<number>`${scorecards.id}`.as('scorecard_id'),
			kpis: sql<number>`count(distinct ${kpi})`.as('kpi_count'),
			missing: countWhere(sql`${measurements.id} is null`).as('missing_count'),
			draft: countWhere(sql`${measurements.state} = 'draft'`).as('draft_count'),
			submitted: countWhere(sql`${measurements.state} = 'submitted'`).as('submitted_count'),
			released: countWhere(sql`${measurements.state} = 'released'`).as('released_count')
		})
		.from(scorecards)
		.innerJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.innerJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.innerJoin(
			scorecardKpis,
			and(
				eq(scorecardKpis.objectiveId, objectives.id),
				isNull(scorecardKpis.archivedAt),
				definedIn(scorecardKpis.kpiId, quarter)
			)
		)
		.leftJoin(measurements, measurementOf(quarter))
		.where(isNotNull(scorecards.organisationId))
		.groupBy(scorecards.id)
		.as('counts');

	const rows = await db
		.select({
			fieldId: cooperationFields.id,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			periodExists: sql<boolean>`${reportingPeriods.fieldId} is not null`,
			deadline: reportingPeriods.deadline,
			closedAt: reportingPeriods.closedAt,
			organisationId: organisations.id,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			kpis: counts.kpis,
			missing: counts.missing,
			draft: counts.draft,
			submitted: counts.submitted,
			released: counts.released
		})
		.from(cooperationFields)
		.leftJoin(
			reportingPeriods,
			and(
				eq(reportingPeriods.fieldId, cooperationFields.id),
				eq(reportingPeriods.year, quarter.year),
				eq(reportingPeriods.quarter, quarter.quarter)
			)
		)
		.leftJoin(
			scorecards,
			and(eq(scorecards.fieldId, cooperationFields.id), isNotNull(scorecards.organisationId))
		)
		.leftJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.leftJoin(counts, eq(counts.scorecardId, scorecards.id))
		.orderBy(asc(cooperationFields.sortOrder), asc(cooperationFields.id));

	const fields = new Map<number, CompletenessField>();
	const cities = new Map<number, CompletenessCity>();
	const cells: CompletenessCell[] = [];
	for (const r of rows) {
		if (!fields.has(r.fieldId)) {
			fields.set(r.fieldId, {
				id: r.fieldId,
				slug: r.fieldSlug,
				nameDe: r.fieldNameDe,
				nameEn: r.fieldNameEn,
				period: {
					state: periodStateOfRow(Boolean(r.periodExists), r.closedAt),
					deadline: r.deadline ?? null
				}
			});
		}
		if (r.organisationId === null) continue;
		cities.set(r.organisationId, {
			id: r.organisationId,
			slug: r.organisationSlug!,
			name: r.organisationName!
		});
		// A scorecard without active KPIs has no counts row: it reports nothing (0 of 0).
		const counts: StateCounts = {
			kpis: Number(r.kpis ?? 0),
			missing: Number(r.missing ?? 0),
			draft: Number(r.draft ?? 0),
			submitted: Number(r.submitted ?? 0),
			released: Number(r.released ?? 0)
		};
		cells.push({
			organisationId: r.organisationId,
			fieldId: r.fieldId,
			...counts,
			state: cellState(counts)
		});
	}
	return {
		quarter,
		fields: [...fields.values()],
		cities: [...cities.values()].sort(byName),
		cells
	};
}

export interface DrilldownKpi {
	id: number;
	code: string;
	nameDe: string;
	nameEn: string;
}

export interface DrilldownCity extends CompletenessCity {
	/** State per shared KPI id on the city's scorecard; absent: not on its scorecard. */
	states: Record<number, EntryState>;
	/** The city's own (local) KPIs, only counted: they are not comparable across cities. */
	local: StateCounts;
}

export interface Drilldown {
	quarter: Quarter;
	fieldId: number;
	/** Shared KPIs on at least one city's scorecard, in catalogue order. */
	kpis: DrilldownKpi[];
	cities: DrilldownCity[];
}

/** Cities × KPIs of one field: the state of every KPI, in one statement. */
export async function loadFieldDrilldown(
	db: DbOrTx,
	fieldId: number,
	quarter: Quarter
): Promise<Drilldown> {
	const index = quarterIndex(quarter);
	const nameAt = (column: PgColumn) =>
		sql<string>`(select ${column} from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpis.id} and ${kpiVersions.validFromYear} * 4 + ${kpiVersions.validFromQuarter} - 1 <= ${index} order by ${kpiVersions.validFromYear} desc, ${kpiVersions.validFromQuarter} desc limit 1)`;
	const rows = await db
		.select({
			organisationId: organisations.id,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			kpiId: kpis.id,
			code: kpis.code,
			sortOrder: kpis.sortOrder,
			local: sql<boolean>`${kpis.ownerOrganisationId} is not null`,
			nameDe: nameAt(kpiVersions.nameDe),
			nameEn: nameAt(kpiVersions.nameEn),
			measured: sql<boolean>`${measurements.id} is not null`,
			state: measurements.state
		})
		.from(scorecards)
		.innerJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.leftJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.leftJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.leftJoin(
			scorecardKpis,
			and(
				eq(scorecardKpis.objectiveId, objectives.id),
				isNull(scorecardKpis.archivedAt),
				definedIn(scorecardKpis.kpiId, quarter)
			)
		)
		.leftJoin(kpis, eq(kpis.id, scorecardKpis.kpiId))
		.leftJoin(measurements, measurementOf(quarter))
		.where(and(eq(scorecards.fieldId, fieldId), isNotNull(scorecards.organisationId)))
		.orderBy(asc(kpis.sortOrder), asc(kpis.code));

	const shared = new Map<number, DrilldownKpi>();
	const cities = new Map<number, DrilldownCity>();
	const seen = new Set<string>();
	for (const r of rows) {
		let city = cities.get(r.organisationId);
		if (!city) {
			city = {
				id: r.organisationId,
				slug: r.organisationSlug,
				name: r.organisationName,
				states: {},
				local: emptyCounts()
			};
			cities.set(r.organisationId, city);
		}
		if (r.kpiId === null || r.code === null) continue;
		// The same KPI under two objectives counts once.
		const key = cellKey(r.organisationId, r.kpiId);
		if (seen.has(key)) continue;
		seen.add(key);
		const state: EntryState = r.measured && r.state ? r.state : 'missing';
		if (r.local) {
			city.local.kpis += 1;
			city.local[state] += 1;
		} else {
			city.states[r.kpiId] = state;
			if (!shared.has(r.kpiId))
				shared.set(r.kpiId, {
					id: r.kpiId,
					code: r.code,
					nameDe: r.nameDe,
					nameEn: r.nameEn
				});
		}
	}
	return {
		quarter,
		fieldId,
		kpis: [...shared.values()],
		cities: [...cities.values()].sort(byName)
	};
}

export interface ReportingQuarter extends Quarter {
	/** Open in at least one field. */
	open: boolean;
}

/** Every quarter that has a reporting period in some field, newest first. */
export async function listReportingQuarters(db: DbOrTx): Promise<ReportingQuarter[]> {
	const rows = await db
		.select({
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter,
			open: sql<boolean>`bool_or(${reportingPeriods.closedAt} is null)`
		})
		.from(reportingPeriods)
		.groupBy(reportingPeriods.year, reportingPeriods.quarter)
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter));
	return rows.map((r) => ({ year: r.year, quarter: r.quarter, open: Boolean(r.open) }));
}

/** The quarter shown when none is asked for: the newest open one, else the newest one. */
export function defaultQuarter(quarters: readonly ReportingQuarter[], fallback: Quarter): Quarter {
	const chosen = quarters.find((q) => q.open) ?? quarters[0] ?? fallback;
	return { year: chosen.year, quarter: chosen.quarter };
}

/** "2026-3" → Q3/2026; anything else → null. */
export function parseQuarterParam(value: string | null): Quarter | null {
	const match = value ? /^(\d{4})-([1-4])$/.exec(value) : null;
	if (!match) return null;
	const year = Number(match[1]);
	if (year < 2000 || year > 2100) return null;
	return { year, quarter: Number(match[2]) };
}

/**
 * Whom to remind of a city's figures: its controllers (they enter them), else its city
 * leadership, else the organisation's general contact address; active accounts only.
 */
export async function listCityContacts(
	db: DbOrTx,
	organisationIds: readonly number[]
): Promise<Map<number, string[]>> {
	const contacts = new Map<number, string[]>();
	if (organisationIds.length === 0) return contacts;
	const rows = await db
		.select({
			organisationId: organisations.id,
			contactEmail: organisations.contactEmail,
			role: roleAssignments.role,
			email: users.email
		})
		.from(organisations)
		.leftJoin(
			roleAssignments,
			and(
				eq(roleAssignments.organisationId, organisations.id),
				inArray(roleAssignments.role, ['controller', 'city_leadership'])
			)
		)
		.leftJoin(users, and(eq(users.id, roleAssignments.userId), eq(users.active, true)))
		.where(inArray(organisations.id, [...organisationIds]))
		.orderBy(asc(users.email));
	const byOrg = new Map<
		number,
		{ controller: string[]; leadership: string[]; general: string[] }
	>();
	for (const r of rows) {
		const entry = byOrg.get(r.organisationId) ?? { controller: [], leadership: [], general: [] };
		byOrg.set(r.organisationId, entry);
		if (r.contactEmail && !entry.general.includes(r.contactEmail))
			entry.general.push(r.contactEmail);
		if (!r.email) continue;
		const list = r.role === 'controller' ? entry.controller : entry.leadership;
		if (!list.includes(r.email)) list.push(r.email);
	}
	for (const [organisationId, e] of byOrg) {
		const chosen = e.controller.length
			? e.controller
			: e.leadership.length
				? e.leadership
				: e.general;
		contacts.set(organisationId, chosen);
	}
	return contacts;
}

export interface NotDeliveredRow extends StateCounts {
	organisationId: number;
	city: string;
	citySlug: string;
	fieldId: number;
	fieldSlug: string;
	fieldNameDe: string;
	fieldNameEn: string;
	periodState: PeriodState;
	deadline: string | null;
	/** Reminder addresses (see listCityContacts); empty: nobody on file. */
	contacts: string[];
}

/** The city × field pairs of the matrix that owe figures, by city, then field order. */
export function notDeliveredOf(
	matrix: CompletenessMatrix,
	contacts: ReadonlyMap<number, string[]>
): NotDeliveredRow[] {
	const cities = new Map(matrix.cities.map((c) => [c.id, c]));
	const fieldOrder = new Map(matrix.fields.map((f, i) => [f.id, i]));
	const fields = new Map(matrix.fields.map((f) => [f.id, f]));
	return matrix.cells
		.filter((cell) => {
			const field = fields.get(cell.fieldId);
			return field && field.period.state !== 'missing' && cell.kpis > 0 && !isDelivered(cell);
		})
		.map((cell) => {
			const city = cities.get(cell.organisationId)!;
			const field = fields.get(cell.fieldId)!;
			return {
				organisationId: city.id,
				city: city.name,
				citySlug: city.slug,
				fieldId: field.id,
				fieldSlug: field.slug,
				fieldNameDe: field.nameDe,
				fieldNameEn: field.nameEn,
				periodState: field.period.state,
				deadline: field.period.deadline,
				contacts: contacts.get(city.id) ?? [],
				kpis: cell.kpis,
				missing: cell.missing,
				draft: cell.draft,
				submitted: cell.submitted,
				released: cell.released
			};
		})
		.sort(
			(a, b) =>
				a.city.localeCompare(b.city, 'de') ||
				(fieldOrder.get(a.fieldId) ?? 0) - (fieldOrder.get(b.fieldId) ?? 0)
		);
}

/** The quarter's matrix and who has not delivered yet, with whom to remind. */
export async function loadCompleteness(db: DbOrTx, quarter: Quarter) {
	const matrix = await loadCompletenessMatrix(db, quarter);
	const owing = [
		...new Set(
			matrix.cells.filter((c) => c.kpis > 0 && !isDelivered(c)).map((c) => c.organisationId)
		)
	];
	const contacts = await listCityContacts(db, owing);
	return { matrix, notDelivered: notDeliveredOf(matrix, contacts) };
}

const germanDate = (isoDate: string) =>
	new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${isoDate}T00:00:00Z`)
	);

/** "2 fehlen, 1 Entwurf": what is still owed, in German for the reminder mail. */
function owedGerman(row: StateCounts): string {
	const parts: string[] = [];
	if (row.missing) parts.push(`${row.missing} ${row.missing === 1 ? 'fehlt' : 'fehlen'}`);
	if (row.draft) parts.push(`${row.draft} ${row.draft === 1 ? 'Entwurf' : 'Entwürfe'}`);
	return `${parts.join(', ')} von ${row.kpis} Kennzahlen`;
}

/**
 * A reminder mail to a city's contacts about the fields it still owes for the quarter, in German
 * (the ring's working language), as a mailto: link; null without an address.
 */
export function reminderMailto(rows: readonly NotDeliveredRow[], quarter: Quarter): string | null {
	const first = rows[0];
	if (!first || first.contacts.length === 0) return null;
	const label = `Q${quarter.quarter}/${quarter.year}`;
	const fieldText = rows.length === 1 ? first.fieldNameDe : `${rows.length} Kooperationsfeldern`;
	const subject = `IKZ-Scorecard: Werte ${label} für ${fieldText} noch nicht vollständig (${first.city})`;
	const lines = [
		'Guten Tag,',
		'',
		`in der IKZ-Scorecard sind für ${first.city} im Quartal ${label} noch nicht alle Kennzahlen eingereicht:`,
		'',
		...rows.map(
			(r) =>
				`- ${r.fieldNameDe}: ${owedGerman(r)}${r.deadline ? `, Frist ${germanDate(r.deadline)}` : ''}`
		),
		'',
		'Bitte erfassen Sie die fehlenden Werte und reichen Sie sie bis zur Frist ein.',
		'',
		'Mit freundlichen Grüßen'
	];
	const to = first.contacts.map((a) => encodeURIComponent(a).replace(/%40/g, '@')).join(',');
	return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join('\r\n'))}`;
}

/**
 * Who sees the ring-wide completeness overview: admins, observers and field leads, each for all
 * cities and all fields (a field lead coordinates with the whole ring and sees only states,
 * never values). City roles (controller, approver, city leadership) do not: the overview shows
 * other cities' progress, and their own city's state is on their entry page; they get 403.
 */
export const canSeeCompleteness = (principal: Principal) =>
	principal.roles.some(
		(r) => r.role === 'admin' || r.role === 'observer' || r.role === 'field_lead'
	);

/** The quarter asked for in the URL (?q=2026-3), else the default, with all quarters to choose. */
export async function chosenQuarter(db: DbOrTx, param: string | null, day: Date) {
	const quarters = await listReportingQuarters(db);
	const quarter = parseQuarterParam(param) ?? defaultQuarter(quarters, lastCompletedQuarter(day));
	return { quarter, quarters };
}
