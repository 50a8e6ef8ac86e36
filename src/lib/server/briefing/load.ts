import type { DbOrTx } from '../db/types';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';
import { versionForQuarter } from '../../domain/scorecard/versions';
import { bandsFromStrings, hasTarget } from '../../domain/status/status';
import { shiftQuarter, type Quarter } from '../../domain/period/quarter';
import { quarterEndDate } from '../../domain/period/reporting-period';
import {
	keyKpis,
	movers,
	overviewRows,
	perspectiveColumns,
	positions,
	type OverviewInput
} from '../../domain/compare/overview';
import { attentionKpis, ringStanding } from '../../domain/briefing/select';
import type { Briefing, BriefingFactor, BriefingPilot } from '../../domain/briefing/types';
import { loadRingValues } from '../compare/overview-queries';
import { loadCityInputs } from './city-inputs';
import { loadValueNotes } from '../exchange/queries';
import { findFieldBySlug } from '../directory/field-queries';
import { listFieldPilots } from '../pilots/queries';
import { reviewRow } from '../pilots/review';
import { cityFactors, dataAsOf } from './queries';

/**
 * One city's briefing for one quarter, from the same reads as the overview, the comparison, the
 * exchange and the pilot review, each of which applies the viewer's visibility in SQL: a reader
 * from another city gets released values only, the city's own people also its drafts (marked).
 * Values after the quarter are left out, so the pack of a quarter stays the same later.
 * Unknown city: null.
 */
export async function loadBriefing(
	db: DbOrTx,
	viewer: Viewer,
	request: { city: string; quarter: Quarter },
	locale: 'de' | 'en',
	now: Date = new Date()
): Promise<Briefing | null> {
	const loaded = await loadCityInputs(db, viewer, request, locale);
	if (!loaded) return null;
	const { city, cityRows, inputs, versionsByKpi, kpiNames } = loaded;
	const own = unreleasedOrganisations(viewer).includes(city.organisationId);

	const keys = keyKpis(
		inputs,
		(kpiId, q) => {
			const version = versionForQuarter(versionsByKpi.get(kpiId) ?? [], q);
			return {
				versionId: version?.id ?? -1,
				hasTarget: hasTarget(version ? bandsFromStrings(version) : null)
			};
		},
		own
	);
	const attention = attentionKpis(inputs, own);
	const fieldSlugs = [...new Set(inputs.map((i) => i.field.slug))];
	const [ring, asOf, factorRows, notes, fieldPilots] = await Promise.all([
		loadRingValues(db, viewer, keys),
		dataAsOf(db, viewer, city.organisationId, request.quarter),
		cityFactors(
			db,
			viewer,
			city.organisationId,
			shiftQuarter(request.quarter, -1),
			request.quarter
		),
		Promise.all(
			attention.map((a) =>
				loadValueNotes(db, viewer, {
					organisationId: city.organisationId,
					kpiId: a.kpiId,
					...a.quarter
				})
			)
		),
		Promise.all(fieldSlugs.map((slug) => pilotsOfField(db, slug, city.organisationId, inputs)))
	]);

	const cityNames = new Map(cityRows.map((r) => [r.organisationId, r.name]));
	const standings = positions(keys, ring).map((p) =>
		ringStanding(p, ring, cityNames, city.organisationId)
	);
	const rows = overviewRows(inputs);
	const factors: BriefingFactor[] = factorRows.flatMap((f) => {
		const kpi = kpiNames.get(f.kpiId);
		return kpi
			? [
					{
						field: kpi.field,
						code: f.code,
						name: kpi.name,
						quarter: { year: f.year, quarter: f.quarter },
						kind: f.kind,
						explanation: f.explanation,
						estimatedEffect: f.estimatedEffect
					}
				]
			: [];
	});
	return {
		city: { slug: city.slug, name: city.name },
		quarter: request.quarter,
		own,
		reportingDate: quarterEndDate(request.quarter),
		dataAsOf: asOf,
		printedAt: now,
		columns: perspectiveColumns(rows),
		rows,
		attention: attention.map((a, i) => ({
			...a,
			notes: (notes[i] ?? []).map((n) => ({
				kind: n.kind,
				body: n.body,
				authorName: n.authorName,
				writtenAt: n.createdAt
			}))
		})),
		...movers(inputs, own),
		fields: inputs.map((i) => ({
			field: i.field.name,
			standings: standings.filter((s) => s.field.slug === i.field.slug)
		})),
		pilots: fieldPilots.flat(),
		factors
	};
}

/** The pilots of one of the city's fields with their economics (coordination data: all may read). */
async function pilotsOfField(
	db: DbOrTx,
	slug: string,
	organisationId: number,
	inputs: readonly OverviewInput[]
): Promise<BriefingPilot[]> {
	const field = await findFieldBySlug(db, slug);
	if (!field) return [];
	const name = inputs.find((i) => i.field.slug === slug)?.field.name ?? slug;
	const pilots = await listFieldPilots(db, field.id);
	return pilots.map((p) => {
		const row = reviewRow(p);
		return {
			field: name,
			title: row.title,
			status: row.status,
			leadName: row.leadName,
			lead: p.leadOrganisationId === organisationId,
			startYear: row.startYear,
			endYear: row.endYear,
			npvPlanned: row.npvPlanned,
			plannedBenefitsToDate: row.plannedBenefitsToDate,
			realisedBenefits: row.realisedBenefits,
			lastActualYear: row.lastActualYear
		};
	});
}
