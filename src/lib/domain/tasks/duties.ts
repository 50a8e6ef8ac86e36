import type { CompletenessMatrix, CompletenessField } from '../completeness/matrix';
import { isDelivered } from '../completeness/states';
import { deadlineStanding, type DeadlineStanding } from '../period/deadline';

/**
 * Who owes what in a quarter, read off the completeness matrix (states and counts only): the
 * controller's open values per field, the cities late in a field, the ring's state per field.
 * Only fields whose quarter is open count: a closed quarter chases nobody, a quarter never opened
 * asks nothing yet.
 */

export interface FieldRef {
	slug: string;
	nameDe: string;
	nameEn: string;
}

export interface CityRef {
	slug: string;
	name: string;
}

/** A city's open values in one field: missing and draft (the controller's part). */
export interface OpenValues {
	city: CityRef;
	field: FieldRef;
	missing: number;
	draft: number;
	deadline: DeadlineStanding;
}

/** A city × field that has not delivered although the deadline has passed. */
export interface LateCell {
	city: CityRef;
	field: FieldRef;
	owing: number;
	deadline: Extract<DeadlineStanding, { kind: 'overdue' }>;
}

/** One field's state across the ring: delivered, late, still in time. */
export interface FieldRingState {
	field: FieldRef;
	deadline: DeadlineStanding;
	delivered: number;
	late: number;
	inTime: number;
}

const fieldRef = (f: CompletenessField): FieldRef => ({
	slug: f.slug,
	nameDe: f.nameDe,
	nameEn: f.nameEn
});

/** The fields whose quarter is open, with where their deadline stands today. */
function openFields(matrix: CompletenessMatrix, today: string) {
	const open = new Map<number, { field: CompletenessField; deadline: DeadlineStanding }>();
	for (const f of matrix.fields)
		if (f.period.state === 'open' && f.period.deadline)
			open.set(f.id, { field: f, deadline: deadlineStanding(f.period.deadline, today) });
	return open;
}

const cityOf = (matrix: CompletenessMatrix) => {
	const byId = new Map(matrix.cities.map((c) => [c.id, { slug: c.slug, name: c.name }]));
	return (id: number): CityRef => byId.get(id) ?? { slug: '', name: '' };
};

/** The given cities' missing and draft values per open field, most urgent deadline first. */
export function openValuesOf(
	matrix: CompletenessMatrix,
	organisationIds: readonly number[],
	today: string
): OpenValues[] {
	const open = openFields(matrix, today);
	const city = cityOf(matrix);
	const out: OpenValues[] = [];
	for (const cell of matrix.cells) {
		const f = open.get(cell.fieldId);
		if (!f || !organisationIds.includes(cell.organisationId)) continue;
		if (cell.missing + cell.draft === 0) continue;
		out.push({
			city: city(cell.organisationId),
			field: fieldRef(f.field),
			missing: cell.missing,
			draft: cell.draft,
			deadline: f.deadline
		});
	}
	return out.sort((a, b) => a.deadline.deadline.localeCompare(b.deadline.deadline));
}

/** Cities that owe values in the given fields (all fields: null) although the deadline passed. */
export function lateCellsOf(
	matrix: CompletenessMatrix,
	fieldIds: readonly number[] | null,
	today: string
): LateCell[] {
	const open = openFields(matrix, today);
	const city = cityOf(matrix);
	const out: LateCell[] = [];
	for (const cell of matrix.cells) {
		const f = open.get(cell.fieldId);
		if (!f || f.deadline.kind !== 'overdue') continue;
		if (fieldIds && !fieldIds.includes(cell.fieldId)) continue;
		if (cell.kpis === 0 || isDelivered(cell)) continue;
		out.push({
			city: city(cell.organisationId),
			field: fieldRef(f.field),
			owing: cell.missing + cell.draft,
			deadline: f.deadline
		});
	}
	return out.sort(
		(a, b) =>
			b.deadline.daysOverdue - a.deadline.daysOverdue ||
			a.city.name.localeCompare(b.city.name, 'de')
	);
}

/** Per open field: how many cities delivered, are late, are still in time. */
export function ringStateOf(matrix: CompletenessMatrix, today: string): FieldRingState[] {
	const open = openFields(matrix, today);
	const states = new Map<number, FieldRingState>();
	for (const [id, f] of open)
		states.set(id, {
			field: fieldRef(f.field),
			deadline: f.deadline,
			delivered: 0,
			late: 0,
			inTime: 0
		});
	for (const cell of matrix.cells) {
		const s = states.get(cell.fieldId);
		if (!s || cell.kpis === 0) continue;
		if (isDelivered(cell)) s.delivered += 1;
		else if (s.deadline.kind === 'overdue') s.late += 1;
		else s.inTime += 1;
	}
	return [...states.values()];
}
