import { redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { factorEffectMax, factorExplanationMax, noteBodyMax } from '$lib/domain/exchange/kinds';
import type { ExchangeRefusal, ExchangeResult } from './write';
import { requireFormData } from '../http/read-form';
import { failNotice } from '../http/form-failure';

/**
 * Plain HTML forms of the exchange (they work without JavaScript): read within the form limits
 * (`requireFormData`, decision 23) and through the zod schemas of `$lib/schemas/exchange`, answer a
 * refusal as a form notice with `form.exchange` naming the one form it belongs to (and its
 * field errors and values), a success with a redirect back.
 */

export interface ExchangeFailure {
	exchange: {
		/** Which form on the page failed: 'note-add', 'note-edit-12', 'factor-add' … */
		formId: string;
		errors: Record<string, string>;
		values: Record<string, string>;
	};
}

const fieldMessage: Record<string, () => string> = {
	body: () => m.exchange_err_body({ max: String(noteBodyMax) }),
	kind: () => m.exchange_err_kind(),
	factorKind: () => m.exchange_err_kind(),
	explanation: () => m.exchange_err_explanation({ max: String(factorExplanationMax) }),
	effect: () => m.exchange_err_effect({ max: String(factorEffectMax) })
};

export async function readExchangeForm<S extends z.ZodType>(
	event: Parameters<typeof requireFormData>[0],
	schema: S,
	formId: string | ((raw: Record<string, string>) => string)
): Promise<{ ok: true; data: z.output<S> } | { ok: false; failure: ReturnType<typeof failWith> }> {
	const raw = Object.fromEntries(
		[...(await requireFormData(event)).entries()].filter(
			(e): e is [string, string] => typeof e[1] === 'string'
		)
	);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = String(issue.path[0] ?? '');
		errors[key] ??= (fieldMessage[key] ?? (() => m.exchange_err_value()))();
	}
	// Hidden fields (ids, quarter) are not the person's fault: a value that does not exist.
	const visible = Object.keys(errors).some((k) => k in fieldMessage);
	const values = Object.fromEntries(
		Object.entries(raw).map(([k, v]) => [k, v.replaceAll('\u0000', '').slice(0, 5000)])
	);
	return {
		ok: false,
		failure: failWith(
			400,
			typeof formId === 'string' ? formId : formId(raw),
			visible ? m.exchange_check_input() : m.exchange_err_value(),
			errors,
			values
		)
	};
}

function failWith(
	status: number,
	formId: string,
	message: string,
	errors: Record<string, string> = {},
	values: Record<string, string> = {}
) {
	return failNotice(status, message, {
		exchange: { formId, errors, values }
	} satisfies ExchangeFailure);
}

export function refusalText(refusal: ExchangeRefusal): string {
	switch (refusal.code) {
		case 'stale':
			return m.exchange_refused_stale();
		case 'not_found':
			return m.exchange_refused_not_found();
		case 'not_visible':
			return m.exchange_refused_not_visible();
		case 'not_author':
			return m.exchange_refused_not_author();
		case 'forbidden':
			return m.exchange_refused_forbidden();
	}
}

const refusalStatus: Record<ExchangeRefusal['code'], number> = {
	stale: 409,
	not_found: 404,
	not_visible: 404,
	not_author: 403,
	forbidden: 403
};

export type ExchangeDone = 'added' | 'saved' | 'deleted' | 'factor_added' | 'factor_removed';

/**
 * Back to the page the form was on (its query names the KPI and quarter), with a notice; a
 * refusal keeps what was typed and names the problem at the form.
 */
export function finishExchangeWrite(
	result: ExchangeResult,
	url: URL,
	formId: string,
	done: ExchangeDone,
	values: Record<string, string> = {}
) {
	if (!result.ok) {
		return failWith(
			refusalStatus[result.refusal.code],
			formId,
			refusalText(result.refusal),
			{},
			values
		);
	}
	const back = new URL(url);
	for (const key of [...back.searchParams.keys()]) {
		if (key.startsWith('/')) back.searchParams.delete(key);
	}
	back.searchParams.set('exchange', done);
	redirect(303, `${back.pathname}${back.search}#exchange-title`);
}
