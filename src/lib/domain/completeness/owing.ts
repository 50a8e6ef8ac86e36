import type { Quarter } from '../period/quarter';
import type { PeriodState } from '../period/reporting-period';
import type { CompletenessMatrix } from './matrix';
import { reminderMailto, type CityContact } from './reminder';
import { isDelivered, type StateCounts } from './states';

/**
 * "Who has not delivered": the city × field pairs of the matrix whose quarter has been opened
 * (open, or closed again) and where a KPI is still missing or in draft.
 */

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
	contact: CityContact;
}

/** Cities that owe figures in a field with an opened quarter (whose contacts are needed). */
export function owingCityIds(matrix: CompletenessMatrix): number[] {
	const opened = new Set(
		matrix.fields.filter((f) => f.period.state !== 'missing').map((f) => f.id)
	);
	return [
		...new Set(
			matrix.cells
				.filter((c) => opened.has(c.fieldId) && c.kpis > 0 && !isDelivered(c))
				.map((c) => c.organisationId)
		)
	];
}

const noContact: CityContact = { source: 'none', emails: [] };

/** The owing pairs by city name, then field order. */
export function notDeliveredOf(
	matrix: CompletenessMatrix,
	contacts: ReadonlyMap<number, CityContact>
): NotDeliveredRow[] {
	const cityOrder = new Map(matrix.cities.map((c, i) => [c.id, i]));
	const cities = new Map(matrix.cities.map((c) => [c.id, c]));
	const fieldOrder = new Map(matrix.fields.map((f, i) => [f.id, i]));
	const fields = new Map(matrix.fields.map((f) => [f.id, f]));
	const rows: NotDeliveredRow[] = [];
	for (const cell of matrix.cells) {
		const field = fields.get(cell.fieldId);
		const city = cities.get(cell.organisationId);
		if (!field || !city || field.period.state === 'missing') continue;
		if (cell.kpis === 0 || isDelivered(cell)) continue;
		rows.push({
			organisationId: city.id,
			city: city.name,
			citySlug: city.slug,
			fieldId: field.id,
			fieldSlug: field.slug,
			fieldNameDe: field.nameDe,
			fieldNameEn: field.nameEn,
			periodState: field.period.state,
			deadline: field.period.deadline,
			contact: contacts.get(city.id) ?? noContact,
			kpis: cell.kpis,
			missing: cell.missing,
			draft: cell.draft,
			submitted: cell.submitted,
			released: cell.released
		});
	}
	return rows.sort(
		(a, b) =>
			(cityOrder.get(a.organisationId) ?? 0) - (cityOrder.get(b.organisationId) ?? 0) ||
			(fieldOrder.get(a.fieldId) ?? 0) - (fieldOrder.get(b.fieldId) ?? 0)
	);
}

export interface CityReminder {
	organisationId: number;
	city: string;
	contact: CityContact;
	/** The reminder naming every field the city still owes; null without an address. */
	mailto: string | null;
	rows: NotDeliveredRow[];
}

/** One reminder per city, in the order of the rows. */
export function remindersOf(rows: readonly NotDeliveredRow[], quarter: Quarter): CityReminder[] {
	const byCity = new Map<number, NotDeliveredRow[]>();
	for (const row of rows)
		byCity.set(row.organisationId, [...(byCity.get(row.organisationId) ?? []), row]);
	return [...byCity.values()].map((cityRows) => {
		const first = cityRows[0]!;
		return {
			organisationId: first.organisationId,
			city: first.city,
			contact: first.contact,
			mailto: reminderMailto(first.city, first.contact.emails, cityRows, quarter),
			rows: cityRows
		};
	});
}
