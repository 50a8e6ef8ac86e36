import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

/**
 * Forms of the reporting periods page. The year stays text as typed, so a refused form shows
 * exactly what was entered; the deadline comes from a date input (ISO YYYY-MM-DD in every
 * browser language; zod also refuses impossible days like 2026-02-30). Rules that need the clock
 * or the database (future quarters, duplicates, deadline before the quarter's end, a change by
 * someone else) are checked by the server and shown next to the field.
 */

export const quarterValues = [1, 2, 3, 4] as const;

const year = text({ error: () => m.periods_year_invalid() })
	.trim()
	.regex(/^\d{4}$/, { error: () => m.periods_year_invalid() })
	.refine((v) => Number(v) >= 2000 && Number(v) <= 2100, { error: () => m.periods_year_invalid() });

const quarter = z
	.number({ error: () => m.periods_quarter_invalid() })
	.int({ error: () => m.periods_quarter_invalid() })
	.min(1, { error: () => m.periods_quarter_invalid() })
	.max(4, { error: () => m.periods_quarter_invalid() });

const deadline = z.iso.date({ error: () => m.periods_deadline_invalid() });

/** What the person saw of the quarter (see periodStamp); a hidden field. */
const stamp = text().min(1).max(100);

export const openPeriodSchema = z.object({ year, quarter, deadline });

export const deadlineSchema = z.object({ year, quarter, stamp, deadline });

export const reopenSchema = z.object({
	year,
	quarter,
	stamp,
	reason: text({ error: () => m.periods_reason_required() })
		.trim()
		.min(3, { error: () => m.periods_reason_required() })
		.max(500, { error: () => m.periods_reason_too_long() })
});

/** Closing names the quarter of its table row and what the person saw of it. */
export const closeSchema = z.object({ year, quarter, stamp });

/** The field's "remind N days before the deadline" (0–60, as the table's check constraint). */
export const reminderDaysSchema = z.object({
	days: z.coerce.number().pipe(z.int().min(0).max(60))
});
