/**
 * Who is looking. Until accounts exist (issue 3) every visitor is anonymous and sees only
 * values a city has released to the ring.
 */
export type Viewer = { kind: 'anonymous' };

export type MeasurementState = 'draft' | 'submitted' | 'released';

/** Pure rule: which value states of an organisation the viewer may see. */
export function visibleStates(viewer: Viewer, _organisationId: number): MeasurementState[] {
	switch (viewer.kind) {
		case 'anonymous':
			return ['released'];
	}
}
