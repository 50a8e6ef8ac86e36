import { m } from '$lib/paraglide/messages';
import type { CellState, StateCounts } from '$lib/domain/completeness/states';

/** A state as a word, e.g. "Entwurf". */
export const stateWord: Record<CellState, () => string> = {
	missing: m.completeness_state_missing,
	draft: m.completeness_state_draft,
	submitted: m.completeness_state_submitted,
	released: m.completeness_state_released,
	no_kpis: m.completeness_state_no_kpis,
	no_scorecard: m.completeness_state_no_scorecard
};

/** "2 fehlen", "1 Entwurf", "1 eingereicht": the counts that are not released yet. */
export function pendingParts(c: StateCounts): string[] {
	const parts: string[] = [];
	const n = (count: number) => ({ count: String(count) });
	if (c.missing)
		parts.push(
			c.missing === 1
				? m.completeness_count_missing_one()
				: m.completeness_count_missing(n(c.missing))
		);
	if (c.draft)
		parts.push(
			c.draft === 1 ? m.completeness_count_draft_one() : m.completeness_count_draft(n(c.draft))
		);
	if (c.submitted) parts.push(m.completeness_count_submitted(n(c.submitted)));
	return parts;
}

/** "3/5 freigegeben": short enough for a heatmap cell. */
export const releasedText = (c: StateCounts) =>
	m.completeness_cell_released({ released: String(c.released), kpis: String(c.kpis) });
