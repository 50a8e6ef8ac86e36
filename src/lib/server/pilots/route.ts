import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Viewer } from '../auth/viewer';
import { can } from '../auth/permissions';

type UserViewer = Extract<Viewer, { kind: 'user' }>;

/**
 * Working-group members may write pilots: `pilot:write` for the field, which the field lead
 * holds (decision 0013). Everyone logged in may read them.
 */
export const canWritePilots = (viewer: UserViewer, fieldId: number) =>
	can(viewer.principal, 'pilot:write', { fieldId });

/** The pilot id in the URL, or 404. */
export function pilotIdOf(param: string): number {
	const id = Number(param);
	if (!/^\d{1,9}$/.test(param) || !Number.isSafeInteger(id)) error(404, m.pilot_not_found());
	return id;
}

/** The viewer's own city (first city-scoped role), for "what it costs my city". */
export const ownCityOf = (viewer: UserViewer): number | null =>
	viewer.principal.roles.find((r) => r.organisationId !== null)?.organisationId ?? null;
