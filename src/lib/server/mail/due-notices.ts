import { eq, isNull } from 'drizzle-orm';
import { cooperationFields, reportingPeriods } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { matrixRows } from '../periods/completeness-queries';
import { isDelivered } from '../../domain/completeness/states';
import { dueNotice } from '../../domain/mail/due';
import { berlinDate } from '../../domain/period/deadline';
import { quarterKey } from './notices';
import { enqueue, recipientsOf, type RoleScope } from './recipients';

/**
 * Finds the reminders and overdue notices due today and enqueues them. Every instance runs this
 * on its tick; the outbox's unique key (the deadline is part of the subject) lets one row per
 * recipient through, so a notice is sent once however many instances found it — and again only
 * if the field lead moves the deadline.
 */

const count = (v: number | string | null) => Number(v ?? 0);

/** The open quarters (not closed) with their field's reminder setting. */
function openQuarters(db: DbOrTx) {
	return db
		.selectDistinct({
			year: reportingPeriods.year,
			quarter: reportingPeriods.quarter,
			fieldId: reportingPeriods.fieldId,
			reminderDaysBefore: cooperationFields.reminderDaysBefore
		})
		.from(reportingPeriods)
		.innerJoin(cooperationFields, eq(cooperationFields.id, reportingPeriods.fieldId))
		.where(isNull(reportingPeriods.closedAt));
}

export async function enqueueDueNotices(db: DbOrTx, now: Date): Promise<number> {
	const today = berlinDate(now);
	const open = await openQuarters(db);
	const quarters = new Map(open.map((p) => [`${p.year}-${p.quarter}`, p]));
	const settings = new Map(open.map((p) => [`${p.year}-${p.quarter}/${p.fieldId}`, p]));
	let enqueued = 0;
	for (const q of quarters.values()) {
		// The completeness overview's own statement: one read per open quarter, states only.
		for (const row of await matrixRows(db, q)) {
			const setting = settings.get(`${q.year}-${q.quarter}/${row.fieldId}`);
			if (!setting || !row.deadline || row.organisationId === null || count(row.kpis) === 0)
				continue;
			const counts = {
				kpis: count(row.kpis),
				missing: count(row.missing),
				draft: count(row.draft),
				submitted: count(row.submitted),
				released: count(row.released)
			};
			const kind = dueNotice(
				{
					deadline: row.deadline,
					reminderDaysBefore: setting.reminderDaysBefore,
					closed: row.closedAt !== null,
					delivered: isDelivered(counts)
				},
				today
			);
			if (!kind) continue;
			const organisationId = row.organisationId;
			const scopes: RoleScope[] =
				kind === 'reminder'
					? [{ role: 'controller', organisationId }]
					: [
							{ role: 'controller', organisationId },
							{ role: 'approver', organisationId }
						];
			const notice = {
				kind,
				city: row.organisationName ?? '',
				citySlug: row.organisationSlug ?? '',
				fieldSlug: row.fieldSlug,
				fieldNameDe: row.fieldNameDe,
				fieldNameEn: row.fieldNameEn,
				year: q.year,
				quarter: q.quarter,
				deadline: row.deadline,
				missing: counts.missing,
				draft: counts.draft,
				kpis: counts.kpis
			};
			const key = quarterKey(organisationId, row.fieldId, q, row.deadline);
			enqueued += await enqueue(db, notice, key, await recipientsOf(db, kind, scopes), now);
		}
	}
	return enqueued;
}
