import { and, count, desc, eq, max, sql } from 'drizzle-orm';
import { recordAudit } from '../auth/audit';
import { kpis, kpiVersions, measurements, scorecardKpis } from '../db/schema';
import type { Db, Tx } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { refuse, transactionOr } from '../db/refusal';
import type { BandProblem } from '../../domain/status/status';
import { compareQuarters, type Quarter } from '../../domain/period/quarter';
import {
	meaningFields,
	correctableFields,
	definitionFields,
	commonTargetProblems,
	versionValues,
	versionColumns,
	toVersionRow,
	definitionOf,
	differs,
	sharedKpiOfField,
	validFromOf,
	type KpiDefinition,
	type MeaningField,
	type KpiVersionRow
} from './definition';

/**
 * The field leads' catalogue editor ("Kennzahlen-Steckbrief") for the shared KPIs of a field.
 * Callers have checked `catalogue:write` for the field; these functions check what the data
 * requires. Every write runs in one transaction with its audit entry and claims the KPI's
 * `version` the form was read at (optimistic locking): a refusal or conflict writes nothing.
 */

export type EditorRefusal =
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'conflict'; currentVersion: number }
	| { ok: false; reason: 'code_taken' }
	| { ok: false; reason: 'meaning_changed'; fields: MeaningField[] }
	| { ok: false; reason: 'valid_from_not_after_latest'; latest: Quarter }
	| { ok: false; reason: 'bands_invalid'; problems: BandProblem[] }
	| { ok: false; reason: 'unchanged' }
	| { ok: false; reason: 'in_use'; valueCount: number; scorecardUseCount: number };

export type EditorResult<T extends object = object> = ({ ok: true } & T) | EditorRefusal;

/** Which KPI a write is about, and the lock version its form was read at. */
export interface KpiTarget {
	fieldId: number;
	kpiId: number;
	expectedVersion: number;
}

/** The database's answer to two KPIs with the same code in one field (a concurrent create). */
const isCodeTaken = (error: unknown) => isUniqueViolation(error, 'kpis_code_unique');

async function write<T extends object>(db: Db, change: (tx: Tx) => Promise<T>) {
	try {
		return await transactionOr<EditorRefusal, { ok: true } & T>(db, async (tx) => ({
			ok: true as const,
			...(await change(tx))
		}));
	} catch (error) {
		if (isCodeTaken(error)) return { ok: false as const, reason: 'code_taken' as const };
		throw error;
	}
}

/**
 * Claims the KPI for this write: bumps its version if it still is the one the form was read at.
 * The row lock this takes also serialises concurrent writes of the same KPI.
 */
async function claimKpi(tx: Tx, target: KpiTarget) {
	const [claimed] = await tx
		.update(kpis)
		.set({ version: sql`${kpis.version} + 1` })
		.where(
			and(
				eq(kpis.id, target.kpiId),
				sharedKpiOfField(target.fieldId),
				eq(kpis.version, target.expectedVersion)
			)
		)
		.returning({ code: kpis.code, archivedAt: kpis.archivedAt, version: kpis.version });
	if (claimed) return claimed;
	const [current] = await tx
		.select({ version: kpis.version })
		.from(kpis)
		.where(and(eq(kpis.id, target.kpiId), sharedKpiOfField(target.fieldId)));
	return refuse(
		current
			? { ok: false, reason: 'conflict', currentVersion: current.version }
			: { ok: false, reason: 'not_found' }
	);
}

async function latestVersion(tx: Tx, kpiId: number): Promise<KpiVersionRow> {
	const [row] = await tx
		.select(versionColumns)
		.from(kpiVersions)
		.where(eq(kpiVersions.kpiId, kpiId))
		.orderBy(desc(kpiVersions.validFromYear), desc(kpiVersions.validFromQuarter))
		.limit(1);
	return row ? toVersionRow(row) : refuse({ ok: false, reason: 'not_found' });
}

