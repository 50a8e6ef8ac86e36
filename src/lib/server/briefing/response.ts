import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import type { Viewer } from '../auth/viewer';
import { appDb } from '../db';
import { parseQuarterParam, quarterParam } from '../../domain/period/quarter';
import { loadBriefing } from './load';
import { briefingPdf } from './pdf';
import { briefingPptx } from './pptx';

const contentType = {
	pdf: 'application/pdf',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
};

/**
 * The briefing file for `/cities/<city>/briefing/<2026-Q2>.<pdf|pptx>`, after the route's guard:
 * 400 for a malformed quarter, 404 for an unknown city, otherwise the pack in the URL's language.
 */
export async function briefingResponse(
	viewer: Viewer,
	params: { city: string; quarter: string },
	format: 'pdf' | 'pptx'
): Promise<Response> {
	const quarter = parseQuarterParam(params.quarter);
	if (!quarter) error(400, m.briefing_bad_quarter());
	const locale = getLocale();
	const briefing = await loadBriefing(appDb(), viewer, { city: params.city, quarter }, locale);
	if (!briefing) error(404, m.not_found_city());
	const body =
		format === 'pdf' ? await briefingPdf(briefing, locale) : await briefingPptx(briefing, locale);
	const name = `briefing-${briefing.city.slug}-${quarterParam(quarter)}.${format}`;
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': contentType[format],
			// The PDF opens in the browser's viewer; the slides are saved for editing.
			'content-disposition': `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
}
