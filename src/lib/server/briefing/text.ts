import { m } from '../../paraglide/messages';
import { formatKpiValue, formatNumber, type AppLocale, type KpiUnit } from '../../format/number';
import { formatDate, formatDateTime } from '../../format/date-time';
import type { Quarter } from '../../domain/period/quarter';
import type { Status } from '../../domain/status/status';
import type { RollupStatus } from '../../domain/scoring/score';
import type { Rollup } from '../../domain/scoring/rollup';
import type { Standing } from '../../domain/compare/overview';
import type { FactorKind, NoteKind } from '../../domain/exchange/kinds';
import type { MeasurementState } from '../../domain/scorecard/types';
import type { RingStanding } from '../../domain/briefing/types';

/**
 * Every word and number of the briefing in one language, decided by the URL rather than the
 * request's ambient locale, so the PDF and the slides read alike and tests can ask for either.
 */
export function briefingText(locale: AppLocale) {
	const o = { locale };
	const status: Record<Status, string> = {
		green: m.status_green({}, o),
		yellow: m.status_yellow({}, o),
		red: m.status_red({}, o),
		no_data: m.status_no_data({}, o),
		no_target: m.status_no_target({}, o)
	};
	const standing: Record<Standing, string> = {
		better: m.overview_standing_better({}, o),
		worse: m.overview_standing_worse({}, o),
		equal: m.overview_standing_equal({}, o),
		above: m.overview_standing_above({}, o),
		below: m.overview_standing_below({}, o)
	};
	const state: Record<MeasurementState, string> = {
		draft: m.state_draft({}, o),
		submitted: m.state_submitted({}, o),
		released: m.state_released({}, o)
	};
	const factorKind: Record<FactorKind, string> = {
		outsourcing: m.factor_kind_outsourcing({}, o),
		case_mix: m.factor_kind_case_mix({}, o),
		one_off: m.factor_kind_one_off({}, o),
		staffing: m.factor_kind_staffing({}, o),
		legal_change: m.factor_kind_legal_change({}, o),
		it_change: m.factor_kind_it_change({}, o),
		other: m.factor_kind_other({}, o)
	};
	const noteKind: Record<NoteKind, string> = {
		comment: m.exchange_kind_comment({}, o),
		lesson: m.exchange_kind_lesson({}, o)
	};
	const pilotStatus: Record<string, string> = {
		idea: m.pilot_status_idea({}, o),
		planned: m.pilot_status_planned({}, o),
		running: m.pilot_status_running({}, o),
		completed: m.pilot_status_completed({}, o),
		stopped: m.pilot_status_stopped({}, o)
	};
	const unit: Record<KpiUnit, string> = {
		percent: m.unit_percent({}, o),
		days: m.unit_days({}, o),
		hours: m.unit_hours({}, o),
		minutes: m.unit_minutes({}, o),
		seconds: m.unit_seconds({}, o),
		euro: m.unit_euro({}, o),
		count: m.unit_count({}, o),
		ratio: m.unit_ratio({}, o)
	};
	const number = (v: number, decimals = 0) => formatNumber(v, locale, decimals);
	return {
		locale,
		o,
		status: (s: Status | RollupStatus) => status[s],
		standing: (s: Standing | null) => (s ? standing[s] : m.overview_standing_none({}, o)),
		state: (s: MeasurementState | null) => (s ? state[s] : ''),
		factorKind: (k: FactorKind) => factorKind[k],
		noteKind: (k: NoteKind) => noteKind[k],
		pilotStatus: (s: string) => pilotStatus[s] ?? s,
		/** The unit's name ("Tage", "Prozent"), as the web charts title their value axis. */
		unit: (u: KpiUnit) => unit[u],
		quarter: (q: Quarter) =>
			m.quarter_label({ year: String(q.year), quarter: String(q.quarter) }, o),
		number,
		kpi: (v: number, unit: KpiUnit, decimals: number) => formatKpiValue(v, unit, decimals, locale),
		euro: (cents: number) => formatKpiValue(cents / 100, 'euro', 0, locale),
		date: (iso: string) => formatDate(iso, locale),
		moment: (d: Date) => formatDateTime(d, locale),
		/** "72,5 von 100 · Knapp verfehlt": the number and the word, never the colour alone. */
		rollup: (r: Rollup | null) =>
			r && r.score !== null
				? `${m.overview_score({ score: number(r.score, 1) }, o)} · ${status[r.status]}`
				: status.no_data
	};
}

export type BriefingText = ReturnType<typeof briefingText>;

/** A key KPI against the ring as label/value rows: the same in the PDF and on the slides. */
export function standingRows(s: RingStanding, t: BriefingText): [string, string][] {
	const o = t.o;
	const f = (v: number) => t.kpi(v, s.unit, s.decimals);
	const d = s.distribution;
	return [
		[
			m.overview_col_own_value({}, o),
			`${f(s.value)}${s.state && s.state !== 'released' ? ` (${t.state(s.state)})` : ''}`
		],
		[m.col_status({}, o), t.status(s.status)],
		[m.briefing_median({}, o), d ? f(d.median) : '–'],
		[m.briefing_col_quartiles({}, o), d ? `${f(d.lowerQuartile)} / ${f(d.upperQuartile)}` : '–'],
		[
			m.briefing_col_rank({}, o),
			s.rank !== null
				? m.briefing_rank({ rank: String(s.rank), count: String(s.rankOf) }, o)
				: m.briefing_rank_none({}, o)
		],
		[m.overview_col_standing({}, o), t.standing(s.standing)],
		[m.briefing_ring_cities({}, o), t.number(s.count)]
	];
}
