import type { DbOrTx } from '../db/types';
import { lastCompletedQuarter, parseQuarterParam, type Quarter } from '../../domain/period/quarter';
import { shapeDrilldown, type Drilldown } from '../../domain/completeness/drilldown';
import { shapeMatrix, type CompletenessMatrix } from '../../domain/completeness/matrix';
import {
	notDeliveredOf,
	owingCityIds,
	remindersOf,
	type CityReminder,
	type NotDeliveredRow
} from '../../domain/completeness/owing';
import {
	defaultQuarter,
	quarterOptions,
	type ReportingQuarter
} from '../../domain/completeness/quarter-choice';
import { chooseContact, type CityContact } from '../../domain/completeness/reminder';
import { contactRows, drilldownRows, matrixRows, reportingQuarters } from './completeness-queries';

/**
 * The completeness overview of a quarter for the ring's coordinators: the heatmap (one aggregate
 * statement), who has not delivered with whom to remind (one more), and the quarters to choose
 * from (one). States and counts only, never values.
 */

/** The quarter asked for (?q=2026-Q3), else the newest open one; with the chooser's options. */
export async function chosenQuarter(
	db: DbOrTx,
	param: string | null,
	day: Date
): Promise<{ quarter: Quarter; quarters: ReportingQuarter[] }> {
	const known = await reportingQuarters(db);
	const quarter = parseQuarterParam(param) ?? defaultQuarter(known, lastCompletedQuarter(day));
	return { quarter, quarters: quarterOptions(known, quarter) };
}

/** Each organisation's reminder contact (see chooseContact). */
async function contactsOf(
	db: DbOrTx,
	organisationIds: readonly number[]
): Promise<Map<number, CityContact>> {
	const byOrg = new Map<number, { contactEmail: string | null; controllers: string[] }>();
	for (const r of await contactRows(db, organisationIds)) {
		const entry = byOrg.get(r.organisationId) ?? { contactEmail: r.contactEmail, controllers: [] };
		if (r.controllerEmail) entry.controllers.push(r.controllerEmail);
		byOrg.set(r.organisationId, entry);
	}
	return new Map([...byOrg].map(([id, e]) => [id, chooseContact(e.contactEmail, e.controllers)]));
}

export interface Completeness {
	matrix: CompletenessMatrix;
	notDelivered: NotDeliveredRow[];
	reminders: CityReminder[];
}

/** The quarter's matrix and who has not delivered yet: two statements. */
export async function loadCompleteness(db: DbOrTx, quarter: Quarter): Promise<Completeness> {
	const matrix = shapeMatrix(quarter, await matrixRows(db, quarter));
	const contacts = await contactsOf(db, owingCityIds(matrix));
	const notDelivered = notDeliveredOf(matrix, contacts);
	return { matrix, notDelivered, reminders: remindersOf(notDelivered, quarter) };
}

/** The KPI level of one field, or of one city × field cell. */
export async function loadDrilldown(
	db: DbOrTx,
	fieldId: number,
	quarter: Quarter,
	organisationId: number | null = null
): Promise<Drilldown> {
	return shapeDrilldown(
		quarter,
		fieldId,
		await drilldownRows(db, fieldId, quarter, organisationId)
	);
}
