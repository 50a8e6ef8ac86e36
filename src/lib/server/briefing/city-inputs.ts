import type { DbOrTx } from '../db/types';
import type { Viewer } from '../auth/viewer';
import { assembleScorecard } from '../../domain/scorecard/assemble';
import type { Quarter } from '../../domain/period/quarter';
import type { OverviewInput } from '../../domain/compare/overview';
import type { VersionRow } from '../../domain/scorecard/types';
import { upTo } from '../../domain/briefing/select';
import {
	loadCitiesWithScorecards,
	loadCityStructure,
	loadCityValues,
	type CityStructureRow
} from '../compare/overview-queries';
import { splitStructure } from '../compare/overview-page';

/** One city's scorecards of every field as of a quarter, scored, with what the reads also gave. */
export interface CityInputs {
	city: { organisationId: number; slug: string; name: string };
	cityRows: Awaited<ReturnType<typeof loadCitiesWithScorecards>>;
	inputs: OverviewInput[];
	versionsByKpi: Map<number, VersionRow[]>;
	kpiNames: Map<number, { field: string; name: string }>;
}

/**
 * One city's scorecards as of a quarter in three statements, each applying the viewer's
 * visibility in SQL (another city's reader gets released values only). Shared by the briefing and
 * the tasks ("red values without a note"). Unknown city: null.
 */
export async function loadCityInputs(
	db: DbOrTx,
	viewer: Viewer,
	request: { city: string; quarter: Quarter },
	locale: 'de' | 'en'
): Promise<CityInputs | null> {
	const key = { slug: request.city };
	const [cityRows, structureRows, allValues] = await Promise.all([
		loadCitiesWithScorecards(db),
		loadCityStructure(db, key),
		loadCityValues(db, viewer, key)
	]);
	const mine = cityRows.filter((r) => r.slug === request.city);
	const city = mine[0];
	if (!city) return null;
	const values = upTo(allValues, request.quarter);

	const byScorecard = new Map<number, CityStructureRow[]>();
	for (const r of structureRows)
		byScorecard.set(r.scorecardId, [...(byScorecard.get(r.scorecardId) ?? []), r]);
	const versionsByKpi = new Map<number, VersionRow[]>();
	const kpiNames = new Map<number, { field: string; name: string }>();
	const inputs: OverviewInput[] = mine.flatMap((r): OverviewInput[] => {
		if (r.scorecardId === null || r.fieldSlug === null) return [];
		const field = {
			slug: r.fieldSlug,
			name: (locale === 'de' ? r.fieldNameDe : r.fieldNameEn) ?? r.fieldSlug
		};
		const rows = byScorecard.get(r.scorecardId);
		if (!rows) return [{ field, scorecard: null }];
		const parts = splitStructure(rows);
		for (const v of parts.versions)
			versionsByKpi.set(v.kpiId, [...(versionsByKpi.get(v.kpiId) ?? []), v]);
		const kpiIds = new Set(parts.structure.map((s) => s.kpiId));
		const measurements = values.filter((v) => kpiIds.has(v.kpiId));
		const scorecard = assembleScorecard({ ...parts, measurements, locale });
		for (const p of scorecard.perspectives)
			for (const o of p.objectives)
				for (const k of o.kpis) kpiNames.set(k.kpiId, { field: field.name, name: k.name });
		return [{ field, scorecard }];
	});
	return {
		city: { organisationId: city.organisationId, slug: city.slug, name: city.name },
		cityRows,
		inputs,
		versionsByKpi,
		kpiNames
	};
}
