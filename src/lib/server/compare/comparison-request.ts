import { z } from 'zod';
import { text } from '../../schemas/text';
import { parsePeriod } from '../../domain/compare/period';
import type { ComparisonRequest } from './comparison';

const slug = text()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
	.max(100);

/** The comparison's filters from the URL, so every view is a link; null for a malformed one. */
const query = z.object({
	field: slug.nullable(),
	kpi: text()
		.regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/)
		.nullable(),
	period: text().max(7).nullable(),
	group: slug.nullable(),
	basis: z.enum(['defined', 'absolute']).nullable()
});

export function readComparisonRequest(params: URLSearchParams): ComparisonRequest | null {
	const raw = Object.fromEntries(
		(['field', 'kpi', 'period', 'group', 'basis'] as const).map((k) => [k, params.get(k) || null])
	);
	const parsed = query.safeParse(raw);
	if (!parsed.success) return null;
	const period = parsePeriod(parsed.data.period);
	if (parsed.data.period && !period) return null;
	return { ...parsed.data, period, basis: parsed.data.basis ?? 'defined' };
}

/**
 * The address of what the page shows: the field and KPI it chose (after a field switch, a KPI of
 * the old field falls back to the new field's first), other filters kept. null when the address
 * already says so, so a shared link never names a KPI the page did not show.
 */
export function canonicalComparisonUrl(
	url: URL,
	shown: { field: string; kpi: string }
): string | null {
	const params = url.searchParams;
	if (!params.get('field') && !params.get('kpi')) return null;
	if (params.get('field') === shown.field && params.get('kpi') === shown.kpi) return null;
	const canonical = new URL(url);
	canonical.searchParams.set('field', shown.field);
	canonical.searchParams.set('kpi', shown.kpi);
	return canonical.pathname + canonical.search;
}
