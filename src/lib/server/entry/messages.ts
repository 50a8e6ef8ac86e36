import { m } from '../../paraglide/messages';
import type { EntryRefused } from './values';

type Reason = EntryRefused['reason'] | 'conflict' | 'locked';

/** Why the grid refused, in the user's language. */
export function entryRefusalText(reason: Reason): string {
	switch (reason) {
		case 'conflict':
			return m.entry_conflict();
		case 'locked':
			return m.entry_locked();
		case 'period_closed':
			return m.entry_period_closed();
		case 'period_missing':
			return m.entry_period_missing();
		case 'not_allowed_in_state':
			return m.entry_blocked_rows();
		case 'reason_required':
			return m.entry_reason_required();
		case 'not_found':
			return m.entry_value_not_found();
		case 'nothing_to_do':
			return m.entry_nothing_to_do();
	}
}
