/**
 * The comparison views as their pages and components receive them
 * (built by `server/compare/*-page.ts`).
 */
import type { Heatmap } from '../domain/compare/heatmap';
import type { HeatmapView } from '../domain/compare/heatmap-pages';
import type { KeyKpiPosition, Mover, OverviewRow } from '../domain/compare/overview';
import type { ComparisonPeriod } from '../domain/compare/period';
import type { TrendView } from '../domain/compare/trend';
import type { Basis, Denominator } from '../domain/compare/comparison';
import type { Quarter } from '../domain/period/quarter';

export interface FieldRef {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
}

export interface HeatmapPage {
	fields: FieldRef[];
	field: FieldRef;
	/** null while the field has no reporting quarter and none was asked for. */
	period: ComparisonPeriod | null;
	periods: ComparisonPeriod[];
	/** The peer groups to narrow the rows to (names only), and the chosen one. */
	groups: GroupRef[];
	group: GroupRef | null;
	heatmap: Heatmap | null;
}

/** The heatmap as its page receives it: one page of rows, cut down (decision 0039). */
export type HeatmapPageView = Omit<HeatmapPage, 'heatmap'> & { heatmap: HeatmapView | null };

export interface GroupRef {
	slug: string;
	nameDe: string;
	nameEn: string;
}

export interface TrendPage {
	fields: FieldRef[];
	field: FieldRef;
	kpis: { code: string; nameDe: string; nameEn: string }[];
	/** The KPI shown; null when the field has no shared KPI (then there is no trend either). */
	code: string | null;
	chosen: string[];
	/** Chosen cities beyond the limit, and slugs that are no participant of the field. */
	dropped: string[];
	trend: TrendView | null;
	/** Every peer group, for the filter; the chosen one (its cities and median only) or null. */
	groups: TrendGroup[];
	group: string | null;
	/** The groups the viewer's own city belongs to: the trend starts with one in one click. */
	ownGroups: TrendGroup[];
}

/** One field in the ring-wide overview of a viewer without own city. */
export interface RingField {
	slug: string;
	nameDe: string;
	nameEn: string;
	/** The newest reporting quarter; null while the field has none. */
	quarter: Quarter | null;
	cities: number;
	sharedKpis: number;
	/** Cities with at least one released shared value in that quarter. */
	releasedCities: number;
}

export interface TrendGroup {
	slug: string;
	nameDe: string;
	nameEn: string;
	kind: 'hand' | 'size' | 'kreis' | 'regierungsbezirk' | 'status';
}

export interface OverviewPage {
	cities: { slug: string; name: string }[];
	/** null: a global role without `?city=` picks one first. */
	city: { slug: string; name: string } | null;
	/** The viewer's own city: its unreleased values are in the figures, marked. */
	own: boolean;
	/** The newest quarter of any of the city's scorecards. */
	asOf: Quarter | null;
	rows: OverviewRow[];
	columns: { column: string; name: string }[];
	improvements: Mover[];
	declines: Mover[];
	positions: KeyKpiPosition[];
}

/** What the comparison's filter form offers and has chosen (part of the server's comparison page). */
export interface ComparisonChoices {
	fields: { slug: string; nameDe: string; nameEn: string }[];
	field: { slug: string; nameDe: string; nameEn: string };
	kpis: { code: string; nameDe: string; nameEn: string }[];
	kpi: { code: string; denominator: Denominator };
	quarters: Quarter[];
	period: ComparisonPeriod;
	groups: { slug: string; nameDe: string; nameEn: string }[];
	group: string | null;
	basis: Basis;
}
