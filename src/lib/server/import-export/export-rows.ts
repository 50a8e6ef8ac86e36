/**
 * The values of one scorecard for export (a quarter or all), and the template of a quarter: the
 * scorecard's KPIs with the stored value where there is one. Only states the viewer may see:
 * another city's drafts and submissions are never exported. Three reads, whatever the size.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { kpiVersions, measurements } from '../db/schema';
import type { DbOrTx } from '../db/types';
import {
	loadStructure,
	loadVersions,
	scorecardKpiIds,
	type ScorecardHeader
} from '../scorecards/queries';
import { versionForQuarter } from '../../domain/scorecard/versions';
import type { MeasurementState } from '../auth/permissions';
import type { Quarter } from '../../domain/period/quarter';
import type { AppLocale } from '../../format/number';
import type { ExportRow } from '../tabular/export-file';
import { localName } from '../../format/local-name';

export async function loadExportRows(
	db: DbOrTx,
	header: ScorecardHeader,
	states: MeasurementState[],
	options: { quarter: Quarter | null; template: boolean; locale: AppLocale }
): Promise<ExportRow[]> {
	const { quarter, locale } = options;
	const [structure, versions, values] = await Promise.all([
		loadStructure(db, header.scorecardId),
		loadVersions(db, header.scorecardId),
		db
			.select({
				kpiId: measurements.kpiId,
				year: measurements.year,
				quarter: measurements.quarter,
				value: measurements.value,
				comment: measurements.comment,
				state: measurements.state,
				nameDe: kpiVersions.nameDe,
				nameEn: kpiVersions.nameEn,
				unit: kpiVersions.unit
			})
			.from(measurements)
			.innerJoin(kpiVersions, eq(kpiVersions.id, measurements.kpiVersionId))
			.where(
				and(
					eq(measurements.organisationId, header.organisation.id),
					inArray(measurements.kpiId, scorecardKpiIds(db, header.scorecardId)),
					inArray(measurements.state, states),
					...(quarter
						? [eq(measurements.year, quarter.year), eq(measurements.quarter, quarter.quarter)]
						: [])
				)
			)
	]);
	// Scorecard order: perspective, objective, KPI; archived scorecard KPIs are not exported.
	const order = new Map<number, { index: number; code: string }>();
	for (const s of structure) {
		if (s.kpiId !== null && s.kpiCode !== null && !order.has(s.kpiId)) {
			order.set(s.kpiId, { index: order.size, code: s.kpiCode });
		}
	}
	const base = { city: header.organisation.slug, field: header.field.slug };
	const rows: (ExportRow & { sort: number })[] = [];
	for (const v of values) {
		const kpi = order.get(v.kpiId);
		if (!kpi) continue;
		rows.push({
			...base,
			kpi: kpi.code,
			name: localName(v, locale),
			unit: v.unit,
			year: v.year,
			quarter: v.quarter,
			value: Number(v.value),
			comment: v.comment,
			state: v.state,
			sort: kpi.index
		});
	}
	if (options.template && quarter) {
		const present = new Set(rows.map((r) => r.kpi));
		for (const [kpiId, kpi] of order) {
			if (present.has(kpi.code)) continue;
			const own = versions.filter((v) => v.kpiId === kpiId);
			const version = versionForQuarter(own, quarter);
			if (!version) continue;
			rows.push({
				...base,
				kpi: kpi.code,
				name: localName(version, locale),
				unit: version.unit,
				year: quarter.year,
				quarter: quarter.quarter,
				value: null,
				comment: '',
				state: null,
				sort: kpi.index
			});
		}
	}
	rows.sort((a, b) => a.year - b.year || a.quarter - b.quarter || a.sort - b.sort);
	return rows.map(({ sort: _sort, ...row }) => row);
}
