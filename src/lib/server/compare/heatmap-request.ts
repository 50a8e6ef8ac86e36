import { z } from 'zod';
import { text } from '../../schemas/text';
import { parsePeriod, type ComparisonPeriod } from '../../domain/compare/period';

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = text().max(100).regex(slugPattern);

export interface HeatmapRequest {
	field: string | null;
	period: ComparisonPeriod | null;
}

const query = z.object({ field: slug.nullable(), period: text().max(7).nullable() });

/** The heatmap's filters from the URL (`?field=…&period=2026-Q3|2025`); null when malformed. */
export function readHeatmapRequest(params: URLSearchParams): HeatmapRequest | null {
	const parsed = query.safeParse({
		field: params.get('field') || null,
		period: params.get('period') || null
	});
	if (!parsed.success) return null;
	const period = parsePeriod(parsed.data.period);
	if (parsed.data.period && !period) return null;
	return { field: parsed.data.field, period };
}
