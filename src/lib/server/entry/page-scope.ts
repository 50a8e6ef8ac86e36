import { error, type RequestEvent } from '@sveltejs/kit';
import { appDb } from '../db';
import { loadEntryGrid, type EntryGrid } from './grid';
import type { Quarter } from '../../domain/period/quarter';
import { getLocale } from '../../paraglide/runtime';
import { m } from '../../paraglide/messages';
import { failNotice } from '../http/form-failure';

/* What the entry and the review page share: the grid of the URL's city and field, the scope a
   transition acts on, and the refusal shape both pages read. */

type Event = RequestEvent<{ city: string; field: string }>;

/** The grid of the page's city and field in a quarter, or 404. */
export async function gridAt(event: Event, quarter: Quarter): Promise<EntryGrid> {
	const { city, field } = event.params;
	const grid = await loadEntryGrid(appDb(), city, field, quarter, getLocale());
	if (!grid) error(404, m.not_found_scorecard());
	return grid;
}

/** Exactly what a transition changes: this city, field, quarter and the grid's KPIs. */
export const scopeOf = (grid: EntryGrid, userId: number) => ({
	userId,
	organisationId: grid.organisation.id,
	fieldId: grid.field.id,
	quarter: grid.quarter,
	kpiIds: grid.rows.map((r) => r.kpiId)
});

/**
 * A refusal. Every answer names the quarter it belongs to (`2025-Q3`), so the page puts typed
 * rows back only into that quarter's grid.
 */
export const refuse = (
	status: number,
	quarter: string | null,
	message: string,
	more: object = {}
) => failNotice(status, message, { refused: true as const, quarter, ...more });
