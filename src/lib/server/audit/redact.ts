import { can, type Principal } from '../auth/permissions';

/**
 * What of an audit entry a reader may see (decision 0021). A city's values, comments and
 * explanations written while the value was not released reach only those who may read the
 * city's unreleased values (decision 0003): the entry's other facts (who, when, which value)
 * stay, the content reads "verborgen". The stored entry stays complete.
 *
 * The rule looks only at the entry itself, never at today's state: a save is always a draft,
 * so its value stays hidden even after the quarter was released (earlier drafts never were).
 */

type Json = Record<string, unknown>;
/** Keys to hide on each side of one entry; an empty list hides nothing. */
interface Hidden {
	before: readonly string[];
	after: readonly string[];
}

const NONE: Hidden = { before: [], after: [] };
const FACTOR_TEXT = ['explanation', 'estimatedEffect'] as const;
/** Content counts as released only when the entry itself records that the value was released. */
const released = (side: Json | null) => side?.valueState === 'released';

/**
 * Every audit action that carries content about a value, with the keys holding it. Any action
 * not listed carries none (checked against every action in the source by redact.test.ts).
 */
const figureContent: Record<string, (before: Json | null, after: Json | null) => Hidden> = {
	// The grid only ever saves drafts: before and after are unreleased.
	'measurement.save': () => ({ before: ['value', 'comment'], after: ['value', 'comment'] }),
	// The value taken back was public if it was released; the reason is about the correction.
	'measurement.reopen': (before) => ({
		before: before?.state === 'released' ? [] : ['value'],
		after: ['reason']
	}),
	// Only submitted values are returned: unreleased before, and the reason is about them.
	'measurement.return': () => ({ before: ['value'], after: ['reason'] }),
	// Factors are seen with their value (decision 0014): public if it was released then.
	'value_factor.create': (_, after) => ({ before: [], after: released(after) ? [] : FACTOR_TEXT }),
	'value_factor.delete': (before) => ({ before: released(before) ? [] : FACTOR_TEXT, after: [] })
};

/** The actions whose entries may carry unreleased content. */
export const actionsWithFigureContent = Object.keys(figureContent);

/**
 * Actions that never carry a value, comment or explanation of a city's figures: sign-ins,
 * accounts, tokens, scorecard structure, targets, catalogue, periods, pilots (readable by all),
 * exchange notes (their audit keeps kind and length, never the wording), deliveries (counts),
 * mail settings, single sign-on links and the official directory (public figures).
 */
export const actionsWithoutFigureContent: readonly string[] = [
	'account.mail_preferences',
	'api_token.create',
	'api_token.refused',
	'api_token.revoke',
	'api_token.use',
	'auth.2fa_disabled',
	'auth.2fa_enabled',
	'auth.2fa_failed',
	'auth.login',
	'auth.login_failed',
	'auth.login_throttled',
	'auth.logout',
	'auth.password_changed',
	'auth.recovery_code_used',
	'auth.session_ended',
	'auth.sessions_ended',
	'directory.population_load',
	'exchange_note.create',
	'exchange_note.delete',
	'exchange_note.edit',
	'field.reminder_days',
	'initiative.create',
	'initiative.delete',
	'initiative.update',
	'kpi.archive',
	'kpi.correct',
	'kpi.create',
	'kpi.delete',
	'kpi.restore',
	'kpi.version',
	'measurement.api',
	'measurement.import',
	'measurement.release',
	'measurement.submit',
	'objective.create',
	'objective.delete',
	'objective.move',
	'objective.update',
	'organisation.join',
	'peer_group.create',
	'peer_group.delete',
	'peer_group.update',
	'period.close',
	'period.deadline',
	'period.open',
	'period.reopen',
	'perspective.create',
	'perspective.delete',
	'perspective.move',
	'perspective.rename',
	'pilot.create',
	'pilot.criteria',
	'pilot.gate',
	'pilot.profile',
	'pilot.scores',
	'pilot.settings',
	'scorecard.adopt_template',
	'scorecard.link_add',
	'scorecard.link_remove',
	'scorecard.mission',
	'scorecard_kpi.archive',
	'scorecard_kpi.create',
	'scorecard_kpi.create_local',
	'scorecard_kpi.delete',
	'scorecard_kpi.restore',
	'scorecard_kpi.weight',
	'sso.callback_failed',
	'sso.end_session_unavailable',
	'target.clear',
	'target.copy_year',
	'target.set',
	'user.create',
	'user.deactivate',
	'user.password_link',
	'user.password_set',
	'user.reactivate',
	'user.role_assign',
	'user.role_remove',
	'user.roles_from_groups',
	'user.sso_linked',
	'user.sso_unlinked'
];

function parse(text: string | null): Json | null | 'unreadable' {
	if (text === null) return null;
	try {
		const value: unknown = JSON.parse(text);
		if (value === null) return null;
		return typeof value === 'object' && !Array.isArray(value) ? (value as Json) : 'unreadable';
	} catch {
		return 'unreadable';
	}
}

function hide(text: string | null, parsed: Json | null, keys: readonly string[], marker: string) {
	if (parsed === null || keys.length === 0) return text;
	const copy = { ...parsed };
	for (const key of keys) if (key in copy) copy[key] = marker;
	return JSON.stringify(copy);
}

export interface RedactableEntry {
	action: string;
	organisationId: number | null;
	before: string | null;
	after: string | null;
}

/**
 * The entry as `reader` may see it: unreleased content replaced by `marker`. Whoever may read
 * the city's unreleased values sees all; so does everyone for actions without figure content.
 * An entry of such an action that cannot be read as expected is hidden whole (fail closed).
 */
export function redactEntry<E extends RedactableEntry>(
	entry: E,
	reader: Principal,
	marker: string
): E & { redacted: boolean } {
	const rule = figureContent[entry.action];
	if (
		!rule ||
		(entry.organisationId !== null &&
			can(reader, 'measurement:read_unreleased', { organisationId: entry.organisationId }))
	)
		return { ...entry, redacted: false };
	const before = parse(entry.before);
	const after = parse(entry.after);
	if (before === 'unreadable' || after === 'unreadable') {
		return {
			...entry,
			before: entry.before === null ? null : JSON.stringify(marker),
			after: entry.after === null ? null : JSON.stringify(marker),
			redacted: true
		};
	}
	const hidden = rule(before, after) ?? NONE;
	const redacted =
		hidden.before.some((k) => before !== null && k in before) ||
		hidden.after.some((k) => after !== null && k in after);
	return {
		...entry,
		before: hide(entry.before, before, hidden.before, marker),
		after: hide(entry.after, after, hidden.after, marker),
		redacted
	};
}
