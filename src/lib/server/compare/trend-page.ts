import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import {
	availableQuarters,
	buildTrend,
	defaultRange,
	MAX_TREND_CITIES
} from '../../domain/compare/trend';
import { compareQuarters, shiftQuarter, type Quarter } from '../../domain/period/quarter';
import { loadFieldChoices, loadFieldDefinitions } from './heatmap-queries';
import { loadTrendRows } from './trend-queries';
import type { TrendRequest } from './trend-request';
import type { FieldRef } from '../../types/compare';
import type { TrendPage } from '../../types/compare';

export type { TrendPage };

/** Ten years at most on one axis; a longer range in the URL keeps its end. */
export const MAX_TREND_QUARTERS = 40;

/**
 * The trend in three reads, one after another: fields, the field's definitions, the KPI's values
 * of every participating city. Unknown field: null (404). A KPI of another field (after
 * switching the field in the form) falls back to the field's first shared KPI. Without a
 * choice in the URL, the viewer's own city is preselected.
 */
export async function loadTrendPage(
	db: DbOrTx,
	viewer: Viewer,
	request: TrendRequest,
	locale: 'de' | 'en'
): Promise<TrendPage | null> {
	const choices = await loadFieldChoices(db);
	const chosenField = request.field ? choices.find((f) => f.slug === request.field) : choices[0];
	if (!chosenField) return null;
	const ref = (f: FieldRef): FieldRef => ({
		id: f.id,
		slug: f.slug,
		nameDe: f.nameDe,
		nameEn: f.nameEn
	});
	const field = ref(chosenField);
	const fields = choices.map(ref);
	const definitions = await loadFieldDefinitions(db, field.id);
	const codes = [...new Set(definitions.map((d) => d.code))];
	const kpis = codes.map((c) => {
		const latest = definitions.filter((d) => d.code === c).at(-1)!;
		return { code: c, nameDe: latest.nameDe, nameEn: latest.nameEn };
	});
	const code = request.kpi && codes.includes(request.kpi) ? request.kpi : (codes[0] ?? null);
	const empty = { fields, field, kpis, code, chosen: [], dropped: [], trend: null };
	if (!code) return empty;
	const versions = definitions.filter((d) => d.code === code);
	const rows = await loadTrendRows(db, viewer, field.id, versions[0]!.kpiId);

	const own = unreleasedOrganisations(viewer);
	const participants = new Map(rows.map((r) => [r.slug, r.organisationId]));
	const wanted =
		request.cities ?? [...participants].filter(([, id]) => own.includes(id)).map(([slug]) => slug);
	const chosen = wanted.filter((slug) => participants.has(slug)).slice(0, MAX_TREND_CITIES);
	const dropped = wanted.filter((slug) => !chosen.includes(slug));

	const available = availableQuarters(rows);
	const fallback = defaultRange(available.length ? available : chosenField.quarters);
	const ends = [request.from ?? fallback?.from, request.to ?? fallback?.to];
	if (!ends[0] || !ends[1]) return empty;
	const [start, to] = (ends as Quarter[]).sort(compareQuarters) as [Quarter, Quarter];
	const earliest = shiftQuarter(to, -(MAX_TREND_QUARTERS - 1));
	const from = compareQuarters(start, earliest) < 0 ? earliest : start;
	const trend = buildTrend({ versions, rows, chosen, from, to, ownOrganisationIds: own, locale });
	return { ...empty, chosen, dropped, trend };
}
