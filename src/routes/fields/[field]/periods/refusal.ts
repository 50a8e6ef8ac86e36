import type { PeriodResult } from '$lib/server/periods/periods';
import { quarterEndDate } from '$lib/domain/period/reporting-period';
import { formatDate, formatDateTime } from '$lib/format/date-time';
import { quarterLabel } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const dateTime = (date: Date) => formatDateTime(date, getLocale());

/** Why a change of a reporting quarter was refused, in the user's language; nothing was saved. */
export function refusalMessage(
	result: Extract<PeriodResult, { ok: false }>,
	q: { year: number; quarter: number }
): string {
	const quarter = quarterLabel(q);
	const current = result.current;
	switch (result.reason) {
		case 'duplicate':
			return m.periods_refused_duplicate({ quarter });
		case 'too_far_ahead':
			return m.periods_refused_too_far_ahead({ quarter });
		case 'deadline_before_end':
			return m.periods_refused_deadline_before_end({
				date: formatDate(quarterEndDate(q), getLocale())
			});
		case 'missing':
			return m.periods_refused_missing({ quarter });
		case 'closed':
			return m.periods_refused_closed({ quarter });
		case 'already_closed':
			return m.periods_refused_already_closed({ quarter });
		case 'already_open':
			return m.periods_refused_already_open({ quarter });
		case 'reason_required':
			return m.periods_reason_required();
		case 'stale':
			if (!current) return m.periods_refused_missing({ quarter });
			return current.closedAt
				? m.periods_refused_stale_closed({
						quarter,
						name: current.closedByName ?? '–',
						time: dateTime(current.closedAt)
					})
				: m.periods_refused_stale_open({
						quarter,
						deadline: formatDate(current.deadline, getLocale()),
						name: current.openedByName ?? '–',
						time: dateTime(current.openedAt)
					});
	}
}
