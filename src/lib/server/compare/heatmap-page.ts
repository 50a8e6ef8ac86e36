import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { buildHeatmap } from '../../domain/compare/heatmap';
import { periodChoices, type ComparisonPeriod } from '../../domain/compare/period';
import { listComparisonGroups } from '../directory/comparison-groups';
import { loadFieldChoices, loadFieldDefinitions, loadHeatmapCells } from './heatmap-queries';
import type { HeatmapRequest } from './heatmap-request';
import type { FieldRef, HeatmapPage } from '../../types/compare';

export type { FieldRef, HeatmapPage };

/**
 * The heatmap in four reads: fields with their quarters and the peer groups, then the field's
 * definitions and the whole grid together. Unknown field or group: null (404). Without a period
 * in the URL, the field's newest reporting quarter, as on the comparison page. A group narrows
 * the rows and the median to its members, as on the comparison page. All rows: the page shows
 * one page of them (heatmapView), the export all.
 */
export async function loadHeatmapPage(
	db: DbOrTx,
	viewer: Viewer,
	request: HeatmapRequest,
	locale: 'de' | 'en'
): Promise<HeatmapPage | null> {
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
	if (!period) return { ...base, heatmap: null };
	const [definitions, allCells] = await Promise.all([
		loadFieldDefinitions(db, field.id),
		loadHeatmapCells(db, viewer, field.id, period)
	]);
	const members = group ? new Set(group.members) : null;
	const cells = members ? allCells.filter((c) => members.has(c.organisationId)) : allCells;
	const heatmap = buildHeatmap({
		definitions,
		cells,
		period,
		ownOrganisationIds: unreleasedOrganisations(viewer),
		locale
	});
	return { ...base, heatmap };
}
