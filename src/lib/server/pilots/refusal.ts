import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatNumber } from '$lib/format/number';
import type { Refusal } from './write';

/** The refusal in the user's language; `cityName` names cities in it. */
export function refusalMessage(refusal: Refusal, cityName: (id: number) => string): string {
	switch (refusal.code) {
		case 'year_negative':
			return m.pilot_year_negative();
		case 'year_invalid':
			return m.pilot_year_invalid();
		case 'criterion_name_invalid':
			return m.pilot_criterion_name_invalid();
		case 'criterion_name_taken':
			return m.pilot_criterion_name_taken();
		case 'weight_invalid':
			return m.pilot_weight_invalid();
		case 'weights_not_100':
			return m.pilot_weights_not_100({ sum: String(refusal.sum) });
		case 'years_reversed':
			return m.pilot_years_reversed();
		case 'rate_out_of_range':
			return m.pilot_rate_range();
		case 'shares_not_100':
			return m.pilot_shares_not_100({
				sum: formatNumber(refusal.sumHundredths / 100, getLocale(), 2)
			});
		case 'basis_missing':
			return m.pilot_basis_missing({ city: cityName(refusal.organisationId) });
		case 'line_outside_years':
			return m.pilot_line_outside_years({
				year: String(refusal.year),
				start: String(refusal.startYear),
				end: String(refusal.endYear)
			});
		case 'city_not_partner':
			return m.pilot_city_not_partner({ city: cityName(refusal.organisationId) });
		case 'city_not_participant':
			return m.pilot_city_not_participant();
		case 'title_taken':
			return m.pilot_title_taken();
		case 'lines_outside':
			return m.pilot_lines_outside({ years: refusal.years.join(', ') });
		case 'partners_break_key':
			return m.pilot_partners_break_key();
		case 'kpi_not_shared':
			return m.pilot_kpi_not_shared();
		case 'stale':
		case 'not_found':
			return m.pilot_stale();
	}
}
