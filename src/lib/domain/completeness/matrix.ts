import type { Quarter } from '../period/quarter';
import type { PeriodState } from '../period/reporting-period';
import { cellState, type CellState, type StateCounts } from './states';

/**
 * The city × field matrix of a quarter, shaped from the rows of one aggregate statement
 * (server/periods/completeness-queries.ts): one row per field and city scorecard, or one row per
 * field without any scorecard.
 */

export interface MatrixRow {
	fieldId: number;
	fieldSlug: string;
	fieldNameDe: string;
	fieldNameEn: string;
	periodExists: boolean;
	deadline: string | null;
	closedAt: Date | null;
	/** null: the field has no city scorecard at all. */
	organisationId: number | null;
	organisationSlug: string | null;
	organisationName: string | null;
	/** Counts of the scorecard; null: it lists no KPI (the count subquery has no row). */
	kpis: number | string | null;
	missing: number | string | null;
	draft: number | string | null;
	submitted: number | string | null;
	released: number | string | null;
}

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

export const cellKey = (organisationId: number, fieldId: number) => `${organisationId}:${fieldId}`;

export const byGermanName = (a: { name: string }, b: { name: string }) =>
	a.name.localeCompare(b.name, 'de');

/** SQL counts arrive as numbers or (bigint) strings depending on the driver. */
const count = (value: number | string | null) => Number(value ?? 0);

/** Rows in field display order → fields, cities by name, cells. */
export function shapeMatrix(quarter: Quarter, rows: readonly MatrixRow[]): CompletenessMatrix {
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
					state: !r.periodExists ? 'missing' : r.closedAt ? 'closed' : 'open',
					deadline: r.periodExists ? r.deadline : null
				}
			});
		}
		if (r.organisationId === null) continue;
		cities.set(r.organisationId, {
			id: r.organisationId,
			slug: r.organisationSlug ?? '',
			name: r.organisationName ?? ''
		});
		const counts: StateCounts = {
			kpis: count(r.kpis),
			missing: count(r.missing),
			draft: count(r.draft),
			submitted: count(r.submitted),
			released: count(r.released)
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
		cities: [...cities.values()].sort(byGermanName),
		cells
	};
}
