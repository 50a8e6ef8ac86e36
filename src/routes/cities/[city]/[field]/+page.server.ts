import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { loadScorecardPage } from '$lib/server/scorecards/scorecard-page';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const { city, field } = event.params;
	const scorecard = await loadScorecardPage(appDb(), viewer, city, field, getLocale());
	if (!scorecard) error(404, m.not_found_scorecard());
	const kpis = scorecard.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
	const requested = event.url.searchParams.get('kpi');
	const selected = kpis.find((k) => k.code === requested) ?? kpis.find((k) => k.latest) ?? kpis[0];
	const canEdit = can(viewer.principal, 'scorecard:write', {
		organisationId: scorecard.header.organisation.id
	});
	const canEnter = can(viewer.principal, 'measurement:read_unreleased', {
		organisationId: scorecard.header.organisation.id
	});
	return { scorecard, selectedCode: selected?.code ?? null, canEdit, canEnter };
};
