import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Status } from '$lib/domain/status/status';
import type { AppLocale } from '$lib/format/number';

export const locale = (): AppLocale => getLocale();

export const quarterLabel = (q: { year: number; quarter: number }) =>
	m.quarter_label({ year: String(q.year), quarter: String(q.quarter) });

export const statusLabel: Record<Status, () => string> = {
	green: m.status_green,
	yellow: m.status_yellow,
	red: m.status_red,
	no_data: m.status_no_data,
	no_target: m.status_no_target
};

export const stateLabel = {
	draft: m.state_draft,
	submitted: m.state_submitted,
	released: m.state_released
};
