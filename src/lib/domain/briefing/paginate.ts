/**
 * Rows split into pages of at most `capacity` weight (e.g. text lines), in order; a row heavier
 * than a page gets a page of its own rather than being cut. Slides repeat the header per page.
 */
export function paginate<T>(
	rows: readonly T[],
	weight: (row: T) => number,
	capacity: number
): T[][] {
	const pages: T[][] = [];
	let page: T[] = [];
	let used = 0;
	for (const row of rows) {
		const w = Math.max(1, weight(row));
		if (page.length > 0 && used + w > capacity) {
			pages.push(page);
			page = [];
			used = 0;
		}
		page.push(row);
		used += w;
	}
	if (page.length > 0) pages.push(page);
	return pages;
}

/** Lines a text needs at about `perLine` characters a line (explicit breaks count). */
export const linesOf = (text: string, perLine: number): number =>
	text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