async function usage(tx: Tx, kpiId: number) {
	const [[values], [uses]] = await Promise.all([
		tx.select({ count: count() }).from(measurements).where(eq(measurements.kpiId, kpiId)),
		tx.select({ count: count() }).from(scorecardKpis).where(eq(scorecardKpis.kpiId, kpiId))
	]);
	return { valueCount: values?.count ?? 0, scorecardUseCount: uses?.count ?? 0 };
}

function checkBands(definition: KpiDefinition) {
	const problems = commonTargetProblems(definition.polarity, definition);
	if (problems.length > 0) refuse({ ok: false, reason: 'bands_invalid', problems });
}

const audit = (
	tx: Tx,
	actorUserId: number,
	action: string,
	kpiId: number,
	details: { before?: unknown; after?: unknown }
) =>
	recordAudit(tx, {
		userId: actorUserId,
		action,
		entity: 'kpi',
		entityId: String(kpiId),
		...details
	});

/**
 * A new shared KPI of the field with its first version, valid from the given quarter; placed
 * after the field's other KPIs. The code is unique per field among shared KPIs (archived too).
 */
export async function createKpi(
	db: Db,
	actorUserId: number,
	input: { fieldId: number; code: string; validFrom: Quarter; definition: KpiDefinition }
): Promise<EditorResult<{ kpiId: number; versionId: number; code: string; version: number }>> {
	return write(db, async (tx) => {
		checkBands(input.definition);
		const [taken] = await tx
			.select({ id: kpis.id })
			.from(kpis)
			.where(and(sharedKpiOfField(input.fieldId), eq(kpis.code, input.code)));
		if (taken) refuse({ ok: false, reason: 'code_taken' });
		const [last] = await tx
			.select({ sortOrder: max(kpis.sortOrder) })
			.from(kpis)
			.where(sharedKpiOfField(input.fieldId));
		const [kpi] = await tx
			.insert(kpis)
			.values({
				fieldId: input.fieldId,
				ownerOrganisationId: null,
				code: input.code,
				sortOrder: (last?.sortOrder ?? 0) + 1
			})
			.returning({ id: kpis.id, version: kpis.version });
		const [version] = await tx
			.insert(kpiVersions)
			.values({
				kpiId: kpi!.id,
				validFromYear: input.validFrom.year,
				validFromQuarter: input.validFrom.quarter,
				...versionValues(input.definition)
			})
			.returning({ id: kpiVersions.id });
		await audit(tx, actorUserId, 'kpi.create', kpi!.id, {
			after: {
				fieldId: input.fieldId,
				code: input.code,
				validFrom: input.validFrom,
				...definitionOf(input.definition)
			}
		});
		return { kpiId: kpi!.id, versionId: version!.id, code: input.code, version: kpi!.version };
	});
}

/**
 * A correction of the latest version in place (typo, wording, source, decimals, plausibility,
 * common target). Refused when unit, polarity, aggregation or denominator differ: that changes
 * what the values mean and needs a new version, so the series can mark the break.
 */
export async function correctKpi(
	db: Db,
	actorUserId: number,
	input: KpiTarget & { definition: KpiDefinition }
): Promise<EditorResult<{ versionId: number; version: number }>> {
	return write(db, async (tx) => {
		const claimed = await claimKpi(tx, input);
		const latest = await latestVersion(tx, input.kpiId);
		const changedMeaning = differs(input.definition, latest, meaningFields) as MeaningField[];
		if (changedMeaning.length > 0)
			refuse({ ok: false, reason: 'meaning_changed', fields: changedMeaning });
		checkBands(input.definition);
		const changed = differs(input.definition, latest, correctableFields);
		if (changed.length === 0) refuse({ ok: false, reason: 'unchanged' });
		await tx
			.update(kpiVersions)
			.set(versionValues(input.definition))
			.where(eq(kpiVersions.id, latest.id));
		const pick = (d: KpiDefinition) => Object.fromEntries(changed.map((f) => [f, d[f]]));
		await audit(tx, actorUserId, 'kpi.correct', input.kpiId, {
			before: { code: claimed.code, versionId: latest.id, ...pick(latest) },
			after: { code: claimed.code, versionId: latest.id, ...pick(input.definition) }
		});
		return { versionId: latest.id, version: claimed.version };
	});
}

