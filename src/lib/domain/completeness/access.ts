/**
 * Who sees the ring-wide completeness overview (heatmap, drill-down, "not delivered" list and
 * its CSV): the ring's coordinators, i.e. admins, observers (Deutscher Städtetag) and field
 * leads, each for every city and field. It shows delivery states and their counts, never values.
 * City roles (controller, approver, city leadership) do not: the page is about the other cities'
 * progress, and their own city's state is on their entry grid. See docs/decisions/0010.
 */
const coordinatorRoles = new Set(['admin', 'observer', 'field_lead']);

export const canSeeCompleteness = (principal: { roles: readonly { role: string }[] }) =>
	principal.roles.some((r) => coordinatorRoles.has(r.role));
