import { error, type RequestEvent } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/read-form';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { gridAt, refuse, scopeOf } from '$lib/server/entry/page-scope';
import { chooseQuarter } from '$lib/server/entry/grid';
import { notSubmittedCount, reviewRows } from '$lib/server/entry/review';
import { releaseQuarter, returnValue } from '$lib/server/entry/transitions';
import { entryRefusalText } from '$lib/server/entry/messages';
import type { EntryRefused } from '$lib/server/entry/values';
import { releaseValuesSchema, returnValueSchema, seenVersionsOf } from '$lib/schemas/review';
import { writeQuarter } from '$lib/domain/entry/write-target';
import { quarterParam } from '$lib/domain/period/quarter';
import { quarterLabel } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { successNotice } from '$lib/schemas/form-notice';

type Event = RequestEvent<{ city: string; field: string }>;

const statusOf = (reason: EntryRefused['reason']) => (reason === 'stale' ? 409 : 400);

/** The quarter the form names, checked against the one in the address (issue 14). */
async function targetGrid(event: Event, posted: string) {
	const named = writeQuarter(posted, event.url.searchParams.get('q'));
	if (!named.ok) return null;
	return gridAt(event, named.quarter);
}

/** The submitted values of `?q=` (else the field's newest open quarter); `?confirm` is the confirmation step. */
export const load: PageServerLoad = async (event) => {
	await requireCityCapability(event, event.params.city, 'measurement:release');
	const quarter = await chooseQuarter(
		appDb(),
		event.params.field,
		event.url.searchParams.get('q'),
		new Date()
	);
	if (!quarter) error(400, m.entry_quarter_invalid());
	const grid = await gridAt(event, quarter);
	return {
		grid,
		review: reviewRows(grid),
		notSubmitted: notSubmittedCount(grid),
		confirming: event.url.searchParams.has('confirm')
	};
};

export const actions: Actions = {
	return: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:release');
		const form = await readForm(event, returnValueSchema);
		const posted = form.data;
		if (!form.valid) {
			const reasonMissing = !!form.errors.reason && !form.errors.kpiId && !form.errors.version;
			return refuse(
				400,
				posted.quarter || null,
				reasonMissing ? m.entry_reason_required() : m.entry_post_invalid(),
				{ returnKpiId: posted.kpiId, reason: posted.reason }
			);
		}
		const grid = await targetGrid(event, posted.quarter);
		if (!grid) return refuse(409, null, m.entry_post_invalid());
		const quarter = quarterParam(grid.quarter);
		const result = await returnValue(appDb(), {
			...scopeOf(grid, viewer.principal.userId),
			kpiId: posted.kpiId,
			version: posted.version,
			reason: posted.reason
		});
		if (!result.ok) {
			return refuse(statusOf(result.reason), quarter, entryRefusalText(result.reason, 'reopen'), {
				returnKpiId: posted.kpiId,
				reason: posted.reason
			});
		}
		const code = grid.rows.find((r) => r.kpiId === posted.kpiId)?.code ?? '';
		return {
			quarter,
			notice: successNotice(m.review_returned({ kpi: code, quarter: quarterLabel(grid.quarter) }))
		};
	},
	release: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:release');
		const form = await readForm(event, releaseValuesSchema);
		const posted = form.data;
		if (!form.valid) {
			const unconfirmed = !!form.errors.confirmed;
			return refuse(
				400,
				posted.quarter || null,
				unconfirmed ? m.review_confirm_required() : m.entry_post_invalid()
			);
		}
		const grid = await targetGrid(event, posted.quarter);
		if (!grid) return refuse(409, null, m.entry_post_invalid());
		const quarter = quarterParam(grid.quarter);
		const seen = seenVersionsOf(posted.seen);
		const result = await releaseQuarter(appDb(), scopeOf(grid, viewer.principal.userId), seen);
		if (!result.ok) {
			return refuse(statusOf(result.reason), quarter, entryRefusalText(result.reason, 'release'));
		}
		return {
			quarter,
			notice: successNotice(
				m.review_released({
					quarter: quarterLabel(grid.quarter),
					count: String(result.count)
				})
			)
		};
	}
};
