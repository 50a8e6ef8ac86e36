import { and, eq, sql } from 'drizzle-orm';
import {
	exchangeNoteRevisions,
	exchangeNotes,
	measurements,
	pilots,
	valueFactors
} from '../db/schema';
import type { Db, DbOrTx } from '../db/types';
import { claimHolds } from '$lib/domain/entry/version-claim';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../auth/permissions';
import type { FactorKind, NoteKind } from '$lib/domain/exchange/kinds';
import {
	decideAddNote,
	decideDeleteNote,
	decideEditNote,
	decideFactor,
	type ExchangeDecision,
	type ValueRef
} from './policy';
import type { ValueKey } from './queries';

/**
 * Writes of the experience exchange. Each runs in one transaction with its audit entry and asks
 * the policy with the state it read inside that transaction; a refusal writes nothing.
 */

export type ExchangeRefusal = {
	code: 'not_found' | 'stale' | 'not_visible' | 'not_author' | 'forbidden';
};
export type ExchangeResult<T = object> =
	({ ok: true } & T) | { ok: false; refusal: ExchangeRefusal };

const refuse = (code: ExchangeRefusal['code']) => ({ ok: false as const, refusal: { code } });
const refusalOf = (d: Extract<ExchangeDecision, { ok: false }>) => refuse(d.reason);

/** The value's state by natural key (null: no value entered), for the visibility rule. */
async function valueRef(db: DbOrTx, key: ValueKey): Promise<ValueRef> {
	const [row] = await db
		.select({ state: measurements.state })
		.from(measurements)
		.where(
			and(
				eq(measurements.organisationId, key.organisationId),
				eq(measurements.kpiId, key.kpiId),
				eq(measurements.year, key.year),
				eq(measurements.quarter, key.quarter)
			)
		);
	return { organisationId: key.organisationId, state: row?.state ?? null };
}

export type NoteTarget =
	{ pilotId: number; fieldId: number } | ({ pilotId?: undefined } & ValueKey);

export async function addNote(
	db: Db,
	input: { principal: Principal; target: NoteTarget; kind: NoteKind; body: string }
): Promise<ExchangeResult<{ id: number }>> {
	const { principal, target } = input;
	return db.transaction(async (tx) => {
		let organisationId: number | null = null;
		if (target.pilotId !== undefined) {
			const [pilot] = await tx
				.select({ id: pilots.id })
				.from(pilots)
				.where(and(eq(pilots.id, target.pilotId), eq(pilots.fieldId, target.fieldId)));
			if (!pilot) return refuse('not_found');
		} else {
			const decision = decideAddNote(principal, {
				kind: 'value',
				value: await valueRef(tx, target)
			});
			if (!decision.ok) return refusalOf(decision);
			organisationId = target.organisationId;
		}
		const [note] = await tx
			.insert(exchangeNotes)
			.values({
				...(target.pilotId !== undefined
					? { pilotId: target.pilotId }
					: {
							organisationId: target.organisationId,
							kpiId: target.kpiId,
							year: target.year,
							quarter: target.quarter
						}),
				kind: input.kind,
				body: input.body,
				authorUserId: principal.userId
			})
			.returning({ id: exchangeNotes.id });
		await recordAudit(tx, {
			userId: principal.userId,
			organisationId,
			action: 'exchange_note.create',
			entity: 'exchange_note',
			entityId: String(note!.id),
			after: { kind: input.kind, length: input.body.length, target: describe(target) }
		});
		return { ok: true as const, id: note!.id };
	});
}

const describe = (t: NoteTarget) =>
	t.pilotId !== undefined ? { pilotId: t.pilotId } : { ...t, pilotId: undefined };

/** The note, locked for the transaction, with the value it is about (null for a pilot note). */
async function lockNote(tx: DbOrTx, noteId: number, scope: NoteScope) {
	const [note] = await tx
		.select()
		.from(exchangeNotes)
		.where(
			and(
				eq(exchangeNotes.id, noteId),
				scope.pilotId !== undefined
					? eq(exchangeNotes.pilotId, scope.pilotId)
					: and(
							eq(exchangeNotes.organisationId, scope.organisationId),
							sql`${exchangeNotes.pilotId} is null`
						)
			)
		)
		.for('update');
	if (!note) return null;
	const value =
		note.organisationId !== null &&
		note.kpiId !== null &&
		note.year !== null &&
		note.quarter !== null
			? await valueRef(tx, {
					organisationId: note.organisationId,
					kpiId: note.kpiId,
					year: note.year,
					quarter: note.quarter
				})
			: null;
	return { note, value };
}

/** Where the page that asks is: a note id from a form must belong to this pilot or city. */
export type NoteScope = { pilotId: number } | { pilotId?: undefined; organisationId: number };

