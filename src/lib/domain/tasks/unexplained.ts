import type { OverviewInput } from '../compare/overview';
import { checkValue, type EntryWarning } from '../entry/plausibility';
import { shiftQuarter, type Quarter } from '../period/quarter';
import { versionForQuarter } from '../scorecard/versions';
import type { VersionRow } from '../scorecard/types';
import type { KpiUnit } from '../../format/number';

/** Why a value wants a comment: it is red, or the plausibility rules warn about it. */
export type UnexplainedReason = 'red' | EntryWarning;

/** A value of the quarter the entry rules would not let through without a comment, and has none. */
export interface UnexplainedValue {
	fieldSlug: string;
	field: string;
	kpiId: number;
	code: string;
	name: string;
	unit: KpiUnit;
	decimals: number;
	value: number;
	reasons: UnexplainedReason[];
}

const sameQuarter = (p: { year: number; quarter: number }, q: Quarter) =>
	p.year === q.year && p.quarter === q.quarter;

/**
 * The city's values of `quarter` that still lack their comment: the entry grid's own check
 * (`checkValue`: red, or an implausible change, share or sign) with the comment as stored, against
 * the previous quarter's value and the definition valid in the quarter. In scorecard order.
 */
export function unexplainedValues(
	inputs: readonly OverviewInput[],
	versionsByKpi: ReadonlyMap<number, readonly VersionRow[]>,
	quarter: Quarter
): UnexplainedValue[] {
	const previousQuarter = shiftQuarter(quarter, -1);
	const out: UnexplainedValue[] = [];
	for (const { field, scorecard } of inputs)
		for (const p of scorecard?.perspectives ?? [])
			for (const o of p.objectives)
				for (const k of o.kpis) {
					const point = k.series.find((s) => sameQuarter(s, quarter));
					if (!point || point.value === null) continue;
					const previous = k.series.find((s) => sameQuarter(s, previousQuarter));
					const version = versionForQuarter(versionsByKpi.get(k.kpiId) ?? [], quarter);
					const check = checkValue({
						value: point.value,
						unit: k.unit,
						bands: point.bands,
						previousValue: previous?.value ?? null,
						plausibleChangePercent: version?.plausibleChangePercent ?? null,
						comment: point.comment
					});
					if (check.errors.length === 0) continue;
					out.push({
						fieldSlug: field.slug,
						field: field.name,
						kpiId: k.kpiId,
						code: k.code,
						name: k.name,
						unit: k.unit,
						decimals: k.decimals,
						value: point.value,
						reasons: [...(check.status === 'red' ? (['red'] as const) : []), ...check.warnings]
					});
				}
	return out;
}
