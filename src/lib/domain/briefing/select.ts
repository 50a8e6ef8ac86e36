import { compareQuarters, type Quarter } from '../period/quarter';
import { distributionOf } from '../statistics/distribution';
import { rankByPolarity } from '../statistics/ranking';
import type { KeyKpiPosition, OverviewInput } from '../compare/overview';
import type { CityValueRow } from '../compare/types';
import type { AttentionKpi, RingStanding, RingValue } from './types';
import { travellingNote } from '../notes/travel';

/** The values a briefing of `quarter` may use: nothing reported later (a pack stays reproducible). */
export const upTo = <T extends Quarter>(values: readonly T[], quarter: Quarter): T[] =>
	values.filter((v) => compareQuarters(v, quarter) <= 0);

/**
 * The KPIs the mayors' round talks about: red ones first, then amber, each group worst score
 * first, with the city's comment on the value where it travels (`travellingNote`; the values
 * are already those the reader may see, `ownCity` says whether unreleased ones among them are
 * the reader's own). Notes are added by the server.
 */
export function attentionKpis(
	inputs: readonly OverviewInput[],
	ownCity: boolean
): Omit<AttentionKpi, 'notes'>[] {
	const out: Omit<AttentionKpi, 'notes'>[] = [];
	for (const { field, scorecard } of inputs) {
		for (const p of scorecard?.perspectives ?? [])
			for (const o of p.objectives)
				for (const k of o.kpis) {
					const latest = k.latest;
					if ((k.status !== 'red' && k.status !== 'yellow') || !latest || latest.value === null)
						continue;
					out.push({
						field: field.name,
						perspective: p.name,
						kpiId: k.kpiId,
						code: k.code,
						name: k.name,
						unit: k.unit,
						decimals: k.decimals,
						quarter: { year: latest.year, quarter: latest.quarter },
						value: latest.value,
						state: latest.state,
						status: k.status,
						score: k.score,
						comment: travellingNote({ ...latest, status: k.status }, ownCity) ?? ''
					});
				}
	}
	const order = { red: 0, yellow: 1 };
	return out.sort((a, b) => order[a.status] - order[b.status] || (a.score ?? 0) - (b.score ?? 0));
}

/**
 * A key KPI against the ring's released values of its quarter and definition: the spread
 * (QUARTILE.INC, as on the comparison page) and the city's rank among the other cities' released
 * values plus its own (an unreleased own value is ranked but, as everywhere, not counted in the
 * median). No rank for a target band.
 */
export function ringStanding(
	position: KeyKpiPosition,
	ring: readonly CityValueRow[],
	cityNames: ReadonlyMap<number, string>,
	ownOrganisationId: number
): RingStanding {
	const others: RingValue[] = ring
		.filter(
			(r) =>
				r.kpiId === position.kpiId &&
				r.year === position.quarter.year &&
				r.quarter === position.quarter.quarter &&
				r.state === 'released' &&
				r.kpiVersionId === position.versionId &&
				r.organisationId !== ownOrganisationId
		)
		.map((r) => ({
			city: cityNames.get(r.organisationId) ?? String(r.organisationId),
			value: Number(r.value),
			own: false
		}));
	const own: RingValue = {
		city: cityNames.get(ownOrganisationId) ?? '',
		value: position.value,
		own: true
	};
	const values = [...others, own].sort((a, b) => a.value - b.value);
	const ranked = others.length ? rankByPolarity(values, (v) => v.value, position.polarity) : null;
	const released = ring.filter(
		(r) =>
			r.kpiId === position.kpiId &&
			r.year === position.quarter.year &&
			r.quarter === position.quarter.quarter &&
			r.state === 'released' &&
			r.kpiVersionId === position.versionId
	);
	return {
		...position,
		distribution: distributionOf(released.map((r) => Number(r.value))),
		rank: ranked?.find((r) => r.item.own)?.rank ?? null,
		rankOf: values.length,
		values
	};
}
