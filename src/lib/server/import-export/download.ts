import { z } from 'zod';
import { text } from '../../schemas/text';
import { m } from '../../paraglide/messages';
import type { AppLocale, KpiUnit } from '../../format/number';
import { exportCsv, exportXlsx, type ExportLabels, type ExportRow } from '../tabular/export-file';
import { parseQuarterParam, type Quarter } from '../../domain/period/quarter';

/** `?format=csv|xlsx&q=2026-Q3|all` of the export and template links (the older `2026-3` too). */
export const downloadQuery = z.object({
	format: z.enum(['csv', 'xlsx']).default('csv'),
	q: text()
		.refine((q) => q === 'all' || parseQuarterParam(q) !== null)
		.optional()
});

export function downloadQuarter(q: string | undefined): Quarter | null {
	return q && q !== 'all' ? parseQuarterParam(q) : null;
}

function labels(locale: AppLocale): ExportLabels {
	const o = { locale };
	const units: Record<KpiUnit, () => string> = {
		percent: () => m.unit_percent({}, o),
		days: () => m.unit_days({}, o),
		hours: () => m.unit_hours({}, o),
		minutes: () => m.unit_minutes({}, o),
		seconds: () => m.unit_seconds({}, o),
		euro: () => m.unit_euro({}, o),
		count: () => m.unit_count({}, o),
		ratio: () => m.unit_ratio({}, o)
	};
	return {
		unit: (u) => units[u](),
		state: (s) =>
			s === 'released'
				? m.state_released({}, o)
				: s === 'submitted'
					? m.state_submitted({}, o)
					: m.state_draft({}, o)
	};
}

/** The rows as a download in the import's columns; the name says what and when. */
export async function fileResponse(
	rows: ExportRow[],
	options: {
		format: 'csv' | 'xlsx';
		locale: AppLocale;
		kind: 'values' | 'template';
		city: string;
		field: string;
		quarter: Quarter | null;
	}
): Promise<Response> {
	const { format, locale, quarter } = options;
	const word =
		options.kind === 'values'
			? m.export_filename_values({}, { locale })
			: m.export_filename_template({}, { locale });
	const period = quarter ? `-${quarter.year}-Q${quarter.quarter}` : '';
	const name = `ikz-${word}-${options.city}-${options.field}${period}.${format}`;
	const headers = {
		'content-disposition': `attachment; filename="${name}"`,
		'cache-control': 'no-store'
	};
	if (format === 'csv') {
		return new Response(exportCsv(rows, locale, labels(locale)), {
			headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }
		});
	}
	const bytes = await exportXlsx(rows, locale, labels(locale), word);
	return new Response(bytes as BodyInit, {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		}
	});
}
