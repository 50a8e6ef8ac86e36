import { fail, type ActionFailure } from '@sveltejs/kit';
import type { SuperValidated } from 'sveltekit-superforms';
import { errorNotice, type FormNotice } from '../../schemas/form-notice';

/**
 * The one way an action refuses a post (decision 23): superforms forms go back with their field
 * errors and a whole-form message that is a `FormNotice`; a refusal without a superforms form
 * answers `{ notice: FormNotice }`. Pages show either with `components/ui/FormNoticeLine`.
 * `tests/unit/form-notice.test.ts` fails where a route or server module calls `fail` itself.
 */

/** A superforms form whose message, if any, is a `FormNotice`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NoticeForm = SuperValidated<Record<string, unknown>, FormNotice, any>;

/** Data a page needs beside the refusal (a key to show again, which form failed); no message. */
type Beside = object & { notice?: never; message?: never; error?: never };

/** The form (or forms, under the names the page reads) back with its errors and notice. */
export function failForm<F extends Record<string, NoticeForm>>(
	status: number,
	forms: F
): ActionFailure<F>;
export function failForm<F extends Record<string, NoticeForm>, B extends Beside>(
	status: number,
	forms: F,
	beside: B
): ActionFailure<B & F>;
export function failForm(status: number, forms: object, beside: object = {}) {
	return fail(status, { ...beside, ...forms });
}

/** A refusal of a whole form without a superforms form: `{ notice }` and what the page needs. */
export function failNotice(status: number, text: string): ActionFailure<{ notice: FormNotice }>;
export function failNotice<B extends Beside>(
	status: number,
	text: string,
	beside: B
): ActionFailure<B & { notice: FormNotice }>;
export function failNotice(status: number, text: string, beside: object = {}) {
	return fail(status, { ...beside, notice: errorNotice(text) });
}
