import { m } from '../../paraglide/messages';
import type { EntryRefused } from './values';

type Reason = EntryRefused['reason'] | 'conflict' | 'locked';
type Action = 'save' | 'submit' | 'release' | 'reopen';

/** What a refusal of "changed since it was shown" means depends on what was refused. */
const staleText: Record<Action, () => string> = {
	save: m.entry_conflict,
	submit: m.entry_stale_submit,
	release: m.entry_stale_release,
	reopen: m.entry_stale_reopen
};

/** Why the grid refused, in the user's language. */
export function entryRefusalText(reason: Reason, action: Action = 'save'): string {
	switch (reason) {
		case 'conflict':
			return m.entry_conflict();
		case 'stale':
			return staleText[action]();
		case 'locked':
			return m.entry_locked();
		case 'period_closed':
			return m.entry_period_closed();
		case 'period_missing':
			return m.entry_period_missing();
		case 'not_allowed_in_state':
			return m.entry_blocked_rows();
		case 'already_draft':
			return m.entry_already_draft();
		case 'reason_required':
			return m.entry_reason_required();
		case 'not_found':
			return m.entry_value_not_found();
		case 'nothing_to_do':
			return m.entry_nothing_to_do();
	}
}
