import { m } from '$lib/paraglide/messages';
import { quarterLabel } from '$lib/i18n';
import type { Comparison, ComparisonEntry } from '$lib/domain/compare/comparison';
import type { ComparisonPeriod } from '$lib/domain/compare/period';

export const periodLabel = (p: ComparisonPeriod) =>
	p.kind === 'quarter' ? quarterLabel(p) : m.compare_year_label({ year: String(p.year) });

/** One sentence a screen reader user (and a mayor in a hurry) gets instead of the chart. */
export function comparisonSummary(
	c: Comparison,
	format: (v: number) => string,
	own: ComparisonEntry | null
): string {
	if (!c.entries.length) return m.compare_summary_empty();
	const parts = [
		c.distribution
			? m.compare_summary_spread({
					count: String(c.distribution.count),
					min: format(c.distribution.min),
					median: format(c.distribution.median),
					max: format(c.distribution.max)
				})
			: m.compare_summary_no_statistics()
	];
	if (own) {
		parts.push(
			own.rank !== null && c.distribution
				? m.compare_summary_own_rank({
						city: own.name,
						value: format(own.value),
						rank: String(own.rank),
						count: String(c.distribution.count)
					})
				: m.compare_summary_own({ city: own.name, value: format(own.value) })
		);
		if (!own.released) parts.push(m.compare_summary_own_unreleased());
	}
	return parts.join(' ');
}
