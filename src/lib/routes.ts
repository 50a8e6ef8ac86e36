import { localizeHref } from '$lib/paraglide/runtime';
import { quarterParam, type Quarter } from '$lib/domain/period/quarter';

/**
 * Links built in a language other than the request's (a mail in its recipient's language): the
 * path without a language prefix, which the caller localizes. `routes` below uses the same.
 */
export const unlocalizedPaths = {
	scorecard: (city: string, field: string) => `/cities/${city}/${field}`,
	entry: (city: string, field: string, quarter?: Quarter) =>
		`/cities/${city}/${field}/entry${queryString({ q: quarter && quarterParam(quarter) })}`,
	account: () => '/account'
};

/** Every internal link is built here, in the active language (German without prefix, /en/… English). */
export const routes = {
	home: () => localizeHref('/'),
	cities: () => localizeHref('/cities'),
	city: (city: string) => localizeHref(`/cities/${city}`),
	scorecard: (city: string, field: string, kpi?: string) =>
		localizeHref(
			unlocalizedPaths.scorecard(city, field) + (kpi ? `?kpi=${encodeURIComponent(kpi)}#trend` : '')
		),
	scorecardEdit: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/edit`),
	objectiveEdit: (city: string, field: string, objectiveId: number) =>
		localizeHref(`/cities/${city}/${field}/edit/objectives/${objectiveId}`),
	kpiEdit: (city: string, field: string, scorecardKpiId: number) =>
		localizeHref(`/cities/${city}/${field}/edit/kpis/${scorecardKpiId}`),
	strategyMap: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/map`),
	entry: (city: string, field: string, quarter?: Quarter) =>
		localizeHref(unlocalizedPaths.entry(city, field, quarter)),
	/** The approver's review of a quarter's submitted values; `confirm` opens the release confirmation. */
	/** One value's input in the entry grid (EntryRow's `kpi-<id>-value`). */
	entryValue: (city: string, field: string, quarter: Quarter, kpiId: number) =>
		localizeHref(
			`/cities/${city}/${field}/entry${queryString({ q: quarterParam(quarter) })}#kpi-${kpiId}-value`
		),
	review: (city: string, field: string, quarter?: Quarter, confirm = false) =>
		localizeHref(
			`/cities/${city}/${field}/review${queryString({
				q: quarter && quarterParam(quarter),
				confirm: confirm ? '1' : undefined
			})}`
		),
	importPage: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/import`),
	importTemplate: (city: string, field: string) =>
		localizeHref(`/cities/${city}/${field}/import/template`),
	exportValues: (city: string, field: string) => localizeHref(`/cities/${city}/${field}/export`),
	fields: () => localizeHref('/fields'),
	compare: (filters: CompareFilters = {}) => localizeHref(`/compare${queryString(filters)}`),
	field: (field: string) => localizeHref(`/fields/${field}`),
	catalogue: (field: string) => localizeHref(`/fields/${field}/catalogue`),
	template: (field: string) => localizeHref(`/fields/${field}/template`),
	periods: (field: string) => localizeHref(`/fields/${field}/periods`),
	/** The periods page with the form to move a quarter's deadline or to reopen it. */
	periodChange: (field: string, kind: 'deadline' | 'reopen', quarter: Quarter) =>
		localizeHref(
			`/fields/${field}/periods${queryString({ [kind]: quarterParam(quarter) })}#change`
		),
	/** The periods page after a change, naming what was done to which quarter. */
	periodsDone: (field: string, done: string, quarter: Quarter) =>
		localizeHref(`/fields/${field}/periods${queryString({ done, q: quarterParam(quarter) })}`),
	pilots: (field: string) => localizeHref(`/fields/${field}/pilots`),
	pilotNew: (field: string) => localizeHref(`/fields/${field}/pilots/new`),
	/** The pilots page after a change, scrolled to the section it changed. */
	pilotsDone: (field: string, done: string, section: string) =>
		localizeHref(`/fields/${field}/pilots${queryString({ done })}#${section}`),
	pilot: (field: string, id: number) => localizeHref(`/fields/${field}/pilots/${id}`),
	/** A pilot after a change, scrolled to the section it changed (if named). */
	pilotDone: (field: string, id: number, done: string, section?: string) =>
		localizeHref(`/fields/${field}/pilots/${id}${queryString({ done })}`) +
		(section ? `#${section}` : ''),
	pilotEdit: (field: string, id: number) => localizeHref(`/fields/${field}/pilots/${id}/edit`),
	completeness: (quarter?: Quarter) =>
		localizeHref(`/completeness${queryString({ q: quarter && quarterParam(quarter) })}`),
	/** The completeness page opened on one field (and city) of a quarter. */
	completenessDrilldown: (quarter: Quarter, field: string, city?: string) =>
		localizeHref(
			`/completeness${queryString({ q: quarterParam(quarter), field, city })}#drilldown`
		),
	completenessExport: (quarter: Quarter) =>
		localizeHref(`/completeness/export.csv${queryString({ q: quarterParam(quarter) })}`),
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
	overviewExport: (city: string, format: 'csv' | 'xlsx') =>
		localizeHref(`/overview/export${queryString({ city, format })}`),
	/** The comparison's export; `query` is the comparison's own query string (without `?`). */
	compareExport: (query: string, format: 'csv' | 'xlsx') =>
		localizeHref(`/compare/export?${query}${query ? '&' : ''}format=${format}`),
	catalogueKpi: (field: string, code: string) =>
		localizeHref(`/fields/${field}/catalogue/${encodeURIComponent(code)}`),
	catalogueNew: (field: string) => localizeHref(`/fields/${field}/catalogue/new`),
	/** A catalogue KPI after a change (`done=created`, `archived`, …). */
	catalogueKpiDone: (field: string, code: string, done: string) =>
		localizeHref(`/fields/${field}/catalogue/${encodeURIComponent(code)}${queryString({ done })}`),
	/** The catalogue after a KPI was deleted, naming it. */
	catalogueDeleted: (field: string, code: string) =>
		localizeHref(`/fields/${field}/catalogue${queryString({ deleted: code })}`),
	/** The login page; `redirectTo` is where it sends the person afterwards. */
	login: (redirectTo?: string) => localizeHref('/login') + redirectQuery(redirectTo),
	/** Starts single sign-on at the OpenID provider (decision 0030). */
	loginSso: (redirectTo?: string) => localizeHref('/login/sso') + redirectQuery(redirectTo),
	/** The login page explaining a refused single sign-on, in the language it was started in. */
	loginSsoRefused: (reason: string, locale?: 'de' | 'en') =>
		localizeHref(`/login?sso=${encodeURIComponent(reason)}`, locale ? { locale } : undefined),
	loginSecondFactor: (redirectTo?: string) =>
		localizeHref('/login/2fa') + redirectQuery(redirectTo),
	setPassword: (token: string) => localizeHref(`/set-password/${token}`),
	account: () => localizeHref(unlocalizedPaths.account()),
	accountTokens: () => localizeHref('/account/tokens'),
	accountSecondFactor: () => localizeHref('/account/2fa'),
	/** The audit log; `query` is its filter query string (without `?`). */
	audit: (query = '') => localizeHref('/audit') + (query ? `?${query}` : ''),
	adminUsers: () => localizeHref('/admin/users'),
	adminUser: (id: number) => localizeHref(`/admin/users/${id}`),
	admin: () => localizeHref('/admin'),
	peerGroups: () => localizeHref('/admin/peer-groups'),
	directory: () => localizeHref('/admin/directory'),
	directoryPopulations: () => localizeHref('/admin/directory/populations'),
	peerGroup: (slug: string) => localizeHref(`/admin/peer-groups/${slug}`),
	peerGroupSaved: (slug: string) => localizeHref(`/admin/peer-groups/${slug}?saved=1`),
	accessibility: () => localizeHref('/barrierefreiheit'),
	/** The API's description: not a page, so never localized. */
	apiDescription: () => '/api/v1/openapi.json',
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

/** `?redirectTo=…` with the whole target encoded (it carries its own query), or nothing. */
function redirectQuery(redirectTo: string | undefined): string {
	return redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : '';
}
