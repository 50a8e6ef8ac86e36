import { localizeHref } from '$lib/paraglide/runtime';

/** Every internal link is built here, in the active language (German without prefix, /en/… English). */
export const routes = {
	home: () => localizeHref('/'),
	cities: () => localizeHref('/cities'),
	city: (city: string) => localizeHref(`/cities/${city}`),
	scorecard: (city: string, field: string, kpi?: string) =>
		localizeHref(`/cities/${city}/${field}${kpi ? `?kpi=${encodeURIComponent(kpi)}#trend` : ''}`),
	fields: () => localizeHref('/fields'),
	field: (field: string) => localizeHref(`/fields/${field}`)
};
