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
	fields: () => localizeHref('/fields'),
	field: (field: string) => localizeHref(`/fields/${field}`),
	catalogue: (field: string) => localizeHref(`/fields/${field}/catalogue`),
	template: (field: string) => localizeHref(`/fields/${field}/template`),
	periods: (field: string) => localizeHref(`/fields/${field}/periods`),
	completeness: () => localizeHref('/completeness'),
	templateObjective: (field: string, objectiveId: number) =>
		localizeHref(`/fields/${field}/template/objectives/${objectiveId}`)
};
