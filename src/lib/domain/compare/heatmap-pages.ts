/**
 * The heatmap in pages of municipalities (decision 0039): at NRW scale (396 × 20 KPIs) one grid
 * is 6.7 MB of HTML; a page of rows stays within the 300 KB budget and every row is reachable
 * through a list of pages named by their first and last municipality.
 */
import type { Quarter } from '../period/quarter';
import type { Status } from '../status/status';
import type { MeasurementState } from '../scorecard/types';
import type { Heatmap, HeatmapCell, HeatmapColumn } from './heatmap';

/**
 * Cells per page: the bytes grow with the cells (a cell with its link and accessible text is
 * about 330 bytes of HTML and data), so a field with few KPIs shows more municipalities per page.
 * 600 cells (30 rows of 20 KPIs) stay under 300 KB with room for long names (docs/performance.md).
 */
export const HEATMAP_PAGE_CELLS = 600;

/** Rows per page for a number of KPI columns: 30 at 20 KPIs, at most 100, at least 10. */
export function rowsPerPage(columns: number): number {
	return Math.min(100, Math.max(10, Math.floor(HEATMAP_PAGE_CELLS / Math.max(1, columns))));
}

export interface HeatmapPageLink {
	/** 1-based. */
	number: number;
	first: string;
	last: string;
}

export interface HeatmapPaging<R> {
	/** The rows of this page, in the grid's order. */
	rows: R[];
	/** The viewer's own rows that sit on another page, shown above this page's rows. */
	pinned: R[];
	/** 1-based; a number past the end shows the last page. */
	page: number;
	pages: HeatmapPageLink[];
	/** All rows of the view (every page). */
	total: number;
	/** Rows per page. */
	size: number;
}

/** One page of rows; the viewer's own city stays in sight on every page. */
export function pageRows<R extends { name: string; own: boolean }>(
	rows: readonly R[],
	requested: number,
	size: number
): HeatmapPaging<R> {
	const count = Math.max(1, Math.ceil(rows.length / size));
	const page = Math.min(Math.max(1, Math.trunc(requested) || 1), count);
	const pages: HeatmapPageLink[] = [];
	for (let i = 0; i < count; i++) {
		const chunk = rows.slice(i * size, (i + 1) * size);
		pages.push({ number: i + 1, first: chunk[0]?.name ?? '', last: chunk.at(-1)?.name ?? '' });
	}
	const start = (page - 1) * size;
	const shown = rows.slice(start, start + size);
	const pinned = rows.filter((r, i) => r.own && (i < start || i >= start + size));
	return { rows: shown, pinned, page, pages, total: rows.length, size };
}

/**
 * A cell as the page needs it: only what it shows, keys left out when they say nothing (the
 * hydration data is repeated for every cell of the page, so each key costs 800 times).
 */
export interface HeatmapViewCell {
	value: number | null;
	status: Status;
	/** Only when not released (the viewer's own city). */
	state?: Exclude<MeasurementState, 'released'>;
	otherVersionFrom?: Quarter;
	/** Year only, when some quarters have no value. */
	quartersWithData?: number;
	hasComment?: true;
}

export interface HeatmapViewRow {
	slug: string;
	name: string;
	own: boolean;
	cells: HeatmapViewCell[];
}

export interface HeatmapView {
	columns: HeatmapColumn[];
	rows: HeatmapViewRow[];
	pinned: HeatmapViewRow[];
	page: number;
	pages: HeatmapPageLink[];
	total: number;
	size: number;
	unreleasedCells: number;
}

function viewCell(c: HeatmapCell, yearly: boolean): HeatmapViewCell {
	const cell: HeatmapViewCell = { value: c.value, status: c.status };
	if (c.state && c.state !== 'released') cell.state = c.state;
	if (c.otherVersionFrom) cell.otherVersionFrom = c.otherVersionFrom;
	if (yearly && c.quartersWithData > 0 && !c.complete) cell.quartersWithData = c.quartersWithData;
	if (c.hasComment) cell.hasComment = true;
	return cell;
}

/** One page of the heatmap, cut down to what the page shows. */
export function heatmapView(heatmap: Heatmap, requestedPage: number, yearly: boolean): HeatmapView {
	const paging = pageRows(heatmap.rows, requestedPage, rowsPerPage(heatmap.columns.length));
	return pagedView(heatmap, paging, yearly);
}

/**
 * The view of a page whose rows were chosen before they were built (the page's loader reads only
 * the rows of `paging`, decision 0039): `heatmap` holds at least those rows, found by city.
 */
export function pagedView(
	heatmap: Heatmap,
	paging: HeatmapPaging<{ organisationId: number }>,
	yearly: boolean
): HeatmapView {
	const built = new Map(heatmap.rows.map((r) => [r.organisationId, r]));
	const row = ({ organisationId }: { organisationId: number }): HeatmapViewRow => {
		const r = built.get(organisationId)!;
		return {
			slug: r.slug,
			name: r.name,
			own: r.own,
			cells: r.cells.map((c) => viewCell(c, yearly))
		};
	};
	return {
		columns: heatmap.columns,
		rows: paging.rows.map(row),
		pinned: paging.pinned.map(row),
		page: paging.page,
		pages: paging.pages,
		total: paging.total,
		size: paging.size,
		unreleasedCells: heatmap.unreleasedCells
	};
}
