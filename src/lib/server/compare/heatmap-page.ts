import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { buildHeatmap } from '../../domain/compare/heatmap';
import { periodChoices, type ComparisonPeriod } from '../../domain/compare/period';
import { loadFieldChoices, loadFieldDefinitions, loadHeatmapCells } from './heatmap-queries';
import type { HeatmapRequest } from './heatmap-request';
import type { FieldRef, HeatmapPage } from '../../types/compare';

export type { FieldRef, HeatmapPage };

/**
 * The heatmap in three reads: fields with their quarters, then the field's definitions and the
 * whole grid together. Unknown field: null (404). Without a period in the URL, the field's
 * newest reporting quarter, as on the comparison page.
 */
export async function loadHeatmapPage(
	db: DbOrTx,
	viewer: Viewer,
	request: HeatmapRequest,
	locale: 'de' | 'en'
): Promise<HeatmapPage | null> {
	const choices = await loadFieldChoices(db);
	const chosen = request.field ? choices.find((f) => f.slug === request.field) : choices[0];
	if (!chosen) return null;
	const newest = chosen.quarters.at(-1);
	const period: ComparisonPeriod | null =
		request.period ?? (newest ? { kind: 'quarter', ...newest } : null);
	const { quarters, ...field } = chosen;
	const fields = choices.map(({ quarters: _, ...f }) => f);
	const periods = periodChoices(quarters);
	if (!period) return { fields, field, period, periods, heatmap: null };
	const [definitions, cells] = await Promise.all([
		loadFieldDefinitions(db, field.id),
		loadHeatmapCells(db, viewer, field.id, period)
	]);
	const heatmap = buildHeatmap({
		definitions,
		cells,
		period,
		ownOrganisationIds: unreleasedOrganisations(viewer),
		locale
	});
	return { fields, field, period, periods, heatmap };
}
