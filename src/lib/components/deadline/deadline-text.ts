import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format/date-time';
import type { AppLocale } from '$lib/format/number';
import type { DeadlineStanding } from '$lib/domain/period/deadline';

/** "Frist 30.11.2026, noch 3 Tage" or "überfällig seit 5 Tagen (Frist 30.11.2026)". */
export function deadlineText(s: DeadlineStanding, locale: AppLocale): string {
	const date = formatDate(s.deadline, locale);
	if (s.kind === 'overdue')
		return s.daysOverdue === 1
			? m.deadline_overdue_one({ date })
			: m.deadline_overdue_many({ date, days: String(s.daysOverdue) });
	if (s.daysLeft === 0) return m.deadline_due_today({ date });
	return s.daysLeft === 1
		? m.deadline_due_one({ date })
		: m.deadline_due_many({ date, days: String(s.daysLeft) });
}
