import { describe, expect, it } from 'vitest';
import { capabilities, capabilityMatrix, type Capability } from '../../server/auth/permissions';
import {
	availableActions,
	entryActions,
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
	reopen: { submitted: 'draft', released: 'draft' }
};
const needed: Record<EntryAction, Capability> = {
	save: 'measurement:write',
	submit: 'measurement:submit',
	release: 'measurement:release',
	reopen: 'measurement:reopen'
};
const allowedWhenClosed: Record<EntryAction, boolean> = {
	save: false,
	submit: false,
	release: true,
	reopen: false
};

const periods: PeriodState[] = ['open', 'closed', 'missing'];
const reasons: (string | undefined)[] = [undefined, '', '   ', 'Tippfehler in Q3'];

function expected(
	state: ValueState,
	action: EntryAction,
	period: PeriodState,
	hasCapability: boolean,
	reason: string | undefined
): TransitionResult {
	const next = moves[action][state];
	if (next === undefined) return { ok: false, reason: 'not_allowed_in_state' };
	if (period === 'missing') return { ok: false, reason: 'period_missing' };
	if (period === 'closed' && !allowedWhenClosed[action]) {
		return { ok: false, reason: 'period_closed' };
	}
	if (!hasCapability) return { ok: false, reason: 'missing_capability' };
	if (action === 'reopen' && !reason?.trim()) return { ok: false, reason: 'reason_required' };
	return { ok: true, next };
}

const combinations = valueStates.flatMap((state) =>
	entryActions.flatMap((action) =>
		periods.flatMap((period) =>
			[true, false].flatMap((hasCapability) =>
				reasons.map((reason) => ({ state, action, period, hasCapability, reason }))
			)
		)
	)
);

describe('transition: every combination', () => {
	it('covers 4 states × 4 actions × 3 periods × 2 capability sets × 4 reasons', () => {
		expect(combinations).toHaveLength(4 * 4 * 3 * 2 * 4);
	});

	it.each(combinations)(
		'$action on $state, period $period, capability $hasCapability, reason "$reason"',
		({ state, action, period, hasCapability, reason }) => {
			// Without the capability the user holds every other one: none stands in for another.
			const held = new Set<Capability>(
				hasCapability ? [needed[action]] : capabilities.filter((c) => c !== needed[action])
			);
			expect(transition(state, action, { period, capabilities: held, reason })).toEqual(
				expected(state, action, period, hasCapability, reason)
			);
		}
	);
});

describe('transition: the quarter as the roles live it', () => {
	const controller = new Set(capabilityMatrix.controller);
	const approver = new Set(capabilityMatrix.approver);
	const open = { period: 'open' as const };

	it('takes a value from nothing to released', () => {
		expect(transition('none', 'save', { ...open, capabilities: controller })).toEqual({
			ok: true,
			next: 'draft'
		});
		expect(transition('draft', 'submit', { ...open, capabilities: controller })).toEqual({
			ok: true,
			next: 'submitted'
		});
		expect(transition('submitted', 'release', { ...open, capabilities: approver })).toEqual({
			ok: true,
			next: 'released'
		});
	});

	it('locks submitted and released values for the controller', () => {
		for (const state of ['submitted', 'released'] as const) {
			expect(transition(state, 'save', { ...open, capabilities: controller })).toEqual({
				ok: false,
				reason: 'not_allowed_in_state'
			});
			expect(
				transition(state, 'reopen', { ...open, capabilities: controller, reason: 'Fehler' })
			).toEqual({ ok: false, reason: 'missing_capability' });
		}
	});

	it('lets the approver send a value back with a reason, but not release it twice', () => {
		expect(transition('released', 'reopen', { ...open, capabilities: approver })).toEqual({
			ok: false,
			reason: 'reason_required'
		});
		expect(
			transition('released', 'reopen', { ...open, capabilities: approver, reason: 'Fehler' })
		).toEqual({ ok: true, next: 'draft' });
		expect(transition('released', 'release', { ...open, capabilities: approver })).toEqual({
			ok: false,
			reason: 'not_allowed_in_state'
		});
	});

	it('lets the approver release after closing, but not reopen', () => {
		const closed = { period: 'closed' as const, capabilities: approver };
		expect(transition('submitted', 'release', closed)).toEqual({ ok: true, next: 'released' });
		expect(transition('released', 'reopen', { ...closed, reason: 'Fehler' })).toEqual({
			ok: false,
			reason: 'period_closed'
		});
	});

	it('refuses entry in closed and never-opened quarters', () => {
		expect(transition('none', 'save', { period: 'closed', capabilities: controller })).toEqual({
			ok: false,
			reason: 'period_closed'
		});
		expect(transition('none', 'save', { period: 'missing', capabilities: controller })).toEqual({
			ok: false,
			reason: 'period_missing'
		});
	});
});

describe('availableActions', () => {
	const controller = new Set(capabilityMatrix.controller);
	const approver = new Set(capabilityMatrix.approver);
	const both = new Set([...controller, ...approver]);

	it('offers what the role may do in the state and period', () => {
		expect(availableActions('none', { period: 'open', capabilities: controller })).toEqual([
			'save'
		]);
		expect(availableActions('draft', { period: 'open', capabilities: controller })).toEqual([
			'save',
			'submit'
		]);
		expect(availableActions('submitted', { period: 'open', capabilities: controller })).toEqual([]);
		expect(availableActions('submitted', { period: 'open', capabilities: approver })).toEqual([
			'release',
			'reopen'
		]);
		expect(availableActions('submitted', { period: 'closed', capabilities: both })).toEqual([
			'release'
		]);
		expect(availableActions('released', { period: 'closed', capabilities: both })).toEqual([]);
		expect(availableActions('draft', { period: 'missing', capabilities: both })).toEqual([]);
	});
});
