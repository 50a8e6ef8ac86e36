import { z } from 'zod';
import { text } from '../../schemas/text';

/**
 * The reopen form of the entry page names the row it acts on with the version the row had on
 * the page (`version_<kpiId>`), as the grid does, so the server changes nothing the person did
 * not see (issue 14). Releasing is the review page's (schemas/review.ts).
 */

const kpiId = z.coerce.number().pipe(z.int32().positive());
const version = z.coerce.number().pipe(z.int32().positive());
const reopenPost = z.object({ kpiId, reason: text().trim().min(1).max(2000) });

export type ReopenPost =
	| { ok: true; kpiId: number; version: number; reason: string }
	| { ok: false; problem: 'reason' | 'fields' };

/** A correction: the KPI chosen, its value's version as shown, and the reason. */
export function readReopenPost(form: FormData): ReopenPost {
	const parsed = reopenPost.safeParse({ kpiId: form.get('kpiId'), reason: form.get('reason') });
	if (!parsed.success) {
		const kpiProblem = parsed.error.issues.some((i) => i.path[0] === 'kpiId');
		return { ok: false, problem: kpiProblem ? 'fields' : 'reason' };
	}
	const shown = version.safeParse(form.get(`version_${parsed.data.kpiId}`));
	if (!shown.success) return { ok: false, problem: 'fields' };
	return { ok: true, ...parsed.data, version: shown.data };
}
