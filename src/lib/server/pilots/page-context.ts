import type { Viewer } from '../auth/viewer';
import type { FormEvent } from '../http/read-form';
import type { findFieldBySlug } from '../directory/field-queries';

/**
 * What the pilot page's actions hand on after the route's guard: the event (for the form and the
 * pilot id in the address), the viewer and the field the guard found.
 */
export interface PilotActionContext {
	event: FormEvent & { params: { id: string } };
	viewer: Extract<Viewer, { kind: 'user' }>;
	field: NonNullable<Awaited<ReturnType<typeof findFieldBySlug>>>;
}
