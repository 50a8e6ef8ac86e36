import { z } from 'zod';
import { text } from '../../schemas/text';
import { parseQuarterParam } from '../../domain/period/quarter';
import type { Quarter } from '../../domain/period/quarter';
import { slugPattern } from './heatmap-request';

export interface TrendRequest {
	field: string | null;
	kpi: string | null;
	/** null: not in the URL, so the viewer's own city is preselected; [] is an explicit "none". */
	cities: string[] | null;
	from: Quarter | null;
	to: Quarter | null;
	/** A peer group (hand-made or derived from the directory): its cities and its median only. */
	group: string | null;
}

const query = z.object({
	field: text().max(100).regex(slugPattern).nullable(),
	kpi: text()
		.regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/)
		.nullable(),
	cities: z.array(text().max(100).regex(slugPattern)).max(50).nullable(),
	from: text().max(7).nullable(),
	to: text().max(7).nullable(),
	group: text().max(100).regex(slugPattern).nullable()
});

/**
 * The trend's filters from the URL: `?field=…&kpi=…&cities=koeln,essen&from=2024-Q1&to=2026-Q3`
 * (and `&group=…`).
 * Cities come comma-separated from a shared link or repeated from the form's checkboxes (whose
 * hidden empty `cities=` marks an explicit choice). null when malformed.
 */
export function readTrendRequest(params: URLSearchParams): TrendRequest | null {
	const given = params.getAll('cities');
	const parsed = query.safeParse({
		field: params.get('field') || null,
		kpi: params.get('kpi') || null,
		cities: given.length ? given.flatMap((c) => c.split(',')).filter(Boolean) : null,
		from: params.get('from') || null,
		to: params.get('to') || null,
		group: params.get('group') || null
	});
	if (!parsed.success) return null;
	const from = parseQuarterParam(parsed.data.from);
	const to = parseQuarterParam(parsed.data.to);
	if ((parsed.data.from && !from) || (parsed.data.to && !to)) return null;
	const cities = parsed.data.cities ? [...new Set(parsed.data.cities)] : null;
	const { field, kpi, group } = parsed.data;
	return { field, kpi, cities, from, to, group };
}
