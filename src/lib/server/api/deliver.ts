import type { Db } from '../db/types';
import { commitDelivery, planDelivery, type DeliveryPlan, type DeliveryRow } from '../delivery';
import { m } from '../../paraglide/messages';
import type { ApiGrant } from './access';
import { apiError, apiJson } from './errors';
import type { DeliveryRequest, DeliveryResult } from './schemas';

/** The request's values as rows of the delivery core; `line` is the position from 1. */
export function toDeliveryRows(request: DeliveryRequest, citySlug: string): DeliveryRow[] {
	return request.values.map((v, i) => ({
		line: i + 1,
		city: v.city ?? citySlug,
		...(v.field === undefined ? {} : { field: v.field }),
		kpi: v.kpi,
		year: v.year,
		quarter: v.quarter,
		value: v.value,
		comment: v.comment ?? ''
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

/**
 * Upsert by natural key through the delivery core, exactly as the file import: the same rules,
 * all or nothing, idempotent (a repeat answers all `unchanged` and writes nothing). Any row
 * error answers 422 with every row's outcome; nothing is written then.
 */
export async function deliverValues(
	db: Db,
	grant: ApiGrant,
	request: DeliveryRequest
): Promise<Response> {
	const rows = toDeliveryRows(request, grant.token.organisationSlug);
	const dryRun = request.dryRun ?? false;
	const input = { organisationId: grant.organisationId, rows };
	const plan = dryRun
		? await planDelivery(db, input)
		: (await commitDelivery(db, { ...input, userId: grant.token.userId, source: 'api' })).plan;
	const { counts } = plan;
	if (counts.error > 0) {
		const message = m.api_error_delivery_rejected({
			count: String(counts.error),
			total: String(rows.length)
		});
		return apiError(422, 'delivery_rejected', message, {
			extra: { dryRun, counts, outcomes: outcomesOf(plan) }
		});
	}
	const result: DeliveryResult = {
		dryRun,
		written: !dryRun && counts.new + counts.changed > 0,
		counts,
		outcomes: outcomesOf(plan)
	};
	return apiJson(result);
}
