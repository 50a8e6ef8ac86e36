/**
 * The import page's steps on the server: receive a file (parse, dry run, keep it), apply a
 * column mapping, and commit — which reads the kept bytes again and plans again inside the
 * commit transaction (commitDelivery), so nothing the browser sends back is trusted.
 */
import type { Db } from '../db/types';
import type { AppLocale } from '../../format/number';
import { parseDeliveryFile, type FileProblem, type NumberFormat } from '../tabular/file';
import type { SavedMapping } from '../../domain/delivery/columns';
import { commitDelivery, planDelivery, planFingerprint, type CommitResult } from '../delivery';
import { loadMapping, rememberMapping } from './mapping';
import {
	newUploadId,
	removeStaleUploads,
	removeUpload,
	saveUpload,
	uploadBytes,
	type UploadRecord
} from './uploads';

export interface ImportScope {
	userId: number;
	organisationId: number;
	fieldId: number;
	citySlug: string;
	fieldSlug: string;
	locale: AppLocale;
}

const columnProblems = new Set(['missing_columns', 'unknown_columns', 'duplicate_columns']);

/** Parses the kept bytes with the record's options and plans them (dry run); updates the record. */
async function planRecord(db: Db, scope: ImportScope, record: UploadRecord, bytes: Uint8Array) {
	const parsed = await parseDeliveryFile(bytes, {
		defaults: { city: scope.citySlug, field: scope.fieldSlug },
		userLocale: scope.locale,
		numberFormat: record.numberFormat,
		mapping: record.mapping
	});
	record.facts = parsed.facts;
	record.locale = scope.locale;
	if (!parsed.ok) {
		record.problems = parsed.problems;
		record.plan = null;
		record.fingerprint = null;
		return;
	}
	const plan = await planDelivery(db, {
		organisationId: scope.organisationId,
		rows: parsed.rows,
		locale: scope.locale,
		onlyFieldId: scope.fieldId
	});
	record.problems = [];
	record.plan = plan;
	record.fingerprint = planFingerprint(plan);
}

export type Received = { ok: true; record: UploadRecord } | { ok: false; problems: FileProblem[] };

/**
 * A new upload: kept when it is a table (with a dry run, or waiting for a column mapping);
 * refused with its file-level problems otherwise (nothing kept, nothing written).
 */
export async function receiveUpload(
	db: Db,
	scope: ImportScope,
	file: { name: string; bytes: Uint8Array },
	numberFormat: NumberFormat
): Promise<Received> {
	await removeStaleUploads(db);
	const record: UploadRecord = {
		id: newUploadId(),
		userId: scope.userId,
		organisationId: scope.organisationId,
		fieldId: scope.fieldId,
		fileName: file.name.slice(0, 200),
		size: file.bytes.length,
		numberFormat,
		locale: scope.locale,
		createdAt: new Date().toISOString(),
		mapping: await loadMapping(db, scope.organisationId),
		facts: null,
		problems: [],
		plan: null,
		fingerprint: null
	};
	await planRecord(db, scope, record, file.bytes);
	const unfixable = record.problems.filter((p) => !columnProblems.has(p.problem));
	if (unfixable.length) return { ok: false, problems: unfixable };
	await saveUpload(db, record, file.bytes);
	return { ok: true, record };
}

/** The user's column choices: remembered for the city, then the file is read again with them. */
export async function applyMapping(
	db: Db,
	scope: ImportScope,
	record: UploadRecord,
	choices: SavedMapping
): Promise<UploadRecord> {
	record.mapping = {
		...record.mapping,
		...(await rememberMapping(db, scope.organisationId, choices))
	};
	await planRecord(db, scope, record, await uploadBytes(db, record.id));
	await saveUpload(db, record);
	return record;
}

/** The dry run again, e.g. after the user switched the language (messages are stored texts). */
export async function replanUpload(db: Db, scope: ImportScope, record: UploadRecord) {
	await planRecord(db, scope, record, await uploadBytes(db, record.id));
	await saveUpload(db, record);
	return record;
}

export type Committed = CommitResult | { ok: false; plan: null };

/**
 * Commits the kept file: parsed again, planned again under locks, written only when the plan
 * equals the dry run the user saw (same fingerprint) and has no error. On success the upload
 * is removed; otherwise the record gets the new plan to show.
 */
export async function commitUpload(
	db: Db,
	scope: ImportScope,
	record: UploadRecord
): Promise<Committed> {
	const bytes = await uploadBytes(db, record.id);
	const parsed = await parseDeliveryFile(bytes, {
		defaults: { city: scope.citySlug, field: scope.fieldSlug },
		userLocale: scope.locale,
		numberFormat: record.numberFormat,
		mapping: record.mapping
	});
	if (!parsed.ok || record.fingerprint === null) return { ok: false, plan: null };
	const result = await commitDelivery(db, {
		organisationId: scope.organisationId,
		userId: scope.userId,
		rows: parsed.rows,
		source: 'import',
		locale: scope.locale,
		onlyFieldId: scope.fieldId,
		expectedFingerprint: record.fingerprint
	});
	if (result.ok) {
		await removeUpload(db, record.id);
	} else {
		record.plan = result.plan;
		record.fingerprint = planFingerprint(result.plan);
		await saveUpload(db, record);
	}
	return result;
}
