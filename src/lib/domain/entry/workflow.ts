/**
 * The life of a KPI value in one quarter, as a state machine. Pure, and the one home of these
 * rules: the entry writes in `server/entry` (save, submit, release, reopen) ask it inside their
 * transaction, on the period and rows they locked.
 *
 * States: none (no row yet) → draft → submitted → released.
 *
 * | action  | from                | to        | period         | also   |
 * | ------- | ------------------- | --------- | -------------- | ------ |
 * | save    | none, draft         | draft     | open           |        |
 * | submit  | draft               | submitted | open           |        |
 * | release | submitted           | released  | open or closed |        |
 * | reopen  | submitted, released | draft     | open           | reason |
 * | return  | submitted           | draft     | open           | reason |
 *
 * - Submitted and released values are locked for the controller: saving them again is not
 *   allowed in that state; changing them needs a reopen (by an approver, with a reason), which
 *   puts the value back to draft.
 * - Returning is the approver's review answer to one submitted value: it goes back to the
 *   controller as a draft, with the reason, so it can be corrected and submitted again. Only
 *   while the period is open (the controller could not correct it otherwise). Accepting is the
 *   release of the values not returned.
 * - Submitting needs a saved draft: a new value is saved first, then submitted.
 * - Save and submit only while the period is open.
 * - Release also after the period has closed: approvers may lag behind the deadline.
 * - Reopening a value only while the period is open. Reopening a closed quarter is the
 *   coordinator's step (reopen the period), not the approver's.
 * - A period that was never opened (missing) allows nothing.
 * - When several rules fail, the first in this order is reported: state, period, reason. A
 *   reason of only spaces is no reason.
 *
 * Who may take an action (measurement:write, :submit, :release, :reopen) is authorization: the
 * capability rules in `server/auth/permissions.ts`, checked by the guard before the write.
 */
import type { PeriodState } from '../period/reporting-period';

export const measurementStates = ['draft', 'submitted', 'released'] as const;
/** The state of a stored value (`measurements.state`). */
export type MeasurementState = (typeof measurementStates)[number];

/** none: there is no value row for the KPI and quarter yet. */
export type ValueState = 'none' | MeasurementState;
export const valueStates = ['none', ...measurementStates] as const satisfies readonly ValueState[];

export const entryActions = ['save', 'submit', 'release', 'reopen', 'return'] as const;
export type EntryAction = (typeof entryActions)[number];

export type { PeriodState };

export interface TransitionContext {
	period: PeriodState;
	/** Why a value is reopened or returned; required for both. */
	reason?: string;
}

export type PeriodRefusal = 'period_closed' | 'period_missing';
export type TransitionRefusal = 'not_allowed_in_state' | PeriodRefusal | 'reason_required';

export type TransitionResult =
	{ ok: true; next: ValueState } | { ok: false; reason: TransitionRefusal };

interface Rule {
	from: readonly ValueState[];
	to: ValueState;
	/** Whether the action is allowed after the period has closed. */
	whenClosed: boolean;
	needsReason: boolean;
}

const rules: Readonly<Record<EntryAction, Readonly<Rule>>> = {
	save: { from: ['none', 'draft'], to: 'draft', whenClosed: false, needsReason: false },
	submit: { from: ['draft'], to: 'submitted', whenClosed: false, needsReason: false },
	release: { from: ['submitted'], to: 'released', whenClosed: true, needsReason: false },
	reopen: { from: ['submitted', 'released'], to: 'draft', whenClosed: false, needsReason: true },
	return: { from: ['submitted'], to: 'draft', whenClosed: false, needsReason: true }
};

/** Whether the action applies to a value in this state (a batch write skips the others). */
export function allowedInState(action: EntryAction, state: ValueState): boolean {
	return rules[action].from.includes(state);
}

/** Why the period does not allow the action, or null when it does. */
export function periodRefusal(action: EntryAction, period: PeriodState): PeriodRefusal | null {
	if (period === 'missing') return 'period_missing';
	if (period === 'closed' && !rules[action].whenClosed) return 'period_closed';
	return null;
}

/** Whether the action has the reason it needs (reopen, return: a reason that is not only spaces). */
export function reasonGiven(action: EntryAction, reason: string | undefined): boolean {
	return !rules[action].needsReason || (reason ?? '').trim() !== '';
}

export function transition(
	state: ValueState,
	action: EntryAction,
	ctx: TransitionContext
): TransitionResult {
	if (!allowedInState(action, state)) return { ok: false, reason: 'not_allowed_in_state' };
	const period = periodRefusal(action, ctx.period);
	if (period) return { ok: false, reason: period };
	if (!reasonGiven(action, ctx.reason)) return { ok: false, reason: 'reason_required' };
	return { ok: true, next: rules[action].to };
}
