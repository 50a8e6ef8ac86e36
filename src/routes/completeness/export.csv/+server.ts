import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { chosenQuarter, loadCompleteness } from '$lib/server/periods/completeness';
import { notDeliveredCsv, notDeliveredFileName } from '$lib/server/periods/export';
import { quarterLabel } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/** The "not delivered" list of a quarter (?q=2026-3) as CSV for German Excel; same readers as the page. */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'completeness:read');
	const db = appDb();
	const { quarter } = await chosenQuarter(db, event.url.searchParams.get('q'), new Date());
	const { notDelivered } = await loadCompleteness(db, quarter);
	const de = getLocale() === 'de';
	const csv = notDeliveredCsv(
		notDelivered,
		quarter,
		{
			city: m.completeness_csv_city(),
			field: m.completeness_csv_field(),
			quarter: m.completeness_csv_quarter(),
			deadline: m.completeness_csv_deadline(),
			kpis: m.completeness_csv_kpis(),
			missing: m.completeness_csv_missing(),
			draft: m.completeness_csv_draft(),
			submitted: m.completeness_csv_submitted(),
			released: m.completeness_csv_released(),
			contacts: m.completeness_csv_contacts()
		},
		(row) => (de ? row.fieldNameDe : row.fieldNameEn),
		quarterLabel
	);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${notDeliveredFileName(m.completeness_csv_filename(), quarter)}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
