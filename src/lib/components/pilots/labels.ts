import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatKpiValue, formatNumber } from '$lib/format/number';

/** Cents as euro in the active language, to the cent ("1.234,56 €"). */
export const euro = (cents: number) => formatKpiValue(cents / 100, 'euro', 2, getLocale());
/** Whole euro for chart axes. */
export const euroRounded = (cents: number) => formatKpiValue(cents / 100, 'euro', 0, getLocale());
export const percent = (value: number) =>
	`${formatNumber(value, getLocale(), value % 1 ? 2 : 0)} %`;

/**
 * A KPI's change with its sign and unit: percentage KPIs in percentage points ("−3,5 Pp."),
 * all others in percent of the value before ("−20 %").
 */
export const kpiChange = (value: number | null, unit: string) => {
	if (value === null) return '–';
	const signed = `${value > 0 ? '+' : ''}${formatNumber(value, getLocale(), 1)}`;
	return unit === 'percent' ? m.trend_multi_points({ value: signed }) : `${signed} %`;
};

/** The message for a stored value; the value itself when there is none. */
const pick = (map: Record<string, () => string>, key: string) => map[key]?.() ?? key;

export const statusLabel = (s: string) =>
	pick(
		{
			idea: m.pilot_status_idea,
			planned: m.pilot_status_planned,
			running: m.pilot_status_running,
			completed: m.pilot_status_completed,
			stopped: m.pilot_status_stopped
		},
		s
	);

export const keyLabel = (k: string) =>
	pick(
		{
			equal: m.pilot_key_equal,
			per_inhabitant: m.pilot_key_per_inhabitant,
			per_case: m.pilot_key_per_case,
			fixed: m.pilot_key_fixed
		},
		k
	);

export const kindLabel = (k: string) =>
	pick(
		{
			investment: m.pilot_kind_investment,
			operating: m.pilot_kind_operating,
			benefit: m.pilot_kind_benefit
		},
		k
	);

export const scenarioLabel = (s: string) =>
	pick({ planned: m.pilot_scenario_planned, actual: m.pilot_scenario_actual }, s);

export const criterionLabel = (c: string) =>
	pick(
		{
			konkretisierung: m.pilot_criterion_konkretisierung,
			machbarkeit: m.pilot_criterion_machbarkeit,
			wirtschaftlichkeit: m.pilot_criterion_wirtschaftlichkeit,
			akzeptanz: m.pilot_criterion_akzeptanz,
			projektplanung: m.pilot_criterion_projektplanung
		},
		c
	);

export const decisionLabel = (d: string) =>
	pick(
		{ go: m.pilot_decision_go, revise: m.pilot_decision_revise, stop: m.pilot_decision_stop },
		d
	);

export const options = <T extends string>(values: readonly T[], label: (v: T) => string) =>
	values.map((value) => ({ value, label: label(value) }));