/** Rewords a note; the wording it replaces goes to the revisions with its writer and time. */
export async function editNote(
	db: Db,
	input: {
		principal: Principal;
		scope: NoteScope;
		noteId: number;
		version: number;
		kind: NoteKind;
		body: string;
	}
): Promise<ExchangeResult> {
	return db.transaction(async (tx) => {
		const found = await lockNote(tx, input.noteId, input.scope);
		if (!found) return refuse('not_found');
		const { note, value } = found;
		const decision = decideEditNote(input.principal, note, value);
		if (!decision.ok) return refusalOf(decision);
		if (!claimHolds(input.version, note)) return refuse('stale');
		if (note.body === input.body && note.kind === input.kind) return { ok: true as const };
		await tx.insert(exchangeNoteRevisions).values({
			noteId: note.id,
			kind: note.kind,
			body: note.body,
			writtenByUserId: note.authorUserId,
			writtenAt: note.updatedAt
		});
		await tx
			.update(exchangeNotes)
			.set({
				kind: input.kind,
				body: input.body,
				version: note.version + 1,
				updatedAt: sql`now()`
			})
			.where(eq(exchangeNotes.id, note.id));
		await recordAudit(tx, {
			userId: input.principal.userId,
			organisationId: note.organisationId,
			action: 'exchange_note.edit',
			entity: 'exchange_note',
			entityId: String(note.id),
			before: { kind: note.kind, version: note.version },
			after: { kind: input.kind, version: note.version + 1 }
		});
		return { ok: true as const };
	});
}

/**
 * Deletes the note and its history for good (decision 0014): the author takes back what they
 * wrote. The audit keeps that it existed and who removed it, not its wording.
 */
export async function deleteNote(
	db: Db,
	input: { principal: Principal; scope: NoteScope; noteId: number }
): Promise<ExchangeResult> {
	return db.transaction(async (tx) => {
		const found = await lockNote(tx, input.noteId, input.scope);
		if (!found) return refuse('not_found');
		const { note, value } = found;
		const decision = decideDeleteNote(input.principal, note, value);
		if (!decision.ok) return refusalOf(decision);
		await tx.delete(exchangeNotes).where(eq(exchangeNotes.id, note.id));
		await recordAudit(tx, {
			userId: input.principal.userId,
			organisationId: note.organisationId,
			action: 'exchange_note.delete',
			entity: 'exchange_note',
			entityId: String(note.id),
			before: {
				kind: note.kind,
				authorUserId: note.authorUserId,
				pilotId: note.pilotId,
				kpiId: note.kpiId,
				year: note.year,
				quarter: note.quarter
			}
		});
		return { ok: true as const };
	});
}

export async function addFactor(
	db: Db,
	input: {
		principal: Principal;
		value: ValueKey;
		kind: FactorKind;
		explanation: string;
		estimatedEffect: string;
	}
): Promise<ExchangeResult<{ id: number }>> {
	return db.transaction(async (tx) => {
		const ref = await valueRef(tx, input.value);
		const decision = decideFactor(input.principal, ref);
		if (!decision.ok) return refusalOf(decision);
		const [factor] = await tx
			.insert(valueFactors)
			.values({
				...input.value,
				kind: input.kind,
				explanation: input.explanation,
				estimatedEffect: input.estimatedEffect,
				createdByUserId: input.principal.userId
			})
			.returning({ id: valueFactors.id });
		await recordAudit(tx, {
			userId: input.principal.userId,
			organisationId: input.value.organisationId,
			action: 'value_factor.create',
			entity: 'value_factor',
			entityId: String(factor!.id),
			after: {
				...input.value,
				kind: input.kind,
				explanation: input.explanation,
				estimatedEffect: input.estimatedEffect,
				// Whether the text was public when written: the audit log shows it only then (0021).
				valueState: ref.state
			}
		});
		return { ok: true as const, id: factor!.id };
	});
}

/** Removes a factor of the city in the URL; the audit keeps what it said. */
export async function removeFactor(
	db: Db,
	input: { principal: Principal; organisationId: number; factorId: number }
): Promise<ExchangeResult> {
	return db.transaction(async (tx) => {
		const [factor] = await tx
			.select()
			.from(valueFactors)
			.where(
				and(
					eq(valueFactors.id, input.factorId),
					eq(valueFactors.organisationId, input.organisationId)
				)
			)
			.for('update');
		if (!factor) return refuse('not_found');
		const ref = await valueRef(tx, factor);
		const decision = decideFactor(input.principal, ref);
		if (!decision.ok) return refusalOf(decision);
		await tx.delete(valueFactors).where(eq(valueFactors.id, factor.id));
		await recordAudit(tx, {
			userId: input.principal.userId,
			organisationId: factor.organisationId,
			action: 'value_factor.delete',
			entity: 'value_factor',
			entityId: String(factor.id),
			before: {
				kpiId: factor.kpiId,
				year: factor.year,
				quarter: factor.quarter,
				kind: factor.kind,
				explanation: factor.explanation,
				estimatedEffect: factor.estimatedEffect,
				valueState: ref.state
			}
		});
		return { ok: true as const };
	});
}
