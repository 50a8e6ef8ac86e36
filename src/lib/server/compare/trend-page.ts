import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { buildTrend, defaultRange, MAX_TREND_CITIES } from '../../domain/compare/trend';
import { compareQuarters, shiftQuarter, type Quarter } from '../../domain/period/quarter';
import { loadFieldChoices, loadFieldDefinitions, loadHeatmapCities } from './heatmap-queries';
import { loadTrendQuarters, loadTrendRows } from './trend-queries';
import { loadTrendMedians } from './ring-statistics';
import type { TrendRequest } from './trend-request';
import { listComparisonGroups } from '../directory/comparison-groups';
import type { FieldRef, TrendGroup, TrendPage } from '../../types/compare';

export type { TrendPage };

/** The own city's groups for the one-click links: the derived ones first, by how close they are. */
const OWN_GROUP_ORDER: TrendGroup['kind'][] = [
	'size',
	'kreis',
	'regierungsbezirk',
	'status',
	'hand'
];

/** Ten years at most on one axis; a longer range in the URL keeps its end. */
export const MAX_TREND_QUARTERS = 40;

/**
 * The trend in three steps, one after another: fields with the peer groups (two reads at once);
 * the field's definitions with its participating cities (two); then the quarters with values,
 * the ring's median per quarter (computed in the database, decision 0045) and the chosen
 * cities' values (three). No other city's values are read. Unknown field or group: null (404).
 * A KPI of another field (after switching the field in the form) falls back to the field's first
 * shared KPI. Without a choice in the URL, the viewer's own city is preselected; with a peer
 * group, the group's cities (own city first, up to the limit), and only the group's cities and
 * median are shown, as on the comparison page.
 */
export async function loadTrendPage(
	db: DbOrTx,
	viewer: Viewer,
	request: TrendRequest,
	locale: 'de' | 'en'
): Promise<TrendPage | null> {
	const [choices, allGroups] = await Promise.all([loadFieldChoices(db), listComparisonGroups(db)]);
	const chosenField = request.field ? choices.find((f) => f.slug === request.field) : choices[0];
	const chosenGroup = request.group ? allGroups.find((g) => g.slug === request.group) : null;
	if (!chosenField || chosenGroup === undefined) return null;
	const own = unreleasedOrganisations(viewer);
	const groupRef = (g: (typeof allGroups)[number]): TrendGroup => ({
		slug: g.slug,
		nameDe: g.nameDe,
		nameEn: g.nameEn,
		kind: g.kind
	});
	const groups = allGroups.map(groupRef);
	const ownGroups = allGroups
		.filter((g) => g.members.some((id) => own.includes(id)))
		.sort((a, b) => OWN_GROUP_ORDER.indexOf(a.kind) - OWN_GROUP_ORDER.indexOf(b.kind))
		.map(groupRef);
	const ref = (f: FieldRef): FieldRef => ({
		id: f.id,
		slug: f.slug,
		nameDe: f.nameDe,
		nameEn: f.nameEn
	});
	const field = ref(chosenField);
	const fields = choices.map(ref);
	const [definitions, participants] = await Promise.all([
		loadFieldDefinitions(db, field.id),
		loadHeatmapCities(db, field.id)
	]);
	const codes = [...new Set(definitions.map((d) => d.code))];
	const kpis = codes.map((c) => {
		const latest = definitions.filter((d) => d.code === c).at(-1)!;
		return { code: c, nameDe: latest.nameDe, nameEn: latest.nameEn };
	});
	const code = request.kpi && codes.includes(request.kpi) ? request.kpi : (codes[0] ?? null);
	const group = chosenGroup?.slug ?? null;
	const empty = { fields, field, kpis, code, groups, group, ownGroups, trend: null };
	if (!code) return { ...empty, chosen: [], dropped: [] };
	const versions = definitions.filter((d) => d.code === code);
	const kpiId = versions[0]!.kpiId;
	const members = chosenGroup ? chosenGroup.members : null;
	const inGroup = members ? new Set(members) : null;
	const cities = inGroup ? participants.filter((c) => inGroup.has(c.organisationId)) : participants;

	const bySlug = new Map(cities.map((c) => [c.slug, c.organisationId]));
	const ownFirst = [...bySlug].sort(
		([a, x], [b, y]) => Number(own.includes(y)) - Number(own.includes(x)) || a.localeCompare(b)
	);
	const wanted =
		request.cities ??
		// A group starts with as many of its cities as one chart holds: nothing "dropped" to report.
		(members
			? ownFirst.slice(0, MAX_TREND_CITIES).map(([slug]) => slug)
			: ownFirst.filter(([, id]) => own.includes(id)).map(([slug]) => slug));
	const chosen = wanted.filter((slug) => bySlug.has(slug)).slice(0, MAX_TREND_CITIES);
	const dropped = wanted.filter((slug) => !chosen.includes(slug));

	// With both ends in the URL (every link and form of the page) the medians are read for the
	// span shown; without, for the whole history, since the default range needs the quarters
	// read in the same step.
	const span = request.from && request.to ? clampedRange(request.from, request.to) : null;
	const [available, medians, rows] = await Promise.all([
		loadTrendQuarters(db, viewer, field.id, kpiId, members),
		loadTrendMedians(db, viewer, field.id, kpiId, span, members),
		loadTrendRows(
			db,
			viewer,
			field.id,
			kpiId,
			chosen.map((slug) => bySlug.get(slug)!)
		)
	]);
	const fallback = defaultRange(available.length ? available : chosenField.quarters);
	const ends = [request.from ?? fallback?.from, request.to ?? fallback?.to];
	if (!ends[0] || !ends[1]) return { ...empty, chosen: [], dropped: [] };
	const { from, to } = clampedRange(ends[0], ends[1]);
	const trend = buildTrend({
		versions,
		cities,
		rows,
		medians,
		available,
		chosen,
		from,
		to,
		ownOrganisationIds: own,
		locale
	});
	return { ...empty, chosen, dropped, trend };
}

/** The range in order, at most MAX_TREND_QUARTERS long (a longer one keeps its end). */
function clampedRange(a: Quarter, b: Quarter): { from: Quarter; to: Quarter } {
	const [start, to] = [a, b].sort(compareQuarters) as [Quarter, Quarter];
	const earliest = shiftQuarter(to, -(MAX_TREND_QUARTERS - 1));
	return { from: compareQuarters(start, earliest) < 0 ? earliest : start, to };
}
