import { z } from 'zod';
import { text } from '../../schemas/text';

/**
 * The release and reopen forms of the entry page name the rows they act on with the version
 * each row had on the page (`kpi` = KPI id, `version_<kpiId>`), as the grid does, so the server
 * changes nothing the person did not see (issue 14).
 */

const kpiId = z.coerce.number().pipe(z.int32().positive());
const version = z.coerce.number().pipe(z.int32().positive());
const seenRows = z.array(z.object({ kpiId, version })).max(500);

const versionOf = (form: FormData, id: FormDataEntryValue) =>
	typeof id === 'string' ? form.get(`version_${id}`) : null;

/** The rows the page showed, KPI → version; null when the fields cannot be read. */
export function readSeenVersions(form: FormData): Map<number, number> | null {
	const parsed = seenRows.safeParse(
		form.getAll('kpi').map((id) => ({ kpiId: id, version: versionOf(form, id) }))
	);
	return parsed.success ? new Map(parsed.data.map((r) => [r.kpiId, r.version])) : null;
}

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
