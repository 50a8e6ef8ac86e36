import { z } from 'zod';
import { text } from './text';

/**
 * Forms of the review page (issue 16). Each names the quarter it belongs to and the versions of
 * the values as the page showed them, so nothing changed since is returned or released unseen.
 */

const id = z.coerce.number().pipe(z.int32().positive());
const quarter = text().trim().min(1).max(10);

/** Returning one submitted value to the controller: a reason that is not only spaces. */
export const returnValueSchema = z.object({
	quarter,
	kpiId: id,
	version: id,
	reason: text().trim().min(1).max(2000)
});

/** `kpiId:version` of every value the confirmation listed. */
const seenValue = text().regex(/^\d{1,9}:\d{1,9}$/);

/**
 * Releasing after the confirmation step: `confirmed` is only sent by that step's button, so a
 * release without having seen the list of what becomes visible is refused.
 */
export const releaseValuesSchema = z.object({
	quarter,
	// Not z.literal('yes'): superforms fills a missing field with the schema's default, and a
	// literal's default is the literal itself, which would confirm every unconfirmed post.
	confirmed: text().refine((v) => v === 'yes'),
	seen: z.array(seenValue).min(1).max(500)
});

/** The values the confirmation listed, KPI → version. */
export const seenVersionsOf = (seen: readonly string[]): Map<number, number> =>
	new Map(
		seen.map((s) => {
			const [kpiId = '', version = ''] = s.split(':');
			return [Number(kpiId), Number(version)];
		})
	);
