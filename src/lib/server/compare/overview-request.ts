import { z } from 'zod';
import { text } from '../../schemas/text';
import { slugPattern } from './heatmap-request';

export interface OverviewRequest {
	city: string | null;
}

const query = z.object({ city: text().max(100).regex(slugPattern).nullable() });

/** `/overview?city=<slug>`; without it, the viewer's own city. null when malformed. */
export function readOverviewRequest(params: URLSearchParams): OverviewRequest | null {
	const parsed = query.safeParse({ city: params.get('city') || null });
	return parsed.success ? parsed.data : null;
}
