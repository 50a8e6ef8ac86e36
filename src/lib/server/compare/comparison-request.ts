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
