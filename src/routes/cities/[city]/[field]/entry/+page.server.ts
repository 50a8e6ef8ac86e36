import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { text } from '$lib/schemas/text';
import { assertCan, requireUser } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { chooseQuarter, loadEntryGrid, type EntryGrid } from '$lib/server/entry/grid';
import { evaluateRows, readGridPost } from '$lib/server/entry/form';
import { saveDrafts } from '$lib/server/entry/save';
import { releaseQuarter, reopenValue, submitQuarter } from '$lib/server/entry/transitions';
import { entryRefusalText } from '$lib/server/entry/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ city: string; field: string }>;

const reopenSchema = z.object({
	kpiId: z.coerce.number().pipe(z.int32().positive()),
	reason: text().trim().min(1).max(2000)
});

async function gridFor(event: Event): Promise<EntryGrid> {
	const quarter = await chooseQuarter(
		appDb(),
		event.params.field,
		event.url.searchParams.get('q'),
		new Date()
	);
	if (!quarter) error(400, m.entry_quarter_invalid());
	const grid = await loadEntryGrid(
		appDb(),
		event.params.city,
		event.params.field,
		quarter,
		getLocale()
	);
	if (!grid) error(404, m.not_found_scorecard());
	return grid;
}

const scopeOf = (grid: EntryGrid, userId: number) => ({
	userId,
	organisationId: grid.organisation.id,
	fieldId: grid.field.id,
	quarter: grid.quarter,
	kpiIds: grid.rows.map((r) => r.kpiId)
});

export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const grid = await gridFor(event);
	const scope = { organisationId: grid.organisation.id };
	// The grid shows the city's drafts: only for people who may see them.
	assertCan(viewer, 'measurement:read_unreleased', scope);
	const p = viewer.principal;
	return {
		grid,
		may: {
			write: can(p, 'measurement:write', scope),
			submit: can(p, 'measurement:submit', scope),
			release: can(p, 'measurement:release', scope),
			reopen: can(p, 'measurement:reopen', scope)
		}
	};
};

/** Saves the typed grid as drafts; on `submit` also submits the quarter if every row passes. */
async function saveGrid(event: Event, submit: boolean) {
	const viewer = requireUser(event);
	const grid = await gridFor(event);
	assertCan(viewer, submit ? 'measurement:submit' : 'measurement:write', {
		organisationId: grid.organisation.id
	});
	const posted = readGridPost(await event.request.formData());
	if (!posted) return fail(400, { message: m.entry_post_invalid(), typed: [] });
	const { drafts, checks } = evaluateRows(grid, posted, getLocale());
	const unreadable = checks.filter((c) => c.problem !== null);
	if (unreadable.length) {
		return fail(400, { message: m.entry_check_cells(), typed: posted, checks });
	}
	const saved = await saveDrafts(appDb(), {
		...scopeOf(grid, viewer.principal.userId),
		drafts
	});
	if (!saved.ok) {
		return fail(saved.reason === 'conflict' ? 409 : 400, {
			message: entryRefusalText(saved.reason),
			typed: posted,
			checks,
			conflicts: saved.reason === 'conflict' ? saved.conflicts : [],
			locked: saved.reason === 'locked' ? saved.kpiIds : []
		});
	}
	if (!submit) return { message: m.entry_saved({ count: String(saved.changed) }), checks };
	const blocking = checks.filter((c) => c.errors.length > 0).map((c) => c.kpiId);
	const submitted = await submitQuarter(appDb(), scopeOf(grid, viewer.principal.userId), blocking);
	if (!submitted.ok) {
		return fail(400, { message: entryRefusalText(submitted.reason), typed: posted, checks });
	}
	return { message: m.entry_submitted({ count: String(submitted.count) }), checks };
}

export const actions: Actions = {
	save: async (event) => {
		requireUser(event);
		return saveGrid(event, false);
	},
	submit: async (event) => {
		requireUser(event);
		return saveGrid(event, true);
	},
	release: async (event) => {
		const viewer = requireUser(event);
		const grid = await gridFor(event);
		assertCan(viewer, 'measurement:release', { organisationId: grid.organisation.id });
		const result = await releaseQuarter(appDb(), scopeOf(grid, viewer.principal.userId));
		if (!result.ok) return fail(400, { message: entryRefusalText(result.reason) });
		return { message: m.entry_released({ count: String(result.count) }) };
	},
	reopen: async (event) => {
		const viewer = requireUser(event);
		const grid = await gridFor(event);
		assertCan(viewer, 'measurement:reopen', { organisationId: grid.organisation.id });
		const parsed = reopenSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) {
			return fail(400, { message: m.entry_reason_required(), reopenKpiId: null, reason: '' });
		}
		const { kpiId, reason } = parsed.data;
		const result = await reopenValue(appDb(), {
			...scopeOf(grid, viewer.principal.userId),
			kpiId,
			reason
		});
		if (!result.ok) {
			return fail(400, { message: entryRefusalText(result.reason), reopenKpiId: kpiId, reason });
		}
		return { message: m.entry_reopened() };
	}
};
