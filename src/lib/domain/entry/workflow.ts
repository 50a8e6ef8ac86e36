/**
 * The life of a KPI value in one quarter, as a state machine. Pure: routes ask `transition`
 * before they write, and the entry grid asks `availableActions` which buttons to show.
 *
 * States: none (no row yet) → draft → submitted → released.
 *
 * | action  | from                | to        | capability          | period         | also   |
 * | ------- | ------------------- | --------- | ------------------- | -------------- | ------ |
 * | save    | none, draft         | draft     | measurement:write   | open           |        |
 * | submit  | draft               | submitted | measurement:submit  | open           |        |
 * | release | submitted           | released  | measurement:release | open or closed |        |
 * | reopen  | submitted, released | draft     | measurement:reopen  | open           | reason |
 *
 * - Submitted and released values are locked for the controller: saving them again is not
 *   allowed in that state; changing them needs a reopen (by an approver, with a reason), which
 *   puts the value back to draft.
 * - Submitting needs a saved draft: a new value is saved first, then submitted.
 * - Save and submit only while the period is open.
 * - Release also after the period has closed: approvers may lag behind the deadline.
 * - Reopening a value only while the period is open. Reopening a closed quarter is the
 *   coordinator's step (reopen the period), not the approver's.
 * - A period that was never opened (missing) allows nothing.
 * - When several rules fail, the first in this order is reported: state, period, capability,
 *   reason. A reason of only spaces is no reason.
 */
// Type-only, so this module stays usable in the browser (nothing from $lib/server is bundled).
import type { Capability, MeasurementState } from '../../server/auth/permissions';

export const valueStates = [
	'none',
	'draft',
	'submitted',
	'released'
] as const satisfies readonly ValueState[];
/** none: there is no value row for the KPI and quarter yet. */
export type ValueState = 'none' | MeasurementState;

export const entryActions = ['save', 'submit', 'release', 'reopen'] as const;
export type EntryAction = (typeof entryActions)[number];

/** missing: the quarter was never opened for reporting. */
export type PeriodState = 'open' | 'closed' | 'missing';

export interface TransitionContext {
	period: PeriodState;
	capabilities: ReadonlySet<Capability>;
	/** Why a value is reopened; required for reopen. */
	reason?: string;
}

export type TransitionRefusal =
	| 'not_allowed_in_state'
	| 'period_closed'
	| 'period_missing'
	| 'missing_capability'
	| 'reason_required';

export type TransitionResult =
	{ ok: true; next: ValueState } | { ok: false; reason: TransitionRefusal };

interface Rule {
	from: readonly ValueState[];
	to: ValueState;
	capability: Capability;
	/** Whether the action is allowed after the period has closed. */
	whenClosed: boolean;
	needsReason: boolean;
}

export const workflowRules: Readonly<Record<EntryAction, Readonly<Rule>>> = {
	save: {
		from: ['none', 'draft'],
		to: 'draft',
		capability: 'measurement:write',
		whenClosed: false,
		needsReason: false
	},
	submit: {
		from: ['draft'],
		to: 'submitted',
		capability: 'measurement:submit',
		whenClosed: false,
		needsReason: false
	},
	release: {
		from: ['submitted'],
		to: 'released',
		capability: 'measurement:release',
		whenClosed: true,
		needsReason: false
	},
	reopen: {
		from: ['submitted', 'released'],
		to: 'draft',
		capability: 'measurement:reopen',
		whenClosed: false,
		needsReason: true
	}
};

export function transition(
	state: ValueState,
	action: EntryAction,
	ctx: TransitionContext
): TransitionResult {
	const rule = workflowRules[action];
	if (!rule.from.includes(state)) return { ok: false, reason: 'not_allowed_in_state' };
	if (ctx.period === 'missing') return { ok: false, reason: 'period_missing' };
	if (ctx.period === 'closed' && !rule.whenClosed) return { ok: false, reason: 'period_closed' };
	if (!ctx.capabilities.has(rule.capability)) return { ok: false, reason: 'missing_capability' };
	if (rule.needsReason && (ctx.reason ?? '').trim() === '') {
		return { ok: false, reason: 'reason_required' };
	}
	return { ok: true, next: rule.to };
}

/**
 * Actions the user may take on a value now, for showing buttons. A reason is asked for when the
 * action is taken, so reopen counts as available without one.
 */
export function availableActions(
	state: ValueState,
	ctx: Omit<TransitionContext, 'reason'>
): EntryAction[] {
	return entryActions.filter((action) => {
		const result = transition(state, action, { ...ctx, reason: 'x' });
		return result.ok;
	});
}
