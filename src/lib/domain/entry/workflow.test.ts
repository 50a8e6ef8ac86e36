import { describe, expect, it } from 'vitest';
import {
	allowedInState,
	entryActions,
	periodRefusal,
	reasonGiven,
	transition,
	valueStates,
	type EntryAction,
	type PeriodState,
	type TransitionResult,
	type ValueState
} from './workflow';

/** The rules, written out independently of the implementation. */
const moves: Record<EntryAction, Partial<Record<ValueState, ValueState>>> = {
	save: { none: 'draft', draft: 'draft' },
	submit: { draft: 'submitted' },
	release: { submitted: 'released' },
	reopen: { submitted: 'draft', released: 'draft' },
	return: { submitted: 'draft' }
};
const allowedWhenClosed: Record<EntryAction, boolean> = {
	save: false,
	submit: false,
	release: true,
	reopen: false,
	return: false
};

const periods: PeriodState[] = ['open', 'closed', 'missing'];
const reasons: (string | undefined)[] = [undefined, '', '   ', 'Tippfehler in Q3'];

function expected(
	state: ValueState,
	action: EntryAction,
	period: PeriodState,
	reason: string | undefined
): TransitionResult {
	const next = moves[action][state];
	if (next === undefined) return { ok: false, reason: 'not_allowed_in_state' };
	if (period === 'missing') return { ok: false, reason: 'period_missing' };
	if (period === 'closed' && !allowedWhenClosed[action]) {
		return { ok: false, reason: 'period_closed' };
	}
	if ((action === 'reopen' || action === 'return') && !reason?.trim())
		return { ok: false, reason: 'reason_required' };
	return { ok: true, next };
}

const combinations = valueStates.flatMap((state) =>
	entryActions.flatMap((action) =>
		periods.flatMap((period) => reasons.map((reason) => ({ state, action, period, reason })))
	)
);

describe('transition: every combination', () => {
	it('covers 4 states × 5 actions × 3 periods × 4 reasons', () => {
		expect(combinations).toHaveLength(4 * 5 * 3 * 4);
	});

	it.each(combinations)(
		'$action on $state, period $period, reason "$reason"',
		({ state, action, period, reason }) => {
			expect(transition(state, action, { period, reason })).toEqual(
				expected(state, action, period, reason)
			);
		}
	);
});

describe('the parts the server asks one by one', () => {
	it.each(combinations)('$action on $state, period $period agree with transition', (c) => {
		const whole = transition(c.state, c.action, { period: c.period, reason: c.reason });
		const parts = !allowedInState(c.action, c.state)
			? 'not_allowed_in_state'
			: (periodRefusal(c.action, c.period) ??
				(reasonGiven(c.action, c.reason) ? null : 'reason_required'));
		expect(whole.ok ? null : whole.reason).toBe(parts);
	});
});

describe('transition: the quarter as it is lived', () => {
	const open = { period: 'open' as const };

	it('takes a value from nothing to released', () => {
		expect(transition('none', 'save', open)).toEqual({ ok: true, next: 'draft' });
		expect(transition('draft', 'submit', open)).toEqual({ ok: true, next: 'submitted' });
		expect(transition('submitted', 'release', open)).toEqual({ ok: true, next: 'released' });
	});

	it('locks submitted and released values against saving', () => {
		for (const state of ['submitted', 'released'] as const) {
			expect(transition(state, 'save', open)).toEqual({
				ok: false,
				reason: 'not_allowed_in_state'
			});
		}
	});

	it('sends a value back only with a reason, and never releases it twice', () => {
		expect(transition('released', 'reopen', open)).toEqual({
			ok: false,
			reason: 'reason_required'
		});
		expect(transition('released', 'reopen', { ...open, reason: 'Fehler' })).toEqual({
			ok: true,
			next: 'draft'
		});
		expect(transition('released', 'release', open)).toEqual({
			ok: false,
			reason: 'not_allowed_in_state'
		});
	});

	it('releases after closing, but does not reopen', () => {
		const closed = { period: 'closed' as const };
		expect(transition('submitted', 'release', closed)).toEqual({ ok: true, next: 'released' });
		expect(transition('released', 'reopen', { ...closed, reason: 'Fehler' })).toEqual({
			ok: false,
			reason: 'period_closed'
		});
	});

	it('refuses entry in closed and never-opened quarters', () => {
		expect(transition('none', 'save', { period: 'closed' })).toEqual({
			ok: false,
			reason: 'period_closed'
		});
		expect(transition('none', 'save', { period: 'missing' })).toEqual({
			ok: false,
			reason: 'period_missing'
		});
	});
});

describe("transition: the approver's review", () => {
	const open = { period: 'open' as const };

	it('returns a submitted value to the controller as a draft, with a reason only', () => {
		expect(transition('submitted', 'return', { ...open, reason: 'Quelle fehlt' })).toEqual({
			ok: true,
			next: 'draft'
		});
		for (const reason of [undefined, '', '  \n ']) {
			expect(transition('submitted', 'return', { ...open, reason })).toEqual({
				ok: false,
				reason: 'reason_required'
			});
		}
	});

	it('returns and accepts only submitted values', () => {
		for (const state of ['none', 'draft', 'released'] as const) {
			expect(transition(state, 'return', { ...open, reason: 'x' }).ok).toBe(false);
			expect(transition(state, 'release', open).ok).toBe(false);
		}
	});

	it('does not return a value once the quarter is closed: the controller could not correct it', () => {
		expect(transition('submitted', 'return', { period: 'closed', reason: 'x' })).toEqual({
			ok: false,
			reason: 'period_closed'
		});
	});

	it('lets the returned value be corrected and submitted again', () => {
		const back = transition('submitted', 'return', { ...open, reason: 'x' });
		expect(back.ok && transition(back.next, 'save', open)).toEqual({ ok: true, next: 'draft' });
		expect(back.ok && transition(back.next, 'submit', open)).toEqual({
			ok: true,
			next: 'submitted'
		});
	});
});
