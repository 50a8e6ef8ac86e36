import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { cooperationFields, measurements, reportingPeriods, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import {
	findScorecard,
	loadStructure,
	loadTargets,
	loadVersions,
	scorecardKpiIds
} from '../scorecards/queries';
import { versionForQuarter } from '../../domain/scorecard/versions';
import { cityTargetsByKpi, targetBands } from '../../domain/status/targets';
import {
	lastCompletedQuarter,
	parseQuarterParam,
	shiftQuarter,
	type Quarter
} from '../../domain/period/quarter';
import type { PeriodState } from '../../domain/entry/workflow';
import type { EntryGrid, GridRow, GridValue } from '../../types/entry';
import { localName } from '../../format/local-name';

export type { EntryGrid, GridRow, GridValue };

export type { PeriodState };

/**
 * The entry grid of one city, field and quarter: six reads whatever the number of KPIs. Only
 * for people who may see the city's unreleased values (the route checks that first): it shows
 * drafts and submissions of the quarter and the two comparison quarters.
 */
export async function loadEntryGrid(
	db: DbOrTx,
	citySlug: string,
	fieldSlug: string,
	quarter: Quarter,
	locale: 'de' | 'en'
): Promise<EntryGrid | null> {
	const header = await findScorecard(db, citySlug, fieldSlug);
	if (!header) return null;
	const previous = shiftQuarter(quarter, -1);
	const lastYear = shiftQuarter(quarter, -4);
	const periodKey = (q: Quarter) =>
		and(eq(measurements.year, q.year), eq(measurements.quarter, q.quarter));
	const [structure, versions, targets, values, period] = await Promise.all([
		loadStructure(db, header.scorecardId),
		loadVersions(db, header.scorecardId),
		loadTargets(db, header.scorecardId),
		db
			.select({
				id: measurements.id,
				kpiId: measurements.kpiId,
				year: measurements.year,
				quarter: measurements.quarter,
				value: measurements.value,
				state: measurements.state,
				comment: measurements.comment,
				version: measurements.version,
				returnReason: measurements.returnReason,
				updatedByName: users.displayName
			})
			.from(measurements)
			.leftJoin(users, eq(users.id, measurements.updatedBy))
			.where(
				and(
					eq(measurements.organisationId, header.organisation.id),
					inArray(measurements.kpiId, scorecardKpiIds(db, header.scorecardId)),
					or(periodKey(quarter), periodKey(previous), periodKey(lastYear))
				)
			),
		db
			.select({ deadline: reportingPeriods.deadline, closedAt: reportingPeriods.closedAt })
			.from(reportingPeriods)
			.where(
				and(
					eq(reportingPeriods.fieldId, header.field.id),
					eq(reportingPeriods.year, quarter.year),
					eq(reportingPeriods.quarter, quarter.quarter)
				)
			)
	]);
	const key = (kpiId: number, q: Quarter) => `${kpiId}|${q.year}|${q.quarter}`;
	const byKey = new Map(values.map((v) => [key(v.kpiId, v), v]));
	const cityTargets = cityTargetsByKpi(targets);
	const rows: GridRow[] = [];
	for (const s of structure) {
		if (s.kpiId === null || s.kpiCode === null || s.scorecardKpiId === null) continue;
		const kpiId = s.kpiId;
		const kpiVersions = versions.filter((v) => v.kpiId === kpiId);
		const version = versionForQuarter(kpiVersions, quarter);
		if (!version) continue;
		const current = byKey.get(key(kpiId, quarter));
		const numberOf = (q: Quarter) => {
			const v = byKey.get(key(kpiId, q));
			return v ? Number(v.value) : null;
		};
		rows.push({
			kpiId,
			code: s.kpiCode,
			name: localName(version, locale),
			comparable: s.kpiIsLocal === false,
			kpiVersionId: version.id,
			unit: version.unit,
			decimals: version.decimals,
			polarity: version.polarity,
			plausibleChangePercent: version.plausibleChangePercent,
			bands: targetBands(cityTargets.get(s.scorecardKpiId)?.get(quarter.year), version).bands,
			current: current
				? {
						id: current.id,
						value: Number(current.value),
						state: current.state,
						comment: current.comment,
						version: current.version,
						// Only a draft is still returned: submitted again, the reason is answered.
						returnReason: current.state === 'draft' ? current.returnReason : null,
						updatedByName: current.updatedByName
					}
				: null,
			previousQuarter: numberOf(previous),
			sameQuarterLastYear: numberOf(lastYear)
		});
	}
	const [p] = period;
	return {
		scorecardId: header.scorecardId,
		organisation: header.organisation,
		field: header.field,
		quarter,
		period: {
			state: !p ? 'missing' : p.closedAt ? 'closed' : 'open',
			deadline: p?.deadline ?? null
		},
		rows
	};
}

/** `?q=2026-Q3` (or the older `2026-3`), or the field's newest open quarter, or the last quarter that has ended. */
export async function chooseQuarter(
	db: DbOrTx,
	fieldSlug: string,
	requested: string | null,
	today: Date
): Promise<Quarter | null> {
	if (requested !== null) return parseQuarterParam(requested);
	const [open] = await db
		.select({ year: reportingPeriods.year, quarter: reportingPeriods.quarter })
		.from(reportingPeriods)
		.innerJoin(cooperationFields, eq(cooperationFields.id, reportingPeriods.fieldId))
		.where(and(eq(cooperationFields.slug, fieldSlug), isNull(reportingPeriods.closedAt)))
		.orderBy(desc(reportingPeriods.year), desc(reportingPeriods.quarter))
		.limit(1);
	return open ?? lastCompletedQuarter(today);
}
