import { visibleStatesFor, type MeasurementState, type Principal } from './permissions';

/** Who is looking: nobody logged in, or a person with their scoped roles. */
export type Viewer = { kind: 'anonymous' } | { kind: 'user'; principal: Principal };

export type { MeasurementState };

/** Pure rule: which value states of an organisation the viewer may see. */
export function visibleStates(viewer: Viewer, organisationId: number): MeasurementState[] {
	return viewer.kind === 'user' ? visibleStatesFor(viewer.principal, organisationId) : ['released'];
}
