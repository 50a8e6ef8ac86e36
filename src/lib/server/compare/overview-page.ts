import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { assembleScorecard } from '../../domain/scorecard/assemble';
import { versionAt } from '../../domain/scorecard/versions';
import { bandsFromStrings, hasTarget } from '../../domain/status/status';
import { compareQuarters, type Quarter } from '../../domain/period/quarter';
import type { StructureRow, TargetRow, VersionRow } from '../../domain/scorecard/types';
import {
	keyKpis,
	movers,
	overviewRows,
	perspectiveColumns,
	positions,
	type OverviewInput
} from '../../domain/compare/overview';
import {
	loadCitiesWithScorecards,
	loadCityStructure,
	loadCityValues,
	loadRingValues,
	type CityKey,
	type CityStructureRow
} from './overview-queries';
import type { OverviewRequest } from './overview-request';
import type { OverviewPage } from '../../types/compare';
import { localized } from '../../format/local-name';

export type { OverviewPage };

/** One scorecard's share of the combined structure read, as the scorecard assembly takes it. */
export function splitStructure(rows: CityStructureRow[]) {
	const structure = new Map<string, StructureRow>();
	const versions = new Map<number, VersionRow>();
	const targets = new Map<string, TargetRow>();
	for (const r of rows) {
		structure.set(`${r.perspectiveId}|${r.objectiveId}|${r.scorecardKpiId}`, {
			perspectiveId: r.perspectiveId,
			perspectiveKey: r.perspectiveKey,
			perspectiveNameDe: r.perspectiveNameDe,
			perspectiveNameEn: r.perspectiveNameEn,
			objectiveId: r.objectiveId,
			objectiveTitle: r.objectiveTitle,
			objectiveDescription: r.objectiveDescription,
			objectiveOwner: r.objectiveOwner,
			scorecardKpiId: r.scorecardKpiId,
			kpiId: r.kpiId,
			kpiCode: r.kpiCode,
			kpiIsLocal: r.kpiIsLocal,
			weight: r.weight
		});
		if (r.versionId !== null && r.kpiId !== null) {
			versions.set(r.versionId, {
				id: r.versionId,
				kpiId: r.kpiId,
				validFromYear: r.validFromYear!,
				validFromQuarter: r.validFromQuarter!,
				nameDe: r.nameDe!,
				nameEn: r.nameEn!,
				definitionDe: r.definitionDe!,
				definitionEn: r.definitionEn!,
				unit: r.unit!,
				decimals: r.decimals!,
				polarity: r.polarity!,
				aggregation: r.aggregation!,
				denominator: r.denominator!,
				source: r.source!,
				plausibleChangePercent: r.plausibleChangePercent,
				greenMin: r.greenMin,
				greenMax: r.greenMax,
				yellowMin: r.yellowMin,
				yellowMax: r.yellowMax
			});
		}
		if (r.targetYear !== null && r.scorecardKpiId !== null) {
			targets.set(`${r.scorecardKpiId}|${r.targetYear}`, {
				scorecardKpiId: r.scorecardKpiId,
				year: r.targetYear,
				greenMin: r.targetGreenMin,
				greenMax: r.targetGreenMax,
				yellowMin: r.targetYellowMin,
				yellowMax: r.targetYellowMax
			});
		}
	}
	return {
		structure: [...structure.values()],
		versions: [...versions.values()],
		targets: [...targets.values()]
	};
}

/**
 * The city across all its scorecards in four reads, however many fields: cities with their
 * scorecards, the structure of all scorecards (with definitions and targets), the city's values
 * (all three at once), then the ring's values of the key KPIs. Each scorecard is assembled and
 * rolled up as on its own page, so the overview never disagrees with it. Unknown city: null.
 */
export async function loadOverviewPage(
	db: DbOrTx,
	viewer: Viewer,
	request: OverviewRequest,
	locale: 'de' | 'en'
): Promise<OverviewPage | null> {
	const ownIds = unreleasedOrganisations(viewer);
	const key: CityKey | null = request.city
		? { slug: request.city }
		: ownIds[0] !== undefined
			? { id: ownIds[0] }
			: null;
	const [cityRows, structureRows, values] = await Promise.all([
		loadCitiesWithScorecards(db),
		key ? loadCityStructure(db, key) : Promise.resolve([]),
		key ? loadCityValues(db, viewer, key) : Promise.resolve([])
	]);
	const cities = [
		...new Map(cityRows.map((r) => [r.slug, { slug: r.slug, name: r.name }])).values()
	];
	const mine = key
		? cityRows.filter((r) => ('id' in key ? r.organisationId === key.id : r.slug === key.slug))
		: [];
	const empty: OverviewPage = {
		cities,
		city: null,
		own: false,
		asOf: null,
		rows: [],
		columns: [],
		improvements: [],
		declines: [],
		positions: []
	};
	if (!mine[0]) return request.city ? null : empty;

	const byScorecard = new Map<number, CityStructureRow[]>();
	for (const r of structureRows) {
		const list = byScorecard.get(r.scorecardId) ?? [];
		list.push(r);
		byScorecard.set(r.scorecardId, list);
	}
	const versionsByKpi = new Map<number, VersionRow[]>();
	const inputs: OverviewInput[] = mine.flatMap((r): OverviewInput[] => {
		if (r.scorecardId === null || r.fieldSlug === null) return [];
		const field = {
			slug: r.fieldSlug,
			name: localized(r, 'fieldName', locale) ?? r.fieldSlug
		};
		const rows = byScorecard.get(r.scorecardId);
		if (!rows) return [{ field, scorecard: null }];
		const parts = splitStructure(rows);
		for (const v of parts.versions) {
			versionsByKpi.set(v.kpiId, [...(versionsByKpi.get(v.kpiId) ?? []), v]);
		}
		const kpiIds = new Set(parts.structure.map((s) => s.kpiId));
		const measurements = values.filter((v) => kpiIds.has(v.kpiId));
		return [{ field, scorecard: assembleScorecard({ ...parts, measurements, locale }) }];
	});

	const own = ownIds.includes(mine[0].organisationId);
	const keys = keyKpis(
		inputs,
		(kpiId, q) => {
			const version = versionAt(versionsByKpi.get(kpiId) ?? [], q);
			return {
				versionId: version?.id ?? -1,
				hasTarget: hasTarget(version ? bandsFromStrings(version) : null)
			};
		},
		own
	);
	const ring = await loadRingValues(db, viewer, keys);
	const rows = overviewRows(inputs);
	const asOf = rows.reduce<Quarter | null>(
		(max, r) =>
			r.latestQuarter && (!max || compareQuarters(r.latestQuarter, max) > 0)
				? r.latestQuarter
				: max,
		null
	);
	return {
		cities,
		city: { slug: mine[0].slug, name: mine[0].name },
		own,
		asOf,
		rows,
		columns: perspectiveColumns(rows),
		...movers(inputs, own),
		positions: positions(keys, ring)
	};
}
