import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * Forms of the reporting periods page. The year stays text as typed, so a refused form shows
 * exactly what was entered; the deadline comes from a date input (ISO YYYY-MM-DD in every
 * browser language). Rules that need the clock or the database (future quarters, duplicates,
 * deadline before the quarter's end) are checked by the server and shown next to the field.
 */

export const quarterValues = [1, 2, 3, 4] as const;

const year = z
	.string({ error: () => m.periods_year_invalid() })
	.trim()
	.regex(/^\d{4}$/, { error: () => m.periods_year_invalid() })
	.refine((v) => Number(v) >= 2000 && Number(v) <= 2100, { error: () => m.periods_year_invalid() });

const quarter = z
	.number({ error: () => m.periods_quarter_invalid() })
	.int({ error: () => m.periods_quarter_invalid() })
	.min(1, { error: () => m.periods_quarter_invalid() })
	.max(4, { error: () => m.periods_quarter_invalid() });

export const openPeriodSchema = z.object({
	year,
	quarter,
	deadline: z.iso.date({ error: () => m.periods_deadline_invalid() })
});

/** Close and reopen name the quarter of their table row. */
export const periodRefSchema = z.object({ year, quarter });
