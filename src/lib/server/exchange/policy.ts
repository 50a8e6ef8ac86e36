import { can, visibleStatesFor, type MeasurementState, type Principal } from '../auth/permissions';

/**
 * Who may do what in the experience exchange (decision 0014). Pure: the callers load the value's
 * state or the note's author and ask here, so every rule is unit-tested without a database.
 */

/** A KPI value as the rule needs it; `state` null when no value has been entered. */
export interface ValueRef {
	organisationId: number;
	state: MeasurementState | null;
}

export type ExchangeDecision =
	{ ok: true } | { ok: false; reason: 'not_visible' | 'not_author' | 'forbidden' };

const allow: ExchangeDecision = { ok: true };
const deny = (reason: 'not_visible' | 'not_author' | 'forbidden'): ExchangeDecision => ({
	ok: false,
	reason
});

/** Notes and factors of a value are seen exactly when the value is: no value, nothing to see. */
export function valueVisible(principal: Principal, value: ValueRef): boolean {
	return (
		value.state !== null && visibleStatesFor(principal, value.organisationId).includes(value.state)
	);
}

/** Everyone logged in reads pilots, so everyone may comment on them; a value only if they see it. */
export function decideAddNote(
	principal: Principal,
	target: { kind: 'pilot' } | { kind: 'value'; value: ValueRef }
): ExchangeDecision {
	if (target.kind === 'pilot') return allow;
	return valueVisible(principal, target.value) ? allow : deny('not_visible');
}

/** Only the author rewords a note: a note says what its author experienced. */
export function decideEditNote(
	principal: Principal,
	note: { authorUserId: number },
	value: ValueRef | null
): ExchangeDecision {
	if (value && !valueVisible(principal, value)) return deny('not_visible');
	return note.authorUserId === principal.userId ? allow : deny('not_author');
}

/** The author removes their own note; the admin may remove any (moderation). */
export function decideDeleteNote(
	principal: Principal,
	note: { authorUserId: number },
	value: ValueRef | null
): ExchangeDecision {
	if (note.authorUserId === principal.userId) {
		return value && !valueVisible(principal, value) ? deny('not_visible') : allow;
	}
	return can(principal, 'exchange:moderate') ? allow : deny('not_author');
}

/**
 * Influencing factors belong to the figure: whoever may enter the city's values records and
 * removes them (`measurement:write` for the city), on a value that exists.
 */
export function decideFactor(principal: Principal, value: ValueRef): ExchangeDecision {
	if (!can(principal, 'measurement:write', { organisationId: value.organisationId })) {
		return deny('forbidden');
	}
	return value.state === null ? deny('not_visible') : allow;
}

export const mayRecordFactors = (principal: Principal, organisationId: number) =>
	can(principal, 'measurement:write', { organisationId });
