import { error } from '@sveltejs/kit';
import { requireCapabilitySomewhere } from '$lib/server/auth/guards';
import {
	AUDIT_PAGE_SIZE,
	auditOrganisationOptions,
	auditScopeFor,
	listAuditEntries,
	readableJson
} from '$lib/server/audit/queries';
import { appDb } from '$lib/server/db';
import { berlinMidnight } from '$lib/domain/period/deadline';
import { auditFilterSchema } from '$lib/schemas/admin';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

function nextDay(isoDate: string): string {
	const d = new Date(`${isoDate}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

export const load: PageServerLoad = async (event) => {
	const viewer = requireCapabilitySomewhere(event, 'audit:read_all', 'audit:read_own_city');
	const scope = auditScopeFor(viewer.principal);
	if (!scope) error(403, m.error_forbidden());

	const raw = Object.fromEntries(
		['action', 'email', 'organisation', 'from', 'to', 'page'].flatMap((key) => {
			const value = event.url.searchParams.get(key);
			return value === null ? [] : [[key, value]];
		})
	);
	const db = appDb();
	const organisations = await auditOrganisationOptions(db, scope);
	const parsed = auditFilterSchema.safeParse(raw);
	const values = {
		action: raw.action ?? '',
		email: raw.email ?? '',
		organisation: raw.organisation ?? '',
		from: raw.from ?? '',
		to: raw.to ?? ''
	};
	if (!parsed.success) {
		return {
			scopeKind: scope.kind,
			organisations,
			values,
			problems: parsed.error.issues.map((issue) => ({
				field: String(issue.path[0] ?? ''),
				message: issue.message
			})),
			entries: [],
			anyRedacted: false,
			page: 1,
			hasNext: false,
			pageSize: AUDIT_PAGE_SIZE
		};
	}
	const filters = parsed.data;
	const page = filters.page ?? 1;
	const { rows, hasNext } = await listAuditEntries(
		db,
		scope,
		{
			action: filters.action,
			email: filters.email,
			organisationId: filters.organisation,
			from: filters.from ? berlinMidnight(filters.from) : undefined,
			until: filters.to ? berlinMidnight(nextDay(filters.to)) : undefined
		},
		page
	);
	return {
		scopeKind: scope.kind,
		organisations,
		values,
		problems: [],
		entries: rows.map((row) => ({
			id: row.id,
			at: row.at.toISOString(),
			action: row.action,
			entity: row.entity,
			entityId: row.entityId,
			userEmail: row.userEmail,
			organisationName: row.organisationName,
			before: readableJson(row.before),
			after: readableJson(row.after)
		})),
		anyRedacted: rows.some((row) => row.redacted),
		page,
		hasNext,
		pageSize: AUDIT_PAGE_SIZE
	};
};
