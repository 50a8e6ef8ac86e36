import { count, eq, sql } from 'drizzle-orm';
import { measurements } from '../db/schema';
import type { DbOrTx } from '../db/types';

/**
 * The entity tag of a city's values (GET /api/v1/cities/{city}/values), for `If-Match` on a
 * delivery. One cheap statement: a hash over every stored value's id, row version and state,
 * in id order. Every write of a value adds 1 to its version (entry grid, delivery, submit,
 * release and reopen change the state), a cleared value disappears and a new one has a new
 * id, so the tag changes with any change of a value, comment or state. A filtered GET carries
 * the same tag: it cannot change unless the whole does.
 */
export async function valuesEtag(db: DbOrTx, organisationId: number): Promise<string> {
	const [row] = await db
		.select({
			n: count(),
			hash: sql<
				string | null
			>`md5(string_agg(${measurements.id}::text || ':' || ${measurements.version}::text || ':' || ${measurements.state}::text, ',' order by ${measurements.id}))`
		})
		.from(measurements)
		.where(eq(measurements.organisationId, organisationId));
	return `"v${row?.n ?? 0}-${row?.hash ?? 'empty'}"`;
}

/**
 * RFC 9110 §13.1.1: `*` matches any current representation (the city's values always exist);
 * otherwise one of the listed entity tags must equal the current one by strong comparison,
 * so a weak tag (W/"…") or a header that lists none never matches.
 */
export function ifMatchHolds(header: string, current: string): boolean {
	if (header.trim() === '*') return true;
	const tags = header.match(/(?:W\/)?"[^"]*"/g) ?? [];
	return tags.some((tag) => tag === current);
}
