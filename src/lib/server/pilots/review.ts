import { pilotEconomics } from '$lib/domain/pilots/summary';
import type { listFieldPilots } from './queries';

type ListedPilot = Awaited<ReturnType<typeof listFieldPilots>>[number];

/** The current (latest) gate decision per criterion; history stays on the pilot page. */
export function currentGates<G extends { criterion: string; createdAt: Date }>(
	gates: readonly G[]
) {
	const latest = new Map<string, G>();
	for (const g of gates) {
		const seen = latest.get(g.criterion);
		if (!seen || g.createdAt > seen.createdAt) latest.set(g.criterion, g);
	}
	return latest;
}

/** One row of the review page: status, planned NPV, gates, planned vs realised benefits. */
export function reviewRow(p: ListedPilot) {
	const economics = pilotEconomics({
		lines: p.lines,
		discounting: p.discounting,
		endYear: p.endYear,
		key: p.allocationKey,
		partners: []
	});
	const actualYears = p.lines.filter((l) => l.scenario === 'actual').map((l) => l.year);
	const lastActual = actualYears.length ? Math.max(...actualYears) : null;
	// Realised benefits against what the plan promised for the same years.
	const benefits = (scenario: 'planned' | 'actual') =>
		p.lines
			.filter(
				(l) =>
					l.scenario === scenario &&
					l.kind === 'benefit' &&
					lastActual !== null &&
					l.year <= lastActual
			)
			.reduce((s, l) => s + l.amountCents, 0);
	const gates = currentGates(p.gates);
	return {
		id: p.id,
		title: p.title,
		status: p.status,
		leadName: p.leadName,
		startYear: p.startYear,
		endYear: p.endYear,
		npvPlanned: economics.planned.hasLines ? economics.planned.npv.total : null,
		gates: Object.fromEntries(
			[...gates].map(([criterion, g]) => [criterion, { rating: g.rating, decision: g.decision }])
		),
		plannedBenefitsToDate: lastActual === null ? null : benefits('planned'),
		realisedBenefits: lastActual === null ? null : benefits('actual'),
		lastActualYear: lastActual
	};
}
