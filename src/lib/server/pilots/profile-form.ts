import type { AppLocale } from '$lib/format/number';
import { formatNumberInput, parseLocaleNumber } from '$lib/format/parse-number';
import type { LoadedPilot } from './queries';
import type { KpiEffectInput } from './profile';

/**
 * The profile form's rows: one per shared KPI of the field, filled where the pilot already
 * links the KPI. Parallel lists, so the form works without JavaScript.
 */
export function profileFormData(
	pilot: LoadedPilot,
	kpis: readonly { id: number; code: string }[],
	locale: AppLocale
) {
	const linked = new Map(pilot.kpis.map((k) => [k.code, k]));
	return {
		version: pilot.version,
		title: pilot.title,
		description: pilot.description,
		leadOrganisationId: pilot.leadOrganisationId,
		partnerIds: pilot.partners.map((p) => p.organisationId),
		effectKpiIds: kpis.map((k) => k.id),
		effectChanges: kpis.map((k) => {
			const change = linked.get(k.code)?.expectedChangePercent;
			return change === null || change === undefined
				? ''
				: formatNumberInput(Number(change), locale);
		}),
		effectNotes: kpis.map((k) => linked.get(k.code)?.note ?? '')
	};
}

/** Rows with a figure or a note become links; the figure as decimal text with two places. */
export function effectsFromForm(
	data: { effectKpiIds: number[]; effectChanges: string[]; effectNotes: string[] },
	locale: AppLocale
): KpiEffectInput[] {
	return data.effectKpiIds.flatMap((kpiId, i) => {
		const change = (data.effectChanges[i] ?? '').trim();
		const note = (data.effectNotes[i] ?? '').trim();
		if (change === '' && note === '') return [];
		const n = change === '' ? null : parseLocaleNumber(change, locale);
		return [{ kpiId, expectedChangePercent: n === null ? null : n.toFixed(2), note }];
	});
}
