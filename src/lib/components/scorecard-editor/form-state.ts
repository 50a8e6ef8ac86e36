import { page } from '$app/state';

/**
 * The editor pages hold many small forms; the action's answer belongs to the one whose hidden
 * `__superform_id` it echoes. These read that answer for one form: its notice, field errors and
 * the values the user typed (kept after a refusal, so nothing typed is lost).
 */
interface EditorFormResult {
	form?: {
		id: string;
		data: Record<string, unknown>;
		errors: Record<string, string[] | undefined>;
		message?: { kind: 'success' | 'error'; text: string };
	};
}

function resultFor(formId: string) {
	const result = (page.form as EditorFormResult | null)?.form;
	return result && result.id === formId ? result : undefined;
}

export const noticeFor = (formId: string) => resultFor(formId)?.message;

export const errorsFor = (formId: string, field: string): string[] | undefined =>
	resultFor(formId)?.errors[field];

/** What the user typed if this form was just refused, otherwise the stored value. */
export function valueFor<T>(formId: string, field: string, stored: T): T | string {
	const result = resultFor(formId);
	if (!result || result.message?.kind === 'success') return stored;
	const typed = result.data[field];
	return typed === undefined || typed === null ? stored : (typed as string);
}

/**
 * The answer to a form that is gone after its own success (adopting the template, deleting an
 * item): the page shows it at the top instead, so the confirmation is still announced.
 */
export function vanishedFormNotice() {
	const result = (page.form as EditorFormResult | null)?.form;
	if (!result?.message || result.message.kind !== 'success') return undefined;
	return /^(adopt|delete-)/.test(result.id) ? result.message : undefined;
}
