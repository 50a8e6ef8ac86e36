import { error } from '@sveltejs/kit';
import { superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import { formatNumber } from '../../format/number';
import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import { formLimitsFor } from './form-limits';
import type { FormNotice } from '../../schemas/form-notice';

/**
 * The one way a form action reads its post (decision 23): the body within the limits of issue 14
 * (decision 21), then superforms with a zod schema from `$lib/schemas`. The hook
 * `handleFormLimits` already refuses an oversized post while it arrives; the limits are checked
 * here again on what was parsed, so an action stays bounded wherever it is called from.
 */

/** What reading a post needs of the event (the route and action choose the limits). */
export interface FormEvent {
	request: Request;
	url: URL;
	route: { id: string | null };
}

export type FormRefusal = 'too_large' | 'too_many_fields' | 'unreadable';

export type FormRead =
	| { ok: true; data: FormData }
	| { ok: false; status: 400 | 413; reason: FormRefusal; message: string };

/** The post as FormData within the limits, or why not (status and a sentence for the person). */
export async function readFormData(event: FormEvent): Promise<FormRead> {
	const limits = formLimitsFor(event.route.id, event.url);
	const locale = getLocale();
	let data: FormData;
	try {
		data = await event.request.formData();
	} catch (e) {
		// adapter-node's BODY_SIZE_LIMIT ends an oversized body with a 413 while it is read.
		if ((e as { status?: unknown } | null)?.status === 413) {
			const max = limits?.maxBytes;
			return {
				ok: false,
				status: 413,
				reason: 'too_large',
				message: max
					? m.form_too_large({ max: formatNumber(max / 1024, locale) })
					: m.form_unreadable()
			};
		}
		return { ok: false, status: 400, reason: 'unreadable', message: m.form_unreadable() };
	}
	if (limits && [...data.keys()].length > limits.maxFields) {
		return {
			ok: false,
			status: 413,
			reason: 'too_many_fields',
			message: m.form_too_many_fields({ max: formatNumber(limits.maxFields, locale) })
		};
	}
	return { ok: true, data };
}

/** The post as FormData within the limits, or an error page (400/413) saying why not. */
export async function requireFormData(event: FormEvent): Promise<FormData> {
	const read = await readFormData(event);
	if (!read.ok) error(read.status, read.message);
	return read.data;
}

/**
 * Reads and validates a form post with superforms: the validated form (check `form.valid`), or
 * an error page (400/413) when the post could not be read within the limits. `id` names the form
 * when a page has several (superforms otherwise takes it from the posted `__superform_id`).
 */
export async function readForm<
	S extends z.ZodType<Record<string, unknown>>,
	// A whole-form message is a FormNotice (decision 23): `message(form, 'text')` does not compile.
	M = FormNotice
>(
	event: FormEvent,
	schema: S,
	options: { id?: string } = {}
): Promise<SuperValidated<z.output<S>, M>> {
	const data = await requireFormData(event);
	return (await superValidate(data, zod4(schema as never), {
		allowFiles: false,
		...(options.id ? { id: options.id } : {})
	})) as SuperValidated<z.output<S>, M>;
}
