import type { AllocationKey } from './types';

export interface PartnerBasis {
	organisationId: number;
	inhabitants: number | null;
	cases: number | null;
	/** Fixed share as a decimal string with up to two places ("33.34"), for the fixed key. */
	sharePercent: string | null;
}

/** "33.34" → 3334 hundredths of a percent; null when not a plain decimal with ≤ 2 places. */
export function percentToHundredths(value: string): number | null {
	const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(value.trim());
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Whether fixed shares sum to exactly 100 % (compared in integer hundredths, no float). */
export function fixedSharesSumTo100(partners: readonly PartnerBasis[]): boolean {
	let sum = 0;
	for (const p of partners) {
		const h = p.sharePercent === null ? null : percentToHundredths(p.sharePercent);
		if (h === null) return false;
		sum += h;
	}
	return sum === 10_000;
}

/** The integer weight of each partner under the key (fixed shares in hundredths of a percent). */
export function weightsFor(key: AllocationKey, partners: readonly PartnerBasis[]): number[] {
	return partners.map((p) => {
		switch (key) {
			case 'equal':
				return 1;
			case 'per_inhabitant':
				return p.inhabitants ?? 0;
			case 'per_case':
				return p.cases ?? 0;
			case 'fixed':
				return p.sharePercent === null ? 0 : (percentToHundredths(p.sharePercent) ?? 0);
		}
	});
}

/**
 * Splits whole cents by integer weights with the largest-remainder method, so the shares sum to
 * the total exactly. Ties go to the earlier partner. BigInt because cents × inhabitants can pass
 * 2^53. A negative total is split as its amount and the sign put back. Null when the weights sum
 * to zero (nothing to split by).
 */
export function splitCents(totalCents: number, weights: readonly number[]): number[] | null {
	const weightSum = weights.reduce((s, w) => s + BigInt(w), 0n);
	if (weightSum <= 0n) return null;
	const sign = totalCents < 0 ? -1 : 1;
	const total = BigInt(Math.abs(Math.round(totalCents)));
	const exact = weights.map((w) => total * BigInt(w));
	const floors = exact.map((e) => e / weightSum);
	let left = total - floors.reduce((s, f) => s + f, 0n);
	const order = exact
		.map((e, i) => ({ i, rest: e % weightSum }))
		.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
	const extra = new Set<number>();
	for (const { i } of order) {
		if (left === 0n) break;
		extra.add(i);
		left -= 1n;
	}
	return floors.map((f, i) => sign * Number(f + (extra.has(i) ? 1n : 0n)) + 0);
}

export interface CityShare {
	organisationId: number;
	costs: number;
	benefits: number;
	net: number;
}

/** What the pilot costs and saves each partner: costs and benefits split, net = benefits − costs. */
export function allocate(
	key: AllocationKey,
	partners: readonly PartnerBasis[],
	totals: { costs: number; benefits: number }
): CityShare[] | null {
	const weights = weightsFor(key, partners);
	const costs = splitCents(totals.costs, weights);
	const benefits = splitCents(totals.benefits, weights);
	if (!costs || !benefits) return null;
	return partners.map((p, i) => {
		const cost = costs[i] ?? 0;
		const benefit = benefits[i] ?? 0;
		return {
			organisationId: p.organisationId,
			costs: cost,
			benefits: benefit,
			net: benefit - cost
		};
	});
}
