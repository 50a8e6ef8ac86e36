import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import {
	canSeeCompleteness,
	chosenQuarter,
	loadCompleteness,
	loadFieldDrilldown,
	reminderMailto,
	type NotDeliveredRow
} from '$lib/server/periods/completeness';
import { quarterIndex } from '$lib/domain/period/quarter';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/**
 * The ring-wide completeness of a quarter: admins, observers and field leads (see
 * canSeeCompleteness; city roles get 403). Only states are shown, never values.
 */
export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	if (!canSeeCompleteness(viewer.principal)) error(403, m.error_forbidden());
	const db = appDb();
	const { quarter, quarters } = await chosenQuarter(
		db,
		event.url.searchParams.get('q'),
		new Date()
	);
	const { matrix, notDelivered } = await loadCompleteness(db, quarter);
	const fieldSlug = event.url.searchParams.get('field');
	const field = fieldSlug ? matrix.fields.find((f) => f.slug === fieldSlug) : undefined;
	if (fieldSlug && !field) error(404, m.not_found_field());
	const drilldown = field ? await loadFieldDrilldown(db, field.id, quarter) : null;

	// One reminder per city, naming every field it still owes.
	const byCity = new Map<number, NotDeliveredRow[]>();
	for (const row of notDelivered) {
		byCity.set(row.organisationId, [...(byCity.get(row.organisationId) ?? []), row]);
	}
	const reminders = [...byCity.values()].map((rows) => ({
		organisationId: rows[0]!.organisationId,
		city: rows[0]!.city,
		contacts: rows[0]!.contacts,
		mailto: reminderMailto(rows, quarter),
		rows
	}));

	// A quarter asked for without any period still appears in the chooser.
	const options = quarters.some((q) => q.year === quarter.year && q.quarter === quarter.quarter)
		? quarters
		: [...quarters, { ...quarter, open: false }].sort((a, b) => quarterIndex(b) - quarterIndex(a));
	return { quarter, quarters: options, matrix, drilldown, reminders };
};