/**
 * A new version of the Steckbrief, valid from a quarter strictly after the latest version's.
 * Values already entered keep the version they were entered under.
 */
export async function versionKpi(
	db: Db,
	actorUserId: number,
	input: KpiTarget & { validFrom: Quarter; definition: KpiDefinition }
): Promise<EditorResult<{ versionId: number; version: number }>> {
	return write(db, async (tx) => {
		const claimed = await claimKpi(tx, input);
		const latest = await latestVersion(tx, input.kpiId);
		if (compareQuarters(input.validFrom, validFromOf(latest)) <= 0)
			refuse({ ok: false, reason: 'valid_from_not_after_latest', latest: validFromOf(latest) });
		checkBands(input.definition);
		if (differs(input.definition, latest, definitionFields).length === 0)
			refuse({ ok: false, reason: 'unchanged' });
		const [created] = await tx
			.insert(kpiVersions)
			.values({
				kpiId: input.kpiId,
				validFromYear: input.validFrom.year,
				validFromQuarter: input.validFrom.quarter,
				...versionValues(input.definition)
			})
			.returning({ id: kpiVersions.id });
		await audit(tx, actorUserId, 'kpi.version', input.kpiId, {
			before: { code: claimed.code, versionId: latest.id, validFrom: validFromOf(latest) },
			after: {
				code: claimed.code,
				versionId: created!.id,
				validFrom: input.validFrom,
				...definitionOf(input.definition)
			}
		});
		return { versionId: created!.id, version: claimed.version };
	});
}

/** Takes the KPI out of the catalogue; values, versions and scorecard rows stay. */
export async function archiveKpi(
	db: Db,
	actorUserId: number,
	input: KpiTarget & { now?: Date }
): Promise<EditorResult<{ version: number }>> {
	return write(db, async (tx) => {
		const claimed = await claimKpi(tx, input);
		if (claimed.archivedAt) refuse({ ok: false, reason: 'unchanged' });
		const archivedAt = input.now ?? new Date();
		await tx.update(kpis).set({ archivedAt }).where(eq(kpis.id, input.kpiId));
		await audit(tx, actorUserId, 'kpi.archive', input.kpiId, {
			after: { code: claimed.code, archivedAt, ...(await usage(tx, input.kpiId)) }
		});
		return { version: claimed.version };
	});
}

/** Brings an archived KPI back into the catalogue. */
export async function restoreKpi(
	db: Db,
	actorUserId: number,
	input: KpiTarget
): Promise<EditorResult<{ version: number }>> {
	return write(db, async (tx) => {
		const claimed = await claimKpi(tx, input);
		if (!claimed.archivedAt) refuse({ ok: false, reason: 'unchanged' });
		await tx.update(kpis).set({ archivedAt: null }).where(eq(kpis.id, input.kpiId));
		await audit(tx, actorUserId, 'kpi.restore', input.kpiId, {
			before: { code: claimed.code, archivedAt: claimed.archivedAt }
		});
		return { version: claimed.version };
	});
}

/**
 * Deletes a KPI nobody used: no values and on no scorecard (not even archived there).
 * Otherwise refused with `in_use`; such a KPI can only be archived.
 */
export async function deleteKpi(
	db: Db,
	actorUserId: number,
	input: KpiTarget
): Promise<EditorResult<{ code: string }>> {
	return write(db, async (tx) => {
		const claimed = await claimKpi(tx, input);
		const used = await usage(tx, input.kpiId);
		if (used.valueCount > 0 || used.scorecardUseCount > 0)
			refuse({ ok: false, reason: 'in_use', ...used });
		const versions = await tx
			.delete(kpiVersions)
			.where(eq(kpiVersions.kpiId, input.kpiId))
			.returning(versionColumns);
		await tx.delete(kpis).where(eq(kpis.id, input.kpiId));
		await audit(tx, actorUserId, 'kpi.delete', input.kpiId, {
			before: {
				fieldId: input.fieldId,
				code: claimed.code,
				versions: versions.map((v) => ({
					validFrom: validFromOf(v),
					...definitionOf(toVersionRow(v))
				}))
			}
		});
		return { code: claimed.code };
	});
}
