/**
 * Uploaded files wait on the server between the dry run and the commit, so the commit plans
 * again from the same bytes under locks instead of trusting what the browser sends back.
 * Two files per upload in DATA_DIR/imports: the bytes and a JSON record (owner, options,
 * the last plan and its fingerprint). Only the uploading person of that city can use it;
 * uploads older than a day are removed whenever a new one arrives.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { env } from '../env';
import type { AppLocale } from '../../format/number';
import type { DeliveryPlan } from '../../domain/delivery/types';
import type { FileFacts, FileProblem, NumberFormat } from '../../domain/delivery/file';
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

const folder = () => join(env().DATA_DIR, 'imports');
const paths = (id: string) => ({
	bytes: join(folder(), `${id}.bin`),
	record: join(folder(), `${id}.json`)
});

export function newUploadId(): string {
	return randomBytes(16).toString('hex');
}

export async function saveUpload(record: UploadRecord, bytes?: Uint8Array): Promise<void> {
	await mkdir(folder(), { recursive: true });
	const p = paths(record.id);
	if (bytes) await writeFile(p.bytes, bytes);
	await writeFile(p.record, JSON.stringify(record));
}

/** The upload, if it exists and belongs to this person, city and field. */
export async function loadUpload(
	id: string,
	owner: { userId: number; organisationId: number; fieldId: number }
): Promise<UploadRecord | null> {
	if (!isUploadId(id)) return null;
	try {
		const record = JSON.parse(await readFile(paths(id).record, 'utf8')) as UploadRecord;
		const mine =
			record.userId === owner.userId &&
			record.organisationId === owner.organisationId &&
			record.fieldId === owner.fieldId;
		return mine ? record : null;
	} catch {
		return null;
	}
}

export async function uploadBytes(id: string): Promise<Uint8Array> {
	return new Uint8Array(await readFile(paths(id).bytes));
}

export async function removeUpload(id: string): Promise<void> {
	if (!isUploadId(id)) return;
	const p = paths(id);
	await Promise.all([rm(p.bytes, { force: true }), rm(p.record, { force: true })]);
}

/** Removes uploads nobody committed or discarded within a day. */
export async function removeStaleUploads(now = Date.now()): Promise<void> {
	let names: string[];
	try {
		names = await readdir(folder());
	} catch {
		return;
	}
	await Promise.all(
		names.map(async (name) => {
			const file = join(folder(), name);
			const info = await stat(file).catch(() => null);
			if (info && now - info.mtimeMs > MAX_AGE_MS) await rm(file, { force: true });
		})
	);
}
