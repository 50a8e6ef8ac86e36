import { and, asc, count, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { recordAudit } from '../auth/audit';
import {
	kpiAggregation,
	kpiDenominator,
	kpiPolarity,
	kpis,
	kpiUnit,
	kpiVersions,
	measurements,
	scorecardKpis
} from '../db/schema';
import type { Db, DbOrTx, Tx } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { refuse, transactionOr } from '../db/refusal';
import { kpiDefinitionColumns } from './version-columns';
import { bandProblems, type BandProblem, type Bands } from '../../domain/status/status';
import { compareQuarters, type Quarter } from '../../domain/period/quarter';

/**
 * The field leads' catalogue editor ("Kennzahlen-Steckbrief") for the shared KPIs of a field.
 * Callers have checked `catalogue:write` for the field; these functions check what the data
 * requires. Every write runs in one transaction with its audit entry and claims the KPI's
 * `version` the form was read at (optimistic locking): a refusal or conflict writes nothing.
 */

export type KpiUnit = (typeof kpiUnit.enumValues)[number];
export type KpiPolarity = (typeof kpiPolarity.enumValues)[number];
export type KpiAggregation = (typeof kpiAggregation.enumValues)[number];
export type KpiDenominator = (typeof kpiDenominator.enumValues)[number];

/** Everything a version of a Steckbrief says, bands as numbers (null: unbounded). */
export interface KpiDefinition extends Bands {
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	definitionEn: string;
	unit: KpiUnit;
	decimals: number;
	polarity: KpiPolarity;
	aggregation: KpiAggregation;
	denominator: KpiDenominator;
	source: string;
	plausibleChangePercent: number | null;
}

/** Changing one of these changes what the figures mean: only a new version may do it. */
export const meaningFields = ['unit', 'polarity', 'aggregation', 'denominator'] as const;
export type MeaningField = (typeof meaningFields)[number];

/** What a correction may change in place (typos, wording, display, plausibility, common target). */
export const correctableFields = [
	'nameDe',
	'nameEn',
	'definitionDe',
	'definitionEn',
	'source',
	'decimals',
	'plausibleChangePercent',
	'greenMin',
	'greenMax',
	'yellowMin',
	'yellowMax'
] as const satisfies readonly (keyof KpiDefinition)[];

const definitionFields = [...correctableFields, ...meaningFields] as const;

export interface KpiVersionRow extends KpiDefinition {
	id: number;
	validFromYear: number;
	validFromQuarter: number;
	createdAt: Date;
}

export interface CatalogueEntry extends KpiVersionRow {
	kpiId: number;
	code: string;
	sortOrder: number;
	archivedAt: Date | null;
	/** The KPI's lock version: a form carries it and every write names it. */
	version: number;
	versionCount: number;
	valueCount: number;
	scorecardUseCount: number;
}

export interface KpiDetail {
	kpiId: number;
	fieldId: number;
	code: string;
	sortOrder: number;
	archivedAt: Date | null;
	version: number;
	valueCount: number;
	scorecardUseCount: number;
	/** Without values and scorecard use the KPI may be deleted; otherwise only archived. */
	deletable: boolean;
	/** Newest first; `latest` is versions[0]. */
	versions: (KpiVersionRow & { valueCount: number })[];
	latest: KpiVersionRow & { valueCount: number };
}

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
 * Which problems the bands have for the polarity; none when no band is given at all (a field
 * need not agree a common target).
 */
export function commonTargetProblems(polarity: KpiPolarity, bands: Bands): BandProblem[] {
	const { greenMin, greenMax, yellowMin, yellowMax } = bands;
	if (greenMin === null && greenMax === null && yellowMin === null && yellowMax === null) return [];
	return bandProblems(polarity, bands);
}

const toNumeric = (n: number | null) => (n === null ? null : String(n));
const fromNumeric = (s: string | null) => (s === null ? null : Number(s));

function versionValues(definition: KpiDefinition) {
	return {
		nameDe: definition.nameDe,
		nameEn: definition.nameEn,
		definitionDe: definition.definitionDe,
		definitionEn: definition.definitionEn,
		unit: definition.unit,
		decimals: definition.decimals,
		polarity: definition.polarity,
		aggregation: definition.aggregation,
		denominator: definition.denominator,
		source: definition.source,
		plausibleChangePercent: definition.plausibleChangePercent,
		greenMin: toNumeric(definition.greenMin),
		greenMax: toNumeric(definition.greenMax),
		yellowMin: toNumeric(definition.yellowMin),
		yellowMax: toNumeric(definition.yellowMax)
	};
}

const versionColumns = {
	id: kpiVersions.id,
	...kpiDefinitionColumns,
	plausibleChangePercent: kpiVersions.plausibleChangePercent,
	createdAt: kpiVersions.createdAt
};

type StoredBands = {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
};

function toVersionRow<T extends StoredBands>(row: T): Omit<T, keyof StoredBands> & Bands {
	return {
		...row,
		greenMin: fromNumeric(row.greenMin),
		greenMax: fromNumeric(row.greenMax),
		yellowMin: fromNumeric(row.yellowMin),
		yellowMax: fromNumeric(row.yellowMax)
	};
}

/** Only the definition's own fields, for audit entries and comparisons. */
function definitionOf(row: KpiDefinition): KpiDefinition {
	return Object.fromEntries(definitionFields.map((f) => [f, row[f]])) as unknown as KpiDefinition;
}

const differs = (a: KpiDefinition, b: KpiDefinition, fields: readonly (keyof KpiDefinition)[]) =>
	fields.filter((f) => a[f] !== b[f]);

const sharedKpiOfField = (fieldId: number) =>
	and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId));

