import { m } from '$lib/paraglide/messages';

/** Message lookups for the catalogue's enumerations. */
export const catalogueLabels = {
	unit: {
		percent: m.unit_percent,
		days: m.unit_days,
		hours: m.unit_hours,
		minutes: m.unit_minutes,
		seconds: m.unit_seconds,
		euro: m.unit_euro,
		count: m.unit_count,
		ratio: m.unit_ratio
	},
	polarity: {
		higher_is_better: m.polarity_higher_is_better,
		lower_is_better: m.polarity_lower_is_better,
		target_band: m.polarity_target_band
	},
	aggregation: { sum: m.aggregation_sum, mean: m.aggregation_mean, last: m.aggregation_last },
	denominator: {
		none: m.denominator_none,
		per_1000_inhabitants: m.denominator_per_1000_inhabitants,
		per_case: m.denominator_per_case
	}
};
