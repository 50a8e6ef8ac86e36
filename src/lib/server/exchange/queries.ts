import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { exchangeNotes, measurements, users, valueFactors } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from '../compare/visible';
import type { FactorKind, NoteKind } from '$lib/domain/exchange/kinds';

export interface NoteRevision {
	kind: NoteKind;
	body: string;
	writtenBy: string;
	writtenAt: Date;
}

export interface NoteRow {
	id: number;
	kind: NoteKind;
	body: string;
	authorUserId: number;
	authorName: string;
	createdAt: Date;
	updatedAt: Date;
	version: number;
	/** Earlier wordings, newest first; empty when never edited. */
	revisions: NoteRevision[];
}

export interface ValueKey {
	organisationId: number;
	kpiId: number;
	year: number;
	quarter: number;
}

/** Earlier wordings as one JSON array per note, so a thread is one query however long it is. */
const revisionsJson = sql<{ kind: NoteKind; body: string; writtenBy: string; writtenAt: string }[]>`
	coalesce((
		select json_agg(json_build_object(
			'kind', r.kind, 'body', r.body, 'writtenBy', u.display_name, 'writtenAt', r.written_at
		) order by r.written_at desc, r.id desc)
		from exchange_note_revisions r join users u on u.id = r.written_by_user_id
		where r.note_id = ${exchangeNotes.id}
	), '[]'::json)`;

const noteColumns = {
	id: exchangeNotes.id,
	kind: exchangeNotes.kind,
	body: exchangeNotes.body,
	authorUserId: exchangeNotes.authorUserId,
	authorName: users.displayName,
	createdAt: exchangeNotes.createdAt,
	updatedAt: exchangeNotes.updatedAt,
	version: exchangeNotes.version,
	revisions: revisionsJson
};

type RawNote = Omit<NoteRow, 'revisions'> & {
	revisions: { kind: NoteKind; body: string; writtenBy: string; writtenAt: string }[];
};

const toNote = (row: RawNote): NoteRow => ({
	...row,
	revisions: (typeof row.revisions === 'string' ? JSON.parse(row.revisions) : row.revisions).map(
		(r: RawNote['revisions'][number]) => ({ ...r, writtenAt: new Date(r.writtenAt) })
	)
});

/** The thread of a pilot, oldest first. Pilots are readable by everyone logged in. */
export async function loadPilotNotes(db: DbOrTx, pilotId: number): Promise<NoteRow[]> {
	const rows = await db
		.select(noteColumns)
		.from(exchangeNotes)
		.innerJoin(users, eq(users.id, exchangeNotes.authorUserId))
		.where(eq(exchangeNotes.pilotId, pilotId))
		.orderBy(asc(exchangeNotes.createdAt), asc(exchangeNotes.id));
	return rows.map(toNote);
}

/** Join condition: the measurement the note or factor belongs to, by natural key. */
const sameValue = (t: typeof exchangeNotes | typeof valueFactors): SQL =>
	and(
		eq(measurements.organisationId, t.organisationId),
		eq(measurements.kpiId, t.kpiId),
		eq(measurements.year, t.year),
		eq(measurements.quarter, t.quarter)
	)!;

/**
 * The thread of one value, only if the viewer may see the value itself: the join with the
 * measurement under `visibleValues` hides a reopened value's notes from other cities again.
 */
export async function loadValueNotes(
	db: DbOrTx,
	viewer: Viewer,
	key: ValueKey
): Promise<NoteRow[]> {
	const rows = await db
		.select(noteColumns)
		.from(exchangeNotes)
		.innerJoin(users, eq(users.id, exchangeNotes.authorUserId))
		.innerJoin(measurements, sameValue(exchangeNotes))
		.where(
			and(
				eq(exchangeNotes.organisationId, key.organisationId),
				eq(exchangeNotes.kpiId, key.kpiId),
				eq(exchangeNotes.year, key.year),
				eq(exchangeNotes.quarter, key.quarter),
				visibleValues(viewer)
			)
		)
		.orderBy(asc(exchangeNotes.createdAt), asc(exchangeNotes.id));
	return rows.map(toNote);
}

export interface FactorRow {
	id: number;
	organisationId: number;
	year: number;
	quarter: number;
	kind: FactorKind;
	explanation: string;
	estimatedEffect: string;
	createdByName: string;
	createdAt: Date;
}

const factorColumns = {
	id: valueFactors.id,
	organisationId: valueFactors.organisationId,
	year: valueFactors.year,
	quarter: valueFactors.quarter,
	kind: valueFactors.kind,
	explanation: valueFactors.explanation,
	estimatedEffect: valueFactors.estimatedEffect,
	createdByName: users.displayName,
	createdAt: valueFactors.createdAt
};

/** Factors matching `where`, only on values the viewer may see (the value's own visibility). */
function visibleFactors(db: DbOrTx, viewer: Viewer, where: SQL | undefined) {
	return db
		.select(factorColumns)
		.from(valueFactors)
		.innerJoin(users, eq(users.id, valueFactors.createdByUserId))
		.innerJoin(measurements, sameValue(valueFactors))
		.where(and(where, visibleValues(viewer)));
}

/** All factors of one city's KPI series that the viewer may see (for the value history). */
export function loadSeriesFactors(
	db: DbOrTx,
	viewer: Viewer,
	organisationId: number,
	kpiId: number
): Promise<FactorRow[]> {
	return visibleFactors(
		db,
		viewer,
		and(eq(valueFactors.organisationId, organisationId), eq(valueFactors.kpiId, kpiId))
	).orderBy(asc(valueFactors.year), asc(valueFactors.quarter), asc(valueFactors.id));
}
