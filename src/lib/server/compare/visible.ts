import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { measurements } from '../db/schema';
import { unreleasedOrganisations, type Viewer } from '../auth/viewer';

/**
 * The visibility rule for reads across cities, as one SQL condition: released values of every
 * city, and unreleased ones only of the viewer's own city. Every cross-city read uses it, so a
 * city's drafts never leave the database for anyone else.
 */
export function visibleValues(viewer: Viewer): SQL {
	const own = unreleasedOrganisations(viewer);
	const released = eq(measurements.state, 'released');
	return own.length ? or(released, inArray(measurements.organisationId, own))! : released;
}
