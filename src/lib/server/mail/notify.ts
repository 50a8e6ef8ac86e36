import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cooperationFields, organisations } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Quarter } from '../../domain/period/quarter';
import { mailConfig } from './config';
import { quarterKey, type QuarterSubject } from './notices';
import { enqueue, recipientsOf } from './recipients';

/**
 * The notices of the entry workflow, enqueued inside the transition's transaction: the mail
 * goes out if and only if the change was committed. Sending happens on the next scheduler tick.
 */

interface QuarterScope {
	organisationId: number;
	fieldId: number;
	quarter: Quarter;
}

/** The rows a transition changed, each with the version it had: together they name the event. */
type ChangedRows = readonly { id: number; version: number }[];

const eventKey = (rows: ChangedRows) =>
	createHash('sha256')
		.update(
			rows
				.map((r) => `${r.id}:${r.version}`)
				.sort()
				.join(',')
		)
		.digest('hex')
		.slice(0, 16);

export async function quarterSubject(db: DbOrTx, scope: QuarterScope): Promise<QuarterSubject> {
	const [city] = await db
		.select({ name: organisations.name, slug: organisations.slug })
		.from(organisations)
		.where(eq(organisations.id, scope.organisationId));
	const [field] = await db
		.select({
			slug: cooperationFields.slug,
			nameDe: cooperationFields.nameDe,
			nameEn: cooperationFields.nameEn
		})
		.from(cooperationFields)
		.where(eq(cooperationFields.id, scope.fieldId));
	if (!city || !field) throw new Error('notice for an unknown city or field');
	return {
		city: city.name,
		citySlug: city.slug,
		fieldSlug: field.slug,
		fieldNameDe: field.nameDe,
		fieldNameEn: field.nameEn,
		year: scope.quarter.year,
		quarter: scope.quarter.quarter
	};
}

/** "Submitted": to the city's approvers, who review and release. */
export async function notifySubmitted(tx: DbOrTx, scope: QuarterScope, rows: ChangedRows) {
	if (!mailConfig().on || rows.length === 0) return;
	const subject = await quarterSubject(tx, scope);
	const to = await recipientsOf(tx, 'submitted', [
		{ role: 'approver', organisationId: scope.organisationId }
	]);
	const key = quarterKey(scope.organisationId, scope.fieldId, scope.quarter, eventKey(rows));
	await enqueue(tx, { kind: 'submitted', ...subject, count: rows.length }, key, to);
}

/** "Released": to the city's leadership and the field's leads; the values are the ring's now. */
export async function notifyReleased(tx: DbOrTx, scope: QuarterScope, rows: ChangedRows) {
	if (!mailConfig().on || rows.length === 0) return;
	const subject = await quarterSubject(tx, scope);
	const to = await recipientsOf(tx, 'released', [
		{ role: 'city_leadership', organisationId: scope.organisationId },
		{ role: 'field_lead', fieldId: scope.fieldId }
	]);
	const key = quarterKey(scope.organisationId, scope.fieldId, scope.quarter, eventKey(rows));
	await enqueue(tx, { kind: 'released', ...subject, count: rows.length }, key, to);
}

/** "Returned" with the approver's reason: to the city's controllers, who correct the values. */
export async function notifyReturned(
	tx: DbOrTx,
	scope: QuarterScope & { reason: string },
	rows: ChangedRows
) {
	if (!mailConfig().on || rows.length === 0) return;
	const subject = await quarterSubject(tx, scope);
	const to = await recipientsOf(tx, 'returned', [
		{ role: 'controller', organisationId: scope.organisationId }
	]);
	const key = quarterKey(scope.organisationId, scope.fieldId, scope.quarter, eventKey(rows));
	const notice = {
		kind: 'returned' as const,
		...subject,
		count: rows.length,
		reason: scope.reason
	};
	await enqueue(tx, notice, key, to);
}
