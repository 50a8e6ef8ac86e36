/**
 * Uploaded files wait between the dry run and the commit, so the commit plans again from the
 * same bytes under locks instead of trusting what the browser sends back. They wait in the
 * table `pending_imports` (bytes and a record: owner, options, the last plan and its
 * fingerprint), so every app instance on the database sees them. Only the uploading person of
 * that city and field can use one; uploads older than a day are removed whenever a new one
 * arrives.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/types';
import { pendingImports } from '../db/schema';
import type { AppLocale } from '../../format/number';
import type { DeliveryPlan } from '../../domain/delivery/types';
import type { FileFacts, FileProblem, NumberFormat } from '../tabular/file';
import type { SavedMapping } from '../../domain/delivery/columns';

export interface UploadRecord {
	id: string;
	userId: number;
	organisationId: number;
	fieldId: number;
	fileName: string;
	size: number;
	numberFormat: NumberFormat;
	/** Language of the row messages in `plan`. */
	locale: AppLocale;
	createdAt: string;
	/** The mapping the file was read with (saved mapping of the city, plus the user's choices). */
	mapping: SavedMapping;
	facts: FileFacts | null;
	/** File-level problems; when present there is no plan. */
	problems: FileProblem[];
	plan: DeliveryPlan | null;
	fingerprint: string | null;
}

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const idPattern = /^[0-9a-f]{32}$/;

export const isUploadId = (id: string | null | undefined): id is string =>
	!!id && idPattern.test(id);

export function newUploadId(): string {
	return randomBytes(16).toString('hex');
}

/** Keeps a new upload with its bytes, or (without bytes) stores the changed record. */
export async function saveUpload(db: Db, record: UploadRecord, bytes?: Uint8Array): Promise<void> {
	if (bytes) {
		await db.insert(pendingImports).values({
			id: record.id,
			userId: record.userId,
			organisationId: record.organisationId,
			fieldId: record.fieldId,
			record,
			bytes
		});
		return;
	}
	await db
		.update(pendingImports)
		.set({ record, updatedAt: sql`now()` })
		.where(eq(pendingImports.id, record.id));
}

/** The upload, if it exists and belongs to this person, city and field. */
export async function loadUpload(
	db: Db,
	id: string,
	owner: { userId: number; organisationId: number; fieldId: number }
): Promise<UploadRecord | null> {
	if (!isUploadId(id)) return null;
	const [row] = await db
		.select({ record: pendingImports.record })
		.from(pendingImports)
		.where(
			and(
				eq(pendingImports.id, id),
				eq(pendingImports.userId, owner.userId),
				eq(pendingImports.organisationId, owner.organisationId),
				eq(pendingImports.fieldId, owner.fieldId)
			)
		);
	return row?.record ?? null;
}

/** The kept bytes; the upload was loaded (and its owner checked) just before. */
export async function uploadBytes(db: Db, id: string): Promise<Uint8Array> {
	const [row] = await db
		.select({ bytes: pendingImports.bytes })
		.from(pendingImports)
		.where(eq(pendingImports.id, id));
	if (!row) throw new Error(`Upload ${id} is gone`);
	return row.bytes;
}

export async function removeUpload(db: Db, id: string): Promise<void> {
	if (!isUploadId(id)) return;
	await db.delete(pendingImports).where(eq(pendingImports.id, id));
}

/** Removes uploads nobody committed or discarded within a day. */
export async function removeStaleUploads(db: Db, now = new Date()): Promise<void> {
	await db
		.delete(pendingImports)
		.where(lt(pendingImports.updatedAt, new Date(now.getTime() - MAX_AGE_MS)));
}
