import { pilotEconomics } from '$lib/domain/pilots/summary';
import { strategicTotal, meetsThreshold, strategicThreshold } from '$lib/domain/pilots/strategic';
import { formatNumberInput } from '$lib/format/parse-number';
import type { AppLocale } from '$lib/format/number';
import type { LoadedPilot } from './queries';
import { currentGates } from './review';

/** What the pilot page shows, computed from the loaded pilot (no further queries). */
export function pilotView(pilot: LoadedPilot, ownCityId: number | null) {
	const economics = pilotEconomics({
		lines: pilot.lines,
		discounting: pilot.discounting,
		endYear: pilot.endYear,
		key: pilot.allocationKey,
		partners: pilot.partners.map((p) => ({
			organisationId: p.organisationId,
			inhabitants: p.inhabitants,
			cases: p.caseCount,
			sharePercent: p.sharePercent
		}))
	});
	const total = strategicTotal(pilot.criteria);
	return {
		economics,
		ownCityId,
		currentGates: Object.fromEntries(currentGates(pilot.gates)),
		strategic: {
			total,
			threshold: strategicThreshold,
			met: meetsThreshold(total)
		}
	};
}

/** The settings form as the person last saw the pilot, numbers written in their language. */
export function settingsFormData(pilot: LoadedPilot, locale: AppLocale) {
	return {
		version: pilot.version,
		status: pilot.status,
		startYear: String(pilot.startYear),
		endYear: String(pilot.endYear),
		allocationKey: pilot.allocationKey,
		rate: formatNumberInput(pilot.discounting.ratePercent, locale),
		baseYear: pilot.baseYear === null ? '' : String(pilot.baseYear),
		partnerIds: pilot.partners.map((p) => p.organisationId),
		cases: pilot.partners.map((p) => (p.caseCount === null ? '' : String(p.caseCount))),
		shares: pilot.partners.map((p) =>
			p.sharePercent === null ? '' : formatNumberInput(Number(p.sharePercent), locale)
		)
	};
}

/** The yearly line `?editLine=` names, as its in-place form shows it; null when there is none. */
export function lineEditFormData(pilot: LoadedPilot, param: string | null, locale: AppLocale) {
	const line = param === null ? undefined : pilot.lines.find((l) => String(l.id) === param);
	if (!line) return null;
	return {
		lineId: line.id,
		version: pilot.version,
		year: String(line.year),
		scenario: line.scenario,
		kind: line.kind,
		amount: formatNumberInput(line.amountCents / 100, locale),
		budgetRelevant: line.budgetRelevant,
		label: line.label
	};
}
