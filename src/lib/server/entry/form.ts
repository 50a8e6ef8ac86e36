import { z } from 'zod';
import { text } from '../../schemas/text';
import { readKpiValue } from '../../domain/entry/cell-input';
import { canSubmit, checkValue } from '../../domain/entry/plausibility';
import type { AppLocale } from '../../format/number';
import type { DraftInput } from './save';
import type { EntryGrid } from './grid';
import type { PostedRow, RowCheck } from '../../types/entry';

export type { PostedRow, RowCheck };

/** One posted grid row, as typed: kept and sent back on any refusal, so nothing typed is lost. */
const postedRow = z.object({
	kpiId: z.int32().positive(),
	value: text().max(64),
	comment: text().max(2000),
	version: z.int32().min(0)
}) satisfies z.ZodType<PostedRow>;
const MAX_ROWS = 500;
const gridPost = z.array(postedRow).max(MAX_ROWS);

/**
 * Reads the grid's fields (`kpi`, then `value_<kpiId>`, `comment_<kpiId>`, `version_<kpiId>`)
 * with zod. The form is walked once into a map (the first value of a name counts, as with
 * `form.get`): looking each field up in the form instead scans all of it per lookup, which
 * made a post of 20,000 fields block the server for seconds.
 */
export function readGridPost(form: FormData): PostedRow[] | null {
	const kpiIds: string[] = [];
	const fields = new Map<string, string>();
	for (const [name, entry] of form) {
		// A file where text belongs reads "[object File]", as before: refused as a value or id.
		const value = String(entry);
		if (name === 'kpi') {
			// More rows than the grid can have: refused below anyway, so stop collecting.
			if (kpiIds.length > MAX_ROWS) return null;
			kpiIds.push(value);
		} else if (!fields.has(name)) fields.set(name, value);
	}
	const rows = kpiIds.map((id) => ({
		kpiId: Number(id),
		value: fields.get(`value_${id}`) ?? '',
		// PostgreSQL text cannot hold NUL; it has no meaning in a comment.
		comment: (fields.get(`comment_${id}`) ?? '').replaceAll('\u0000', '').trim(),
		version: Number(fields.get(`version_${id}`) ?? 0)
	}));
	const parsed = gridPost.safeParse(rows);
	return parsed.success ? parsed.data : null;
}

/**
 * Turns the posted rows into drafts for the KPIs of the grid (others are ignored: a crafted
 * field for another KPI never reaches the database) and checks each: number format and the
 * plausibility rules for submitting. A value is read as import and API read it: with no more
 * decimals than the KPI keeps (`readKpiValue`).
 */
export function evaluateRows(grid: EntryGrid, posted: PostedRow[], locale: AppLocale) {
	const drafts: DraftInput[] = [];
	const checks: RowCheck[] = [];
	// The first posted row of a KPI counts; a map keeps this linear in the rows.
	const byKpi = new Map<number, PostedRow>();
	for (const r of posted) if (!byKpi.has(r.kpiId)) byKpi.set(r.kpiId, r);
	for (const row of grid.rows) {
		const p = byKpi.get(row.kpiId);
		if (!p) continue;
		const reading = readKpiValue(p.value, row.unit, row.decimals, locale);
		if (!reading.ok) {
			checks.push({ kpiId: row.kpiId, problem: reading.problem, errors: [], warnings: [] });
			continue;
		}
		const result = checkValue({
			value: reading.value,
			unit: row.unit,
			bands: row.bands,
			previousValue: row.previousQuarter,
			plausibleChangePercent: row.plausibleChangePercent,
			comment: p.comment
		});
		checks.push({
			kpiId: row.kpiId,
			problem: null,
			errors: result.errors,
			warnings: result.warnings
		});
		// Values already submitted or released are locked; posting them unchanged is fine.
		drafts.push({
			kpiId: row.kpiId,
			kpiVersionId: row.kpiVersionId,
			value: reading.value,
			comment: p.comment,
			expectedVersion: p.version
		});
	}
	return { drafts, checks };
}

/**
 * The KPIs whose checks stop the quarter from being submitted (`canSubmit`). Submitted and
 * released rows are locked and not submitted again, so their checks do not block.
 */
export function blockingRows(grid: EntryGrid, checks: RowCheck[]): number[] {
	const locked = new Set(
		grid.rows.filter((r) => r.current && r.current.state !== 'draft').map((r) => r.kpiId)
	);
	return checks.filter((c) => !locked.has(c.kpiId) && !canSubmit(c)).map((c) => c.kpiId);
}
