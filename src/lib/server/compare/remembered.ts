import type { Cookies } from '@sveltejs/kit';
import { periodParam } from '../../domain/compare/period';
import { readComparisonRequest } from './comparison-request';

/**
 * "Vergleich" comes back to the last comparison the browser showed (decision 0040): the query of
 * that view in a cookie of its own. Only filters, never figures: what the page shows is decided
 * anew by the guard and the visibility rule on every request.
 */
export const COMPARISON_COOKIE = 'ikz_compare';
const ONE_YEAR = 60 * 60 * 24 * 365;

/**
 * The remembered view's query, rebuilt from its parsed filters so a forged cookie can never put
 * anything into the address that the page's own parser would not accept; null when there is none.
 * The memory is the person's who made it: on a shared PC the next person starts afresh, even when
 * the previous one's session ended without a logout.
 */
export function rememberedComparison(cookies: Pick<Cookies, 'get'>, userId: number): string | null {
	const stored = cookies.get(COMPARISON_COOKIE);
	const prefix = `${userId}:`;
	if (!stored || stored.length > 300 || !stored.startsWith(prefix)) return null;
	const request = readComparisonRequest(new URLSearchParams(stored.slice(prefix.length)));
	if (!request?.field || !request.kpi) return null;
	const query = new URLSearchParams({ field: request.field, kpi: request.kpi });
	if (request.period) query.set('period', periodParam(request.period));
	if (request.group) query.set('group', request.group);
	if (request.basis !== 'defined') query.set('basis', request.basis);
	return query.toString();
}

/** Keeps the view just shown (its canonical query) for the next "Vergleich". */
export function rememberComparison(cookies: Pick<Cookies, 'set'>, url: URL, userId: number) {
	cookies.set(COMPARISON_COOKIE, `${userId}:${url.searchParams.toString()}`, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ONE_YEAR
	});
}

/** At logout (decision 0040): a shared PC keeps nothing of the person's last view. */
export function forgetComparison(cookies: Pick<Cookies, 'delete'>, url: URL) {
	cookies.delete(COMPARISON_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
