import { page } from '$app/state';
import type { FactorKind, NoteKind } from '$lib/domain/exchange/kinds';
import type { FormNotice } from '$lib/schemas/form-notice';

/** A note as the server sends it (see `NoteView` in $lib/server/exchange/page.ts). */
export interface ExchangeNote {
	id: number;
	kind: NoteKind;
	body: string;
	authorName: string;
	createdAt: Date;
	updatedAt: Date;
	version: number;
	revisions: { kind: NoteKind; body: string; writtenBy: string; writtenAt: Date }[];
	mayEdit: boolean;
	mayDelete: boolean;
}

export interface ExchangeFactor {
	id: number;
	year: number;
	quarter: number;
	kind: FactorKind;
	explanation: string;
	estimatedEffect: string;
	createdByName: string;
	createdAt: Date;
}

/** What a refused exchange form sends back (`ExchangeFailure` on the server). */
export interface ExchangeFailure {
	formId: string;
	/** The refusal, shown with FormNoticeLine (decision 23). */
	notice: FormNotice;
	errors: Record<string, string>;
	values: Record<string, string>;
}

/** The refusal of the form `formId` on this page, if the last post was that form's. */
export function failureOf(formId: string): ExchangeFailure | null {
	const answer = page.form as {
		exchange?: Omit<ExchangeFailure, 'notice'>;
		notice?: FormNotice;
	} | null;
	const failure = answer?.exchange;
	return failure?.formId === formId && answer?.notice
		? { ...failure, notice: answer.notice }
		: null;
}
