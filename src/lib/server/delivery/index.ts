/**
 * The delivery core shared by the file import and the API upsert: KPI values by natural key
 * (city, KPI code, year, quarter), planned set-based and written all or nothing.
 * Contract: notes/delivery-contract.md; rules per row: src/lib/domain/delivery/plan.ts.
 */
import { createHash } from 'node:crypto';
import type { Db, DbOrTx, Tx } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { refuse, transactionOr } from '../db/refusal';
import { recordAudit } from '../auth/audit';
import { getLocale } from '../../paraglide/runtime';
import type { AppLocale } from '../../format/number';
import { classifyRows, countKinds } from '../../domain/delivery/classify';
import { neededKeys, resolveRows } from '../../domain/delivery/resolve';
import type { PlannedRow, WriteOp } from '../../domain/delivery/plan-model';
import type { DeliveryPlan, DeliveryRow, RowOutcome } from '../../domain/delivery/types';
import { loadCatalog, loadStoredState } from './load';
import { deliveryErrorText } from './messages';
import { writeOps } from './write';

export type {
	DeliveryErrorCode,
	DeliveryPlan,
	DeliveryRow,
	RowOutcome,
	RowOutcomeKind
} from '../../domain/delivery/types';

export interface PlanInput {
	organisationId: number;
	rows: DeliveryRow[];
	/** Language of the row messages; default: the request's. */
	locale?: AppLocale;
	/** Accept rows of this field only (the import page of one scorecard). */
	onlyFieldId?: number | null;
}

export interface CommitInput extends PlanInput {
	userId: number;
	source: 'import' | 'api';
	/**
	 * The fingerprint of the dry run the user confirmed (`planFingerprint`). When the plan made
	 * under locks differs (someone changed a value in between), nothing is written and the
	 * answer carries `stale: true` with the new plan to confirm again.
	 */
	expectedFingerprint?: string;
	/**
	 * A condition on the stored state, checked inside the transaction once the rows are locked
	 * (the API's `If-Match`). False: nothing is written, the answer has `preconditionFailed`.
	 */
	precondition?: (tx: Tx) => Promise<boolean>;
	/** Read last inside the transaction, after the writes, and returned as `after` (the API's ETag). */
	afterWrite?: (tx: Tx) => Promise<string>;
}

export type CommitResult =
	| { ok: true; plan: DeliveryPlan; after?: string }
	| { ok: false; plan: DeliveryPlan; stale?: true; preconditionFailed?: true };

/** PostgreSQL text (and jsonb) cannot hold NUL; it means nothing in a code, name or comment. */
const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);
const withoutNul = (row: DeliveryRow): DeliveryRow => ({
	...row,
	city: noNul(String(row.city)),
	...(row.field === undefined ? {} : { field: noNul(String(row.field)) }),
	kpi: noNul(String(row.kpi)),
	...(row.comment === undefined ? {} : { comment: noNul(String(row.comment ?? '')) }),
	...(row.raw ? { raw: { ...row.raw, text: noNul(String(row.raw.text)) } } : {}),
	...(row.written
		? { written: { year: noNul(row.written.year), quarter: noNul(row.written.quarter) } }
		: {})
});

async function planRows(db: DbOrTx, input: PlanInput, lock: boolean): Promise<PlannedRow[]> {
	const rows = input.rows.map(withoutNul);
	const catalog = await loadCatalog(db, input.organisationId, rows, input.onlyFieldId ?? null);
	const resolved = resolveRows(rows, catalog);
	const stored = await loadStoredState(db, input.organisationId, neededKeys(resolved), lock);
	return classifyRows(resolved, stored);
}

function toPlan(rows: PlannedRow[], locale: AppLocale): DeliveryPlan {
	const outcomes = rows.map((r): RowOutcome => {
		const outcome: RowOutcome = {
			line: r.line,
			kind: r.kind,
			city: r.city,
			field: r.field,
			kpi: r.kpi,
			year: r.year,
			quarter: r.quarter,
			before: r.before,
			after: r.after
		};
		if (r.error) {
			outcome.error = {
				code: r.error.code,
				message: deliveryErrorText(r.error.code, r.error.detail, r, locale)
			};
		}
		if (r.warnings) outcome.warnings = r.warnings;
		if (r.emptyValueCell) outcome.emptyValueCell = true;
		return outcome;
	});
	return { outcomes, counts: countKinds(rows) };
}

/** Dry run: reads only (a handful of set-based queries, never per row). */
export async function planDelivery(db: DbOrTx, input: PlanInput): Promise<DeliveryPlan> {
	return toPlan(await planRows(db, input, false), input.locale ?? getLocale());
}

/**
 * What the user confirms in a dry run: each row's line, outcome and the stored value it saw.
 * Equal fingerprints mean the commit writes exactly what the dry run showed.
 */
export function planFingerprint(plan: DeliveryPlan): string {
	const hash = createHash('sha256');
	for (const o of plan.outcomes) {
		hash.update(
			`${o.line}|${o.kind}|${o.before?.value ?? ''}|${o.before?.comment ?? ''}|${o.before?.state ?? ''}|${o.after?.value ?? ''}|${o.after?.comment ?? ''}\n`
		);
	}
	return hash.digest('hex');
}

/**
 * Plans inside one transaction (periods FOR SHARE, values FOR UPDATE, as the entry grid) and
 * writes only if no row has an error: all or nothing. Unchanged rows are not written. Values
 * become drafts. One audit entry per delivery (source, counts), not per row; a delivery that
 * changes nothing writes nothing at all.
 */
export async function commitDelivery(db: Db, input: CommitInput): Promise<CommitResult> {
	const locale = input.locale ?? getLocale();
	// A value inserted by someone else between our read and our insert breaks the unique key:
	// plan once more under the new state instead of failing.
	for (let attempt = 1; ; attempt++) {
		try {
			return await transactionOr<CommitResult, CommitResult>(db, async (tx) => {
				const rows = await planRows(tx, input, true);
				const plan = toPlan(rows, locale);
				if (input.precondition && !(await input.precondition(tx))) {
					refuse<CommitResult>({ ok: false, plan, preconditionFailed: true });
				}
				if (plan.counts.error > 0) refuse<CommitResult>({ ok: false, plan });
				if (
					input.expectedFingerprint !== undefined &&
					input.expectedFingerprint !== planFingerprint(plan)
				) {
					refuse<CommitResult>({ ok: false, plan, stale: true });
				}
				const ops = rows.map((r) => r.write).filter((w): w is WriteOp => w !== undefined);
				const after = async () => (input.afterWrite ? { after: await input.afterWrite(tx) } : {});
				if (ops.length === 0) return { ok: true as const, plan, ...(await after()) };
				await writeOps(tx, ops, input);
				// Rows whose empty value cell kept a stored value are named, so the entry tells
				// that the file held them and they were left alone on purpose.
				const emptyValueCells = rows.filter((r) => r.emptyValueCell).length;
				await recordAudit(tx, {
					userId: input.userId,
					organisationId: input.organisationId,
					action: `measurement.${input.source}`,
					entity: 'delivery',
					after: {
						source: input.source,
						rows: input.rows.length,
						...plan.counts,
						...(emptyValueCells > 0 ? { emptyValueCells } : {})
					}
				});
				return { ok: true as const, plan, ...(await after()) };
			});
		} catch (e) {
			if (attempt < 3 && isUniqueViolation(e)) continue;
			throw e;
		}
	}
}
