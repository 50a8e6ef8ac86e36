import type { Polarity } from '../status/status';

export interface Ranked<T> {
	item: T;
	/** 1 = best; equal values share a rank (competition ranking 1, 2, 2, 4). */
	rank: number;
}

/**
 * Ranks only where the polarity says what "better" is; a band KPI (e.g. 4–6 % sick leave) has
 * no better or worse outside the band, so it gets no ranking at all (null).
 */
export function rankByPolarity<T>(
	items: readonly T[],
	valueOf: (item: T) => number,
	polarity: Polarity
): Ranked<T>[] | null {
	if (polarity === 'target_band') return null;
	const sign = polarity === 'higher_is_better' ? -1 : 1;
	const sorted = [...items].sort((a, b) => sign * (valueOf(a) - valueOf(b)));
	const ranked: Ranked<T>[] = [];
	sorted.forEach((item, index) => {
		const previous = ranked[index - 1];
		const tied = previous && valueOf(previous.item) === valueOf(item);
		ranked.push({ item, rank: tied ? previous.rank : index + 1 });
	});
	return ranked;
}
