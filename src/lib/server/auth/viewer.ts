import { visibleStatesFor, type MeasurementState, type Principal } from './permissions';

/** Who is looking: nobody logged in, or a person with their scoped roles. */
export type Viewer = { kind: 'anonymous' } | { kind: 'user'; principal: Principal };

export type { MeasurementState };

/** Pure rule: which value states of an organisation the viewer may see. */
export function visibleStates(viewer: Viewer, organisationId: number): MeasurementState[] {
	return viewer.kind === 'user' ? visibleStatesFor(viewer.principal, organisationId) : ['released'];
}

/**
 * The organisations whose unreleased values the viewer may see, for reads across many cities
 * (comparison, heatmap, trends): there the rule becomes `released OR organisation IN (…)` in SQL.
 */
export function unreleasedOrganisations(viewer: Viewer): number[] {
	if (viewer.kind !== 'user') return [];
	const ids = viewer.principal.roles
		.map((r) => r.organisationId)
		.filter((id): id is number => id !== null);
	return [...new Set(ids)].filter(
		(organisationId) => visibleStatesFor(viewer.principal, organisationId).length > 1
	);
}
