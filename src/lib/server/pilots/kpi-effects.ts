import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import {
	fieldParticipants,
	kpiVersions,
	kpis,
	measurements,
	pilotKpis,
	pilotPartners
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import { kpiEffect, type GroupEffect } from '$lib/domain/pilots/kpi-effect';
import type { KpiUnit } from '$lib/format/number';

export interface PilotKpiEffect {
	code: string;
	unit: KpiUnit;
	decimals: number;
	/** For a percentage KPI, in percentage points. */
	expectedChangePercent: number | null;
	partners: GroupEffect;
	others: GroupEffect;
}

/**
 * For the review page: each linked KPI of each pilot, partner cities vs the field's other cities
 * before and after the pilot start. Released values only (the same figures for every viewer; a
 * city's drafts never reach another city). Three queries for the whole field.
 */
export async function kpiEffectsOfField(
	db: DbOrTx,
	fieldId: number,
	pilots: readonly { id: number; startsOn: string | null }[]
): Promise<Map<number, PilotKpiEffect[]>> {
	const ids = pilots.map((p) => p.id);
	const result = new Map<number, PilotKpiEffect[]>();
	if (ids.length === 0) return result;
	const [links, partners, participants] = await Promise.all([
		db
			.select({
				pilotId: pilotKpis.pilotId,
				kpiId: pilotKpis.kpiId,
				code: kpis.code,
				expected: pilotKpis.expectedChangePercent
			})
			.from(pilotKpis)
			.innerJoin(kpis, eq(kpis.id, pilotKpis.kpiId))
			.where(inArray(pilotKpis.pilotId, ids))
			.orderBy(asc(kpis.code)),
		db
			.select({ pilotId: pilotPartners.pilotId, organisationId: pilotPartners.organisationId })
			.from(pilotPartners)
			.where(inArray(pilotPartners.pilotId, ids)),
		db
			.select({ organisationId: fieldParticipants.organisationId })
			.from(fieldParticipants)
			.where(eq(fieldParticipants.fieldId, fieldId))
	]);
	const starts = pilots.flatMap((p) => (p.startsOn ? [Number(p.startsOn.slice(0, 4))] : []));
	if (links.length === 0 || starts.length === 0) return result;
	const kpiIds = [...new Set(links.map((l) => l.kpiId))];
	// The unit and decimals of each KPI's latest definition: they say how a change is read.
	const versions = await db
		.select({ kpiId: kpiVersions.kpiId, unit: kpiVersions.unit, decimals: kpiVersions.decimals })
		.from(kpiVersions)
		.where(inArray(kpiVersions.kpiId, kpiIds))
		.orderBy(asc(kpiVersions.validFromYear), asc(kpiVersions.validFromQuarter));
	const latest = new Map(versions.map((v) => [v.kpiId, v]));
	const rows = await db
		.select({
			organisationId: measurements.organisationId,
			kpiId: measurements.kpiId,
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value
		})
		.from(measurements)
		.where(
			and(
				inArray(measurements.kpiId, kpiIds),
				eq(measurements.state, 'released'),
				gte(measurements.year, Math.min(...starts) - 1)
			)
		);
	const fieldCities = participants.map((p) => p.organisationId);
	for (const pilot of pilots) {
		if (!pilot.startsOn) continue;
		const partnerIds = partners.filter((p) => p.pilotId === pilot.id).map((p) => p.organisationId);
		const otherIds = fieldCities.filter((id) => !partnerIds.includes(id));
		const start = {
			year: Number(pilot.startsOn.slice(0, 4)),
			quarter: Math.floor((Number(pilot.startsOn.slice(5, 7)) - 1) / 3) + 1
		};
		result.set(
			pilot.id,
			links
				.filter((l) => l.pilotId === pilot.id)
				.map((l) => {
					const values = rows
						.filter((r) => r.kpiId === l.kpiId)
						.map((r) => ({ ...r, value: Number(r.value) }));
					const { unit, decimals } = latest.get(l.kpiId) ?? { unit: 'count' as const, decimals: 1 };
					const effect = kpiEffect({ values, partnerIds, otherIds, start, unit });
					return {
						code: l.code,
						unit,
						decimals,
						expectedChangePercent: l.expected === null ? null : Number(l.expected),
						partners: effect.partners,
						others: effect.others
					};
				})
		);
	}
	return result;
}
