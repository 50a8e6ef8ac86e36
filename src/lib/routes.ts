import { localizeHref } from '$lib/paraglide/runtime';

/** Every internal link is built here, in the active language (German without prefix, /en/… English). */
export const routes = {
	home: () => localizeHref('/'),
	cities: () => localizeHref('/cities'),
	city: (city: string) => localizeHref(`/cities/${city}`),
	scorecard: (city: string, field: string, kpi?: string) =>
		localizeHref(`/cities/${city}/${field}${kpi ? `?kpi=${encodeURIComponent(kpi)}#trend` : ''}`),
	scorecardEdit: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/edit`),
	objectiveEdit: (city: string, field: string, objectiveId: number) =>
		localizeHref(`/cities/${city}/${field}/edit/objectives/${objectiveId}`),
	kpiEdit: (city: string, field: string, scorecardKpiId: number) =>
		localizeHref(`/cities/${city}/${field}/edit/kpis/${scorecardKpiId}`),
	strategyMap: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/map`),
	entry: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/entry`),
	importPage: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/import`),
	importTemplate: (city: string, field: string) =>
		localizeHref(`/cities/${city}/${field}/import/template`),
	exportValues: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/export`),
	fields: () => localizeHref('/fields'),
	compare: () => localizeHref('/compare'),
	field: (field: string) => localizeHref(`/fields/${field}`),
	catalogue: (field: string) => localizeHref(`/fields/${field}/catalogue`),
	template: (field: string) => localizeHref(`/fields/${field}/template`),
	periods: (field: string) => localizeHref(`/fields/${field}/periods`),
	pilots: (field: string) => localizeHref(`/fields/${field}/pilots`),
	pilotNew: (field: string) => localizeHref(`/fields/${field}/pilots/new`),
	pilot: (field: string, id: number) => localizeHref(`/fields/${field}/pilots/${id}`),
	pilotEdit: (field: string, id: number) => localizeHref(`/fields/${field}/pilots/${id}/edit`),
	completeness: () => localizeHref('/completeness'),
	templateObjective: (field: string, objectiveId: number) =>
		localizeHref(`/fields/${field}/template/objectives/${objectiveId}`),
	compareHeatmap: (filters: CompareFilters = {}) =>
		localizeHref(`/compare/heatmap${queryString(filters)}`),
	compareHeatmapExport: (filters: CompareFilters, format: 'csv' | 'xlsx') =>
		localizeHref(`/compare/heatmap/export${queryString({ ...filters, format })}`),
	compareTrend: (filters: CompareFilters = {}) =>
		localizeHref(`/compare/trend${queryString(filters)}`),
	compareTrendExport: (filters: CompareFilters, format: 'csv' | 'xlsx') =>
		localizeHref(`/compare/trend/export${queryString({ ...filters, format })}`),
	overview: (city?: string) => localizeHref(`/overview${queryString({ city })}`),
	/** The briefing pack of a city and quarter (`2026-Q3`), stable per language. */
	briefing: (city: string, quarter: string, format: 'pdf' | 'pptx') =>
		localizeHref(`/cities/${city}/briefing/${quarter}.${format}`)
};

/** Filters of the compare views as they appear in the URL; lists join with commas (cities=a,b). */
export type CompareFilters = Record<string, string | string[] | null | undefined>;

/** `?a=1&cities=koeln,essen`, leaving out empty filters; commas stay readable in shared links. */
function queryString(filters: CompareFilters): string {
	const parts = Object.entries(filters).flatMap(([key, value]) => {
		const text = Array.isArray(value) ? value.join(',') : value;
		if (!text) return [];
		return [`${key}=${text.split(',').map(encodeURIComponent).join(',')}`];
	});
	return parts.length ? `?${parts.join('&')}` : '';
}
