import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { kpis, kpiVersions, measurements, scorecardKpis } from '../db/schema';
import type { DbOrTx } from '../db/types';
import {
	versionColumns,
	toVersionRow,
	sharedKpiOfField,
	type CatalogueEntry,
	type KpiDetail
} from './definition';

/** Reads of the field leads' catalogue editor ("Kennzahlen-Steckbrief"). */

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
