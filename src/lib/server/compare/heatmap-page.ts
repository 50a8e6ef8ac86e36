import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { buildHeatmap } from '../../domain/compare/heatmap';
import { pagedView, pageRows, rowsPerPage } from '../../domain/compare/heatmap-pages';
import { periodChoices, type ComparisonPeriod } from '../../domain/compare/period';
import { listComparisonGroups } from '../directory/comparison-groups';
import { loadFieldChoices, loadHeatmapCells, loadHeatmapCities } from './heatmap-queries';
import { loadHeatmapDefinitions } from './ring-statistics';
import type { HeatmapRequest } from './heatmap-request';
import type { FieldRef, HeatmapPage, HeatmapPageView } from '../../types/compare';

export type { FieldRef, HeatmapPage, HeatmapPageView };

/**
 * The first step of both heatmap loaders: fields with their quarters and the peer groups (two
 * reads). Unknown field or group: null (404). Without a period in the URL, the field's newest
 * reporting quarter, as on the comparison page.
 */
async function loadFrame(db: DbOrTx, request: HeatmapRequest) {
	const [choices, allGroups] = await Promise.all([loadFieldChoices(db), listComparisonGroups(db)]);
	const chosen = request.field ? choices.find((f) => f.slug === request.field) : choices[0];
	const group = request.group ? allGroups.find((g) => g.slug === request.group) : null;
	if (!chosen || group === undefined) return null;
	const newest = chosen.quarters.at(-1);
	const period: ComparisonPeriod | null =
		request.period ?? (newest ? { kind: 'quarter', ...newest } : null);
	const { quarters, ...field } = chosen;
	const fields = choices.map(({ quarters: _, ...f }) => f);
	const periods = periodChoices(quarters);
	// The members stay on the server: 396 ids per kind of group at NRW scale.
	const groups = allGroups.map(({ slug, nameDe, nameEn }) => ({ slug, nameDe, nameEn }));
	const chosenGroup = group
		? { slug: group.slug, nameDe: group.nameDe, nameEn: group.nameEn }
		: null;
	const base = { fields, field, period, periods, groups, group: chosenGroup };
	return { base, period, members: group ? group.members : null };
}

/**
 * The whole heatmap (every page, for the exports) in four reads: fields and peer groups, then
 * the field's definitions with the column medians and the whole grid together. A group narrows
 * the rows and the median to its members, as on the comparison page.
 */
export async function loadHeatmapPage(
	db: DbOrTx,
	viewer: Viewer,
	request: HeatmapRequest,
	locale: 'de' | 'en'
): Promise<HeatmapPage | null> {
	const frame = await loadFrame(db, request);
	if (!frame) return null;
	const { base, period, members } = frame;
	if (!period) return { ...base, heatmap: null };
	const [definitions, allCells] = await Promise.all([
		loadHeatmapDefinitions(db, viewer, base.field.id, period, members),
		loadHeatmapCells(db, viewer, base.field.id, period)
	]);
	const chosen = members ? new Set(members) : null;
	const cells = chosen ? allCells.filter((c) => chosen.has(c.organisationId)) : allCells;
	const heatmap = buildHeatmap({
		definitions,
		cells,
		period,
		ownOrganisationIds: unreleasedOrganisations(viewer),
		locale
	});
	return { ...base, heatmap };
}

/**
 * One page of the heatmap (decision 0039) in five reads and three steps: fields and peer groups;
 * the definitions with the column medians (computed in the database over every city of the
 * view) and the list of cities; then the cells of the page's cities and the viewer's own only.
 * The same as `heatmapView(loadHeatmapPage(…).heatmap, page)`, without building the other
 * pages' cells (7,920 at NRW scale for a page of 600).
 */
export async function loadHeatmapPageView(
	db: DbOrTx,
	viewer: Viewer,
	request: HeatmapRequest,
	locale: 'de' | 'en'
): Promise<HeatmapPageView | null> {
	const frame = await loadFrame(db, request);
	if (!frame) return null;
	const { base, period, members } = frame;
	if (!period) return { ...base, heatmap: null };
	const [definitions, allCities] = await Promise.all([
		loadHeatmapDefinitions(db, viewer, base.field.id, period, members),
		loadHeatmapCities(db, base.field.id)
	]);
	const ownIds = unreleasedOrganisations(viewer);
	const own = new Set(ownIds);
	const chosen = members ? new Set(members) : null;
	const columns = new Set(definitions.map((d) => d.kpiId)).size;
	// The grid has no row without a column: a field without shared KPIs shows no city.
	const cities = (columns ? allCities : [])
		.filter((c) => !chosen || chosen.has(c.organisationId))
		.map((c) => ({ ...c, own: own.has(c.organisationId) }));
	const paging = pageRows(cities, request.page, rowsPerPage(columns));
	const shown = [...paging.rows, ...paging.pinned].map((c) => c.organisationId);
	const cells = shown.length
		? await loadHeatmapCells(db, viewer, base.field.id, period, shown)
		: [];
	const heatmap = buildHeatmap({ definitions, cells, period, ownOrganisationIds: ownIds, locale });
	return { ...base, heatmap: pagedView(heatmap, paging, period.kind === 'year') };
}
