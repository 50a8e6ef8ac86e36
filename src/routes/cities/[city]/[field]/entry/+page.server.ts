import { error, type RequestEvent } from '@sveltejs/kit';
import type { requireUser } from '$lib/server/auth/guards';
import { requireFormData } from '$lib/server/http/read-form';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { gridAt, refuse, scopeOf } from '$lib/server/entry/page-scope';
import { chooseQuarter } from '$lib/server/entry/grid';
import { blockingRows, evaluateRows, readGridPost, type PostedRow } from '$lib/server/entry/form';
import { saveDrafts } from '$lib/server/entry/save';
import { reopenValue, submitQuarter } from '$lib/server/entry/transitions';
import { readReopenPost } from '$lib/server/entry/transition-form';
import { entryRefusalText } from '$lib/server/entry/messages';
import type { EntryRefused } from '$lib/server/entry/values';
import { writeQuarter } from '$lib/domain/entry/write-target';
import { quarterParam } from '$lib/domain/period/quarter';
import { deadlineStandingAt } from '$lib/domain/period/deadline';
import { quarterLabel } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { successNotice } from '$lib/schemas/form-notice';

type Event = RequestEvent<{ city: string; field: string }>;
type Viewer = ReturnType<typeof requireUser>;

const statusOf = (reason: EntryRefused['reason']) =>
	reason === 'stale' || reason === 'already_draft' ? 409 : 400;

/** Reading: the quarter in `?q=`, else the field's newest open quarter. */
export const load: PageServerLoad = async (event) => {
	// The grid shows the city's drafts: only for people who may see them.
	const { viewer } = await requireCityCapability(
		event,
		event.params.city,
		'measurement:read_unreleased'
	);
	const quarter = await chooseQuarter(
		appDb(),
		event.params.field,
		event.url.searchParams.get('q'),
		new Date()
	);
	if (!quarter) error(400, m.entry_quarter_invalid());
	const grid = await gridAt(event, quarter);
	const scope = { organisationId: grid.organisation.id };
	const p = viewer.principal;
	const { period } = grid;
	return {
		grid,
		// Where the deadline stands today (Europe/Berlin), taken on the server so the page and
		// its hydration agree; only an open quarter has one to keep.
		deadline:
			period.state === 'open' && period.deadline
				? deadlineStandingAt(period.deadline, new Date())
				: null,
		may: {
			write: can(p, 'measurement:write', scope),
			submit: can(p, 'measurement:submit', scope),
			release: can(p, 'measurement:release', scope),
			reopen: can(p, 'measurement:reopen', scope)
		}
	};
};

/**
 * Writing (after the action's guard checked the person's right in the city): the quarter the form
 * names (issue 14: never the default quarter, which once overwrote Q3/2026 from the Q3/2025
 * page), then that quarter's grid.
 */
async function writeTarget(event: Event) {
	const form = await requireFormData(event);
	const named = writeQuarter(form.get('quarter'), event.url.searchParams.get('q'));
	if (!named.ok) {
		return {
			refusal:
				named.reason === 'quarter_missing'
					? refuse(400, null, m.entry_quarter_missing())
					: refuse(409, null, m.entry_quarter_mismatch({ posted: quarterLabel(named.posted) }))
		};
	}
	return { form, grid: await gridAt(event, named.quarter) };
}

/** The typed rows at the versions they have after this save: what the page shows next. */
function typedAfterSave(posted: PostedRow[], written: { kpiId: number; version: number | null }[]) {
	const now = new Map(written.map((w) => [w.kpiId, w.version ?? 0]));
	return posted.map((p) => ({ ...p, version: now.get(p.kpiId) ?? p.version }));
}

/** Saves the typed grid as drafts; on `submit` also submits the quarter if every row passes. */
async function saveGrid(event: Event, viewer: Viewer, submit: boolean) {
	const target = await writeTarget(event);
	if ('refusal' in target) return target.refusal;
	const { form, grid } = target;
	const quarter = quarterParam(grid.quarter);
	const label = quarterLabel(grid.quarter);
	const posted = readGridPost(form);
	if (!posted) return refuse(400, quarter, m.entry_post_invalid(), { typed: [] });
	const { drafts, checks } = evaluateRows(grid, posted, getLocale());
	if (checks.some((c) => c.problem !== null)) {
		return refuse(400, quarter, m.entry_check_cells(), { typed: posted, checks });
	}
	const scope = scopeOf(grid, viewer.principal.userId);
	const saved = await saveDrafts(appDb(), { ...scope, drafts });
	if (!saved.ok) {
		return refuse(
			saved.reason === 'conflict' ? 409 : 400,
			quarter,
			entryRefusalText(saved.reason),
			{
				typed: posted,
				checks,
				conflicts: saved.reason === 'conflict' ? saved.conflicts : [],
				locked: saved.reason === 'locked' ? saved.kpiIds : []
			}
		);
	}
	if (!submit) {
		return {
			quarter,
			notice: successNotice(m.entry_saved({ quarter: label, count: String(saved.changed) })),
			checks
		};
	}
	const typed = typedAfterSave(posted, saved.written);
	const blocking = blockingRows(grid, checks);
	const seen = new Map(typed.map((t) => [t.kpiId, t.version]));
	const submitted = await submitQuarter(appDb(), scope, blocking, seen);
	if (!submitted.ok) {
		// Changed by someone else: the page shows the rows as they are now, not as typed.
		const more = submitted.reason === 'stale' ? {} : { typed, checks };
		return refuse(
			statusOf(submitted.reason),
			quarter,
			entryRefusalText(submitted.reason, 'submit'),
			more
		);
	}
	return {
		quarter,
		notice: successNotice(m.entry_submitted({ quarter: label, count: String(submitted.count) })),
		checks
	};
}

// No `release` here: values are released on the review page, after a confirmation that lists
// them (decision 0031), never blind from the grid.
export const actions: Actions = {
	save: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		return saveGrid(event, viewer, false);
	},
	submit: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:submit');
		return saveGrid(event, viewer, true);
	},
	reopen: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:reopen');
		const target = await writeTarget(event);
		if ('refusal' in target) return target.refusal;
		const { form, grid } = target;
		const quarter = quarterParam(grid.quarter);
		const post = readReopenPost(form);
		if (!post.ok) {
			const message =
				post.problem === 'reason' ? m.entry_reason_required() : m.entry_post_invalid();
			return refuse(400, quarter, message);
		}
		const { kpiId, version, reason } = post;
		const result = await reopenValue(appDb(), {
			...scopeOf(grid, viewer.principal.userId),
			kpiId,
			version,
			reason
		});
		if (!result.ok) {
			return refuse(statusOf(result.reason), quarter, entryRefusalText(result.reason, 'reopen'), {
				reopenKpiId: kpiId,
				reason
			});
		}
		const code = grid.rows.find((r) => r.kpiId === kpiId)?.code ?? '';
		return {
			quarter,
			notice: successNotice(m.entry_reopened({ kpi: code, quarter: quarterLabel(grid.quarter) }))
		};
	}
};
