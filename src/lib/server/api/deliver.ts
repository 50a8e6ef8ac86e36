import type { Db } from '../db/types';
import { commitDelivery, planDelivery, type DeliveryPlan, type DeliveryRow } from '../delivery';
import { m } from '../../paraglide/messages';
import type { ApiGrant } from './access';
import { apiError, apiJson } from './errors';
import { ifMatchHolds, valuesEtag } from './etag';
import type { DeliveryRequest, DeliveryResult } from './schemas';

/**
 * The request's values as rows of the delivery core; `line` is the position from 1. An omitted
 * comment stays omitted (the stored one is kept); null means none, as "" does.
 */
export function toDeliveryRows(request: DeliveryRequest, citySlug: string): DeliveryRow[] {
	return request.values.map((v, i) => ({
		line: i + 1,
		city: v.city ?? citySlug,
		...(v.field === undefined ? {} : { field: v.field }),
		kpi: v.kpi,
		year: v.year,
		quarter: v.quarter,
		value: v.value,
		...(v.comment === undefined ? {} : { comment: v.comment ?? '' }),
		...(v.version === undefined ? {} : { version: v.version })
	}));
}

const outcomesOf = (plan: DeliveryPlan): DeliveryResult['outcomes'] =>
	plan.outcomes.map((o) => ({
		line: o.line,
		kind: o.kind,
		city: o.city,
		field: o.field,
		kpi: o.kpi,
		year: o.year,
		quarter: o.quarter,
		before: o.before,
		after: o.after,
		...(o.error ? { error: o.error } : {}),
		...(o.warnings?.length ? { warnings: o.warnings } : {})
	}));

/** A conflict or a row error: every row's outcome, nothing written. */
function rejected(plan: DeliveryPlan, dryRun: boolean, total: number): Response {
	const extra = { dryRun, counts: plan.counts, outcomes: outcomesOf(plan) };
	const conflicts = plan.outcomes.filter((o) => o.error?.code === 'version_conflict').length;
	// A conflict first: the sender has to read the new state before anything else helps.
	if (conflicts > 0) {
		const detail = m.api_error_version_conflict({
			count: String(conflicts),
			total: String(total)
		});
		return apiError(409, 'version_conflict', detail, { extra });
	}
	const detail = m.api_error_delivery_rejected({
		count: String(plan.counts.error),
		total: String(total)
	});
	return apiError(422, 'delivery_rejected', detail, { extra });
}

const preconditionFailed = () =>
	apiError(412, 'precondition_failed', m.api_error_precondition_failed());

/**
 * Upsert by natural key through the delivery core, exactly as the file import: the same rules,
 * all or nothing, idempotent (a repeat answers all `unchanged` and writes nothing). Optimistic
 * locking (decision 0019): a row's `version` is checked against the stored one (409 on a
 * conflict), and `If-Match` against the ETag of the city's values (412); both inside the
 * transaction that writes, after the rows are locked. Any row error answers 422 with every
 * row's outcome; nothing is written then. The answer carries the values' new ETag.
 */
export async function deliverValues(
	db: Db,
	grant: ApiGrant,
	request: DeliveryRequest,
	ifMatch: string | null
): Promise<Response> {
	const rows = toDeliveryRows(request, grant.token.organisationSlug);
	const dryRun = request.dryRun ?? false;
	const organisationId = grant.organisationId;
	const input = { organisationId, rows };
	let plan: DeliveryPlan;
	let etag: string;
	if (dryRun) {
		etag = await valuesEtag(db, organisationId);
		if (ifMatch !== null && !ifMatchHolds(ifMatch, etag)) return preconditionFailed();
		plan = await planDelivery(db, input);
	} else {
		const result = await commitDelivery(db, {
			...input,
			userId: grant.token.userId,
			source: 'api',
			...(ifMatch === null
				? {}
				: {
						precondition: async (tx) => ifMatchHolds(ifMatch, await valuesEtag(tx, organisationId))
					}),
			afterWrite: (tx) => valuesEtag(tx, organisationId)
		});
		if (!result.ok && result.preconditionFailed) return preconditionFailed();
		plan = result.plan;
		etag = result.ok ? (result.after ?? '') : '';
	}
	const { counts } = plan;
	if (counts.error > 0) return rejected(plan, dryRun, rows.length);
	const answer: DeliveryResult = {
		dryRun,
		written: !dryRun && counts.new + counts.changed > 0,
		counts,
		outcomes: outcomesOf(plan)
	};
	return apiJson(answer, { headers: etag ? { ETag: etag } : {} });
}
