import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { appDb } from '../db';
import { findCityBySlug } from '../directory/queries';
import { findFieldBySlug } from '../directory/field-queries';
import { requireUser } from './guards';
import { can, type Capability } from './permissions';

/**
 * Guards for routes about one city or one field: the scope is in the URL, so the guard finds it
 * and checks the capability there in the same call. Unknown slug → 404; known, but the capability
 * is missing there → 403. What they return is the viewer and the scope they checked, so the route
 * works on exactly the city or field the permission was granted for.
 */
type GuardEvent = Pick<RequestEvent, 'locals' | 'url'>;

export async function requireCityCapability(
	event: GuardEvent,
	citySlug: string,
	capability: Capability
) {
	const viewer = requireUser(event);
	const city = await findCityBySlug(appDb(), citySlug);
	if (!city) error(404, m.not_found_city());
	if (!can(viewer.principal, capability, { organisationId: city.id })) {
		error(403, m.error_forbidden());
	}
	return { viewer, city };
}

export async function requireFieldCapability(
	event: GuardEvent,
	fieldSlug: string,
	capability: Capability
) {
	const viewer = requireUser(event);
	const field = await findFieldBySlug(appDb(), fieldSlug);
	if (!field) error(404, m.not_found_field());
	if (!can(viewer.principal, capability, { fieldId: field.id })) error(403, m.error_forbidden());
	return { viewer, field };
}
