import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { assertCan, requireUser } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/permissions';
import { fieldOf } from '$lib/server/catalogue/route';
import { appDb } from '$lib/server/db';
import {
	closePeriod,
	latestOpenableQuarter,
	listPeriods,
	openPeriod,
	quarterEndDate,
	reopenPeriod,
	suggestedDeadline,
	suggestedQuarter,
	type PeriodRefusal
} from '$lib/server/periods/periods';
import { openPeriodSchema, periodRefSchema } from '$lib/schemas/periods';
import { formatDate } from '$lib/format/number';
import { quarterLabel } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

/**
 * The reporting quarters of a field. Any logged-in person sees them (controllers need the
 * deadlines; they are coordination data, not figures); opening, closing and reopening needs
 * `period:manage` for the field: its field lead or an admin.
 */
export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const db = appDb();
	const field = await fieldOf(db, event.params.field);
	const periods = await listPeriods(db, field.id);
	const now = new Date();
	const next = suggestedQuarter(periods, now);
	const form = await superValidate(
		{ year: String(next.year), quarter: next.quarter, deadline: suggestedDeadline(next) },
		zod4(openPeriodSchema),
		{ errors: false }
	);
	return {
		field,
		periods,
		canManage: can(viewer.principal, 'period:manage', { fieldId: field.id }),
		latestOpenable: latestOpenableQuarter(now),
		form
	};
};

const donePage = (field: string, done: string, year: number, quarter: number) =>
	localizeHref(`/fields/${field}/periods?done=${done}&q=${year}-${quarter}`);

function refusalMessage(reason: PeriodRefusal, q: { year: number; quarter: number }): string {
	const quarter = quarterLabel(q);
	switch (reason) {
		case 'duplicate':
			return m.periods_refused_duplicate({ quarter });
		case 'too_far_ahead':
			return m.periods_refused_too_far_ahead({ quarter });
		case 'deadline_before_end':
			return m.periods_refused_deadline_before_end({
				date: formatDate(quarterEndDate(q), getLocale())
			});
		case 'missing':
			return m.periods_refused_missing({ quarter });
		case 'already_closed':
			return m.periods_refused_already_closed({ quarter });
		case 'already_open':
			return m.periods_refused_already_open({ quarter });
	}
}

export const actions: Actions = {
	open: async (event) => {
		const viewer = requireUser(event);
		const db = appDb();
		const field = await fieldOf(db, event.params.field);
		assertCan(viewer, 'period:manage', { fieldId: field.id });
		const form = await superValidate(event.request, zod4(openPeriodSchema));
		if (!form.valid) {
			form.message = m.periods_check_input();
			return fail(400, { form });
		}
		const q = { year: Number(form.data.year), quarter: form.data.quarter };
		const result = await openPeriod(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			deadline: form.data.deadline,
			now: new Date()
		});
		if (!result.ok) {
			form.message = m.periods_check_input();
			const target = result.reason === 'deadline_before_end' ? 'deadline' : 'quarter';
			return setError(form, target, refusalMessage(result.reason, q));
		}
		redirect(303, donePage(field.slug, 'opened', q.year, q.quarter));
	},
	close: async (event) => {
		const viewer = requireUser(event);
		const db = appDb();
		const field = await fieldOf(db, event.params.field);
		assertCan(viewer, 'period:manage', { fieldId: field.id });
		const ref = await superValidate(event.request, zod4(periodRefSchema));
		if (!ref.valid) return fail(400, { notice: m.periods_action_invalid() });
		const q = { year: Number(ref.data.year), quarter: ref.data.quarter };
		const result = await closePeriod(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			now: new Date()
		});
		if (!result.ok) return fail(409, { notice: refusalMessage(result.reason, q) });
		redirect(303, donePage(field.slug, 'closed', q.year, q.quarter));
	},
	reopen: async (event) => {
		const viewer = requireUser(event);
		const db = appDb();
		const field = await fieldOf(db, event.params.field);
		assertCan(viewer, 'period:manage', { fieldId: field.id });
		const ref = await superValidate(event.request, zod4(periodRefSchema));
		if (!ref.valid) return fail(400, { notice: m.periods_action_invalid() });
		const q = { year: Number(ref.data.year), quarter: ref.data.quarter };
		const result = await reopenPeriod(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			now: new Date()
		});
		if (!result.ok) return fail(409, { notice: refusalMessage(result.reason, q) });
		redirect(303, donePage(field.slug, 'reopened', q.year, q.quarter));
	}
};
