import { z } from 'zod';
import { text } from '../../schemas/text';
import { parsePeriod, type ComparisonPeriod } from '../../domain/compare/period';

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = text().max(100).regex(slugPattern);

export interface HeatmapRequest {
	field: string | null;
	period: ComparisonPeriod | null;
	/** A peer group's slug (hand-made or derived from the directory); null for all cities. */
	group: string | null;
	/** 1-based page of municipalities (decision 0039). */
	page: number;
}

const query = z.object({
	field: slug.nullable(),
	period: text().max(7).nullable(),
	group: slug.nullable(),
	page: z.coerce.number().int().min(1).max(10_000).nullable()
});

/** The heatmap's filters from the URL (`?field=…&period=2026-Q3|2025&group=…&page=2`); null when malformed. */
export function readHeatmapRequest(params: URLSearchParams): HeatmapRequest | null {
	const parsed = query.safeParse({
		field: params.get('field') || null,
		period: params.get('period') || null,
		group: params.get('group') || null,
		page: params.get('page') || null
	});
	if (!parsed.success) return null;
	const period = parsePeriod(parsed.data.period);
	if (parsed.data.period && !period) return null;
	return {
		field: parsed.data.field,
		period,
		group: parsed.data.group,
		page: parsed.data.page ?? 1
	};
}
