import { compareQuarters, quarterRange, type Quarter } from '../period/quarter';
import { statusOf, type Status } from '../status/status';
import { groupBy } from '../../util/group-by';
import { versionAt } from './versions';
import { cityTargetsByKpi, targetBands } from '../status/targets';
import { scoreOf } from '../scoring/score';
import { rollUpGroups, rollUpKpis } from '../scoring/rollup';
import { yearlyValue } from '../scoring/yearly';
import type {
	KpiView,
	MeasurementRow,
	ObjectiveView,
	PerspectiveView,
	ScorecardView,
	SeriesPoint,
	StatusCounts,
	StructureRow,
	TargetRow,
	VersionRow
} from './types';
import { localName, localized } from '../../format/local-name';

export const TREND_QUARTERS = 12;

const emptyCounts = (): StatusCounts => ({ green: 0, yellow: 0, red: 0, no_data: 0, no_target: 0 });

function countStatuses(statuses: Status[]): StatusCounts {
	const counts = emptyCounts();
	for (const s of statuses) counts[s]++;
	return counts;
}

export interface AssembleInput {
	structure: StructureRow[];
	versions: VersionRow[];
	targets: TargetRow[];
	measurements: MeasurementRow[];
	locale: 'de' | 'en';
}

/** Builds perspectives → objectives → KPIs with series, latest value and status. */
export function assembleScorecard(input: AssembleInput): ScorecardView {
	const { structure, versions, targets, measurements, locale } = input;
	const latestQuarter = measurements.reduce<Quarter | null>(
		(max, m) => (!max || compareQuarters(m, max) > 0 ? { year: m.year, quarter: m.quarter } : max),
		null
	);
	const quarters = latestQuarter ? quarterRange(latestQuarter, TREND_QUARTERS) : [];

	const versionsByKpi = groupBy(versions, (v) => v.kpiId);
	const measurementsByKpi = groupBy(measurements, (m) => m.kpiId);
	const targetsBySkpi = cityTargetsByKpi(targets);

	const buildKpi = (row: StructureRow): KpiView | null => {
		if (row.scorecardKpiId === null || row.kpiId === null || row.kpiCode === null) return null;
		const kpiVersions = versionsByKpi.get(row.kpiId) ?? [];
		const current = latestQuarter ? versionAt(kpiVersions, latestQuarter) : kpiVersions.at(-1);
		const definition = current ?? kpiVersions.at(-1);
		if (!definition) return null;
		const cityTargets = targetsBySkpi.get(row.scorecardKpiId) ?? new Map();
		const byQuarter = new Map(
			(measurementsByKpi.get(row.kpiId) ?? []).map((m) => [`${m.year}-${m.quarter}`, m])
		);
		let previousVersion: number | null = null;
		let versionInForce: number | undefined;
		const series: SeriesPoint[] = quarters.map((q, i) => {
			const m = byQuarter.get(`${q.year}-${q.quarter}`);
			const inForce = versionAt(kpiVersions, q);
			const { bands } = targetBands(cityTargets.get(q.year), inForce);
			const value = m ? Number(m.value) : null;
			// A break where a new definition takes effect, or where values switch versions.
			const definitionBreak =
				(i > 0 && inForce?.id !== versionInForce) ||
				(!!m && previousVersion !== null && m.kpiVersionId !== previousVersion);
			versionInForce = inForce?.id;
			if (m) previousVersion = m.kpiVersionId;
			return {
				...q,
				value,
				state: m?.state ?? null,
				comment: m?.comment ?? '',
				definitionBreak,
				bands,
				status: statusOf(value, bands),
				score: scoreOf(value, bands)
			};
		});
		const latest = [...series].reverse().find((p) => p.value !== null) ?? null;
		const latestBands = latest
			? targetBands(
					cityTargets.get(latest.year),
					versionAt(kpiVersions, { year: latest.year, quarter: 4 })
				)
			: null;
		const yearly = latest
			? yearlyValue(
					series.filter((p) => p.year === latest.year),
					definition.aggregation
				)
			: null;
		return {
			scorecardKpiId: row.scorecardKpiId,
			kpiId: row.kpiId,
			code: row.kpiCode,
			comparable: row.kpiIsLocal === false,
			name: localName(definition, locale),
			definition: localized(definition, 'definition', locale),
			unit: definition.unit,
			decimals: definition.decimals,
			polarity: definition.polarity,
			denominator: definition.denominator,
			source: definition.source,
			weight: Number(row.weight ?? 1),
			latest,
			targetSource: latest
				? targetBands(cityTargets.get(latest.year), versionAt(kpiVersions, latest)).source
				: null,
			status: latest?.status ?? 'no_data',
			score: latest?.score ?? null,
			aggregation: definition.aggregation,
			yearly:
				latest && yearly
					? { ...yearly, year: latest.year, status: statusOf(yearly.value, latestBands?.bands) }
					: null,
			series
		};
	};

	const perspectives: PerspectiveView[] = [];
	for (const rows of groupBy(structure, (r) => r.perspectiveId).values()) {
		const first = rows[0]!;
		const objectives: ObjectiveView[] = [];
		for (const objectiveRows of groupBy(
			rows.filter((r) => r.objectiveId !== null),
			(r) => r.objectiveId!
		).values()) {
			const o = objectiveRows[0]!;
			const kpis = objectiveRows.map(buildKpi).filter((k): k is KpiView => k !== null);
			objectives.push({
				id: o.objectiveId!,
				title: o.objectiveTitle ?? '',
				description: o.objectiveDescription ?? '',
				owner: o.objectiveOwner ?? '',
				kpis,
				statusCounts: countStatuses(kpis.map((k) => k.status)),
				rollup: rollUpKpis(
					kpis.map((k) => ({ weight: k.weight, score: k.score, status: k.status }))
				)
			});
		}
		perspectives.push({
			id: first.perspectiveId,
			key: first.perspectiveKey,
			name: localized(first, 'perspectiveName', locale),
			objectives,
			statusCounts: countStatuses(objectives.flatMap((o) => o.kpis.map((k) => k.status))),
			rollup: rollUpGroups(objectives.map((o) => o.rollup))
		});
	}
	return {
		perspectives,
		rollup: rollUpGroups(perspectives.map((p) => p.rollup)),
		latestQuarter,
		quarters
	};
}
