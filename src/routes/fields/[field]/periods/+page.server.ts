import { redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { changeDeadline, closePeriod, openPeriod, reopenPeriod } from '$lib/server/periods/periods';
import { routes } from '$lib/routes';
import { listPeriods } from '$lib/server/periods/queries';
import {
	closeSchema,
	deadlineSchema,
	openPeriodSchema,
	reminderDaysSchema,
	reopenSchema
} from '$lib/schemas/periods';
import {
	latestOpenableQuarter,
	suggestedDeadline,
	suggestedQuarter
} from '$lib/domain/period/reporting-period';
import { parseQuarterParam } from '$lib/domain/period/quarter';
import { m } from '$lib/paraglide/messages';
import { reminderDaysOf, setReminderDays } from '$lib/server/mail/field-setting';
import { refusalMessage } from './refusal';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { errorNotice } from '$lib/schemas/form-notice';

/**
 * The reporting quarters of a field. Any logged-in person sees them (controllers need the
 * deadlines; they are coordination data, not figures); opening, moving a deadline, closing and
 * reopening need `period:manage` for the field: its field lead or an admin. ?deadline=2026-3 and
 * ?reopen=2026-2 show the form for that quarter (links, so it works without JavaScript).
 */
export const load: PageServerLoad = async (event) => {
	const { viewer, field } = await requireFieldCapability(event, event.params.field, 'ring:read');
	const db = appDb();
	const periods = await listPeriods(db, field.id);
	const canManage = can(viewer.principal, 'period:manage', { fieldId: field.id });
	const now = new Date();
	const next = suggestedQuarter(periods, now);
	const params = event.url.searchParams;
	const pick = (name: string) => {
		const q = parseQuarterParam(params.get(name));
		return q ? periods.find((p) => p.year === q.year && p.quarter === q.quarter) : undefined;
	};
	// The forms show for the quarter whatever its state now, so a refusal stays visible.
	const moving = canManage ? pick('deadline') : undefined;
	const reopening = canManage ? pick('reopen') : undefined;
	return {
		field,
		periods,
		canManage,
		seesCompleteness: can(viewer.principal, 'completeness:read'),
		reminderDays: await reminderDaysOf(db, field.id),
		latestOpenable: latestOpenableQuarter(now),
		openForm: await superValidate(
			{ year: String(next.year), quarter: next.quarter, deadline: suggestedDeadline(next) },
			zod4(openPeriodSchema),
			{ errors: false, id: 'open' }
		),
		deadlineForm: moving
			? await superValidate(
					{
						year: String(moving.year),
						quarter: moving.quarter,
						stamp: moving.stamp,
						deadline: moving.deadline
					},
					zod4(deadlineSchema),
					{ errors: false, id: 'deadline' }
				)
			: null,
		reopenForm: reopening
			? await superValidate(
					{
						year: String(reopening.year),
						quarter: reopening.quarter,
						stamp: reopening.stamp,
						reason: ''
					},
					zod4(reopenSchema),
					{ errors: false, id: 'reopen' }
				)
			: null
	};
};

const donePage = routes.periodsDone;

export const actions = {
	reminderDays: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'period:manage'
		);
		const form = await readForm(event, reminderDaysSchema, { id: 'reminderDays' });
		if (!form.valid)
			return failNotice(400, m.periods_reminder_invalid(), { formId: 'reminderDays' });
		await setReminderDays(appDb(), {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			days: form.data.days
		});
		return { reminderSaved: m.periods_reminder_saved({ days: String(form.data.days) }) };
	},
	open: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'period:manage'
		);
		const db = appDb();
		const form = await readForm(event, openPeriodSchema, { id: 'open' });
		if (!form.valid) {
			form.message = errorNotice(m.periods_check_input());
			return failForm(400, { form });
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
			form.message = errorNotice(m.periods_check_input());
			const target = result.reason === 'deadline_before_end' ? 'deadline' : 'quarter';
			return setError(form, target, refusalMessage(result, q));
		}
		redirect(303, donePage(field.slug, 'opened', q));
	},
	deadline: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'period:manage'
		);
		const db = appDb();
		const form = await readForm(event, deadlineSchema, { id: 'deadline' });
		if (!form.valid) {
			form.message = errorNotice(m.periods_check_input());
			return failForm(400, { form });
		}
		const q = { year: Number(form.data.year), quarter: form.data.quarter };
		const result = await changeDeadline(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			stamp: form.data.stamp,
			deadline: form.data.deadline,
			now: new Date()
		});
		if (!result.ok) {
			if (result.reason === 'deadline_before_end')
				return setError(form, 'deadline', refusalMessage(result, q));
			form.message = errorNotice(refusalMessage(result, q));
			return failForm(409, { form });
		}
		redirect(303, donePage(field.slug, 'deadline', q));
	},
	close: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'period:manage'
		);
		const db = appDb();
		const ref = await readForm(event, closeSchema, { id: 'close' });
		if (!ref.valid) return failNotice(400, m.periods_action_invalid());
		const q = { year: Number(ref.data.year), quarter: ref.data.quarter };
		const result = await closePeriod(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			stamp: ref.data.stamp,
			now: new Date()
		});
		if (!result.ok) return failNotice(409, refusalMessage(result, q));
		redirect(303, donePage(field.slug, 'closed', q));
	},
	reopen: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'period:manage'
		);
		const db = appDb();
		const form = await readForm(event, reopenSchema, { id: 'reopen' });
		if (!form.valid) {
			form.message = errorNotice(m.periods_check_input());
			return failForm(400, { form });
		}
		const q = { year: Number(form.data.year), quarter: form.data.quarter };
		const result = await reopenPeriod(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			...q,
			stamp: form.data.stamp,
			reason: form.data.reason,
			now: new Date()
		});
		if (!result.ok) {
			if (result.reason === 'reason_required')
				return setError(form, 'reason', m.periods_reason_required());
			form.message = errorNotice(refusalMessage(result, q));
			return failForm(409, { form });
		}
		redirect(303, donePage(field.slug, 'reopened', q));
	}
} satisfies Actions;