const validFromOf = (v: { validFromYear: number; validFromQuarter: number }): Quarter => ({
	year: v.validFromYear,
	quarter: v.validFromQuarter
});

// ---------------------------------------------------------------------------------------------
// Reading

/** The field's shared KPIs, archived ones included, each with its newest version and usage. */
export async function listFieldKpis(db: DbOrTx, fieldId: number): Promise<CatalogueEntry[]> {
	const rows = await db
		.selectDistinctOn([kpis.sortOrder, kpis.id], {
			kpiId: kpis.id,
			code: kpis.code,
			sortOrder: kpis.sortOrder,
			archivedAt: kpis.archivedAt,
			version: kpis.version,
			...versionColumns,
			versionCount:
				sql<number>`(select count(*) from ${kpiVersions} as all_versions where all_versions.kpi_id = ${kpis.id})`.mapWith(
					Number
				),
			valueCount:
				sql<number>`(select count(*) from ${measurements} where ${measurements.kpiId} = ${kpis.id})`.mapWith(
					Number
				),
			scorecardUseCount:
				sql<number>`(select count(*) from ${scorecardKpis} where ${scorecardKpis.kpiId} = ${kpis.id})`.mapWith(
					Number
				)
		})
		.from(kpis)
		.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.where(sharedKpiOfField(fieldId))
		.orderBy(
			asc(kpis.sortOrder),
			asc(kpis.id),
			desc(kpiVersions.validFromYear),
			desc(kpiVersions.validFromQuarter)
		);
	return rows.map(
		({
			kpiId,
			code,
			sortOrder,
			archivedAt,
			version,
			versionCount,
			valueCount,
			scorecardUseCount,
			...v
		}) => ({
			...toVersionRow(v),
			kpiId,
			code,
			sortOrder,
			archivedAt,
			version,
			versionCount,
			valueCount,
			scorecardUseCount
		})
	);
}

/** One shared KPI of the field by its code, with every version (newest first) and its usage. */
export async function getKpiDetail(
	db: DbOrTx,
	fieldId: number,
	code: string
): Promise<KpiDetail | null> {
	const [kpi] = await db
		.select({
			kpiId: kpis.id,
			fieldId: kpis.fieldId,
			code: kpis.code,
			sortOrder: kpis.sortOrder,
			archivedAt: kpis.archivedAt,
			version: kpis.version
		})
		.from(kpis)
		.where(and(sharedKpiOfField(fieldId), eq(kpis.code, code)));
	if (!kpi) return null;
	const [versions, valuesByVersion, [uses]] = await Promise.all([
		db
			.select(versionColumns)
			.from(kpiVersions)
			.where(eq(kpiVersions.kpiId, kpi.kpiId))
			.orderBy(desc(kpiVersions.validFromYear), desc(kpiVersions.validFromQuarter)),
		db
			.select({ versionId: measurements.kpiVersionId, count: count() })
			.from(measurements)
			.where(eq(measurements.kpiId, kpi.kpiId))
			.groupBy(measurements.kpiVersionId),
		db.select({ count: count() }).from(scorecardKpis).where(eq(scorecardKpis.kpiId, kpi.kpiId))
	]);
	const counted = new Map(valuesByVersion.map((r) => [r.versionId, r.count]));
	const rows = versions.map((v) => ({ ...toVersionRow(v), valueCount: counted.get(v.id) ?? 0 }));
	const latest = rows[0];
	if (!latest) return null;
	const valueCount = valuesByVersion.reduce((sum, r) => sum + r.count, 0);
	const scorecardUseCount = uses?.count ?? 0;
	return {
		...kpi,
		valueCount,
		scorecardUseCount,
		deletable: valueCount === 0 && scorecardUseCount === 0,
		versions: rows,
		latest
	};
}

// ---------------------------------------------------------------------------------------------
// Writing

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
