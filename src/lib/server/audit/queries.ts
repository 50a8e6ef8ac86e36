import { and, desc, eq, gte, ilike, inArray, like, lt, type SQL } from 'drizzle-orm';
import { auditLog, organisations, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { can, type Principal } from '../auth/permissions';
import { m } from '../../paraglide/messages';
import { redactEntry } from './redact';
import { escapeLike } from '../db/like';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Everything (admin), or only entries about the given cities (city leadership), with the reader
 * whose rights decide which content of an entry is shown (decision 0021).
 */
export type AuditScope = ({ kind: 'all' } | { kind: 'cities'; organisationIds: number[] }) & {
	reader: Principal;
};

/** The part of the log a person may read; null: none (403). */
export function auditScopeFor(reader: Principal): AuditScope | null {
	if (can(reader, 'audit:read_all')) return { kind: 'all', reader };
	const organisationIds = reader.roles
		.flatMap((r) => r.organisationId ?? [])
		.filter((organisationId) => can(reader, 'audit:read_own_city', { organisationId }));
	if (organisationIds.length === 0) return null;
	return { kind: 'cities', organisationIds: [...new Set(organisationIds)], reader };
}

export interface AuditFilters {
	/** Prefix of the action, e.g. `user.` or `auth.login`. */
	action?: string;
	/** Part of the acting user's e-mail address, case-insensitive. */
	email?: string;
	organisationId?: number;
	/** Inclusive start of the range. */
	from?: Date;
	/** Exclusive end of the range. */
	until?: Date;
}

export interface AuditRow {
	id: number;
	at: Date;
	action: string;
	entity: string;
	entityId: string | null;
	before: string | null;
	after: string | null;
	userEmail: string | null;
	organisationId: number | null;
	organisationName: string | null;
	/** Some content was replaced by "verborgen (nicht freigegeben)" for this reader. */
	redacted: boolean;
}

/**
 * One page of the log, newest first (ordered by `at`, so audit_log_at_idx, or with a city
 * scope audit_log_organisation_at_idx, serves it). One row more than a page is read to tell
 * whether a next page exists. Content about a city's unreleased values is replaced for a reader
 * who may not see them before it leaves this module, so no page, data or export can show it.
 */
export async function listAuditEntries(
	db: DbOrTx,
	scope: AuditScope,
	filters: AuditFilters,
	page = 1
): Promise<{ rows: AuditRow[]; hasNext: boolean }> {
	if (scope.kind === 'cities' && scope.organisationIds.length === 0)
		return { rows: [], hasNext: false };
	const conditions: (SQL | undefined)[] = [
		scope.kind === 'cities' ? inArray(auditLog.organisationId, scope.organisationIds) : undefined,
		filters.action ? like(auditLog.action, `${escapeLike(filters.action)}%`) : undefined,
		filters.email ? ilike(users.email, `%${escapeLike(filters.email)}%`) : undefined,
		filters.organisationId !== undefined
			? eq(auditLog.organisationId, filters.organisationId)
			: undefined,
		filters.from ? gte(auditLog.at, filters.from) : undefined,
		filters.until ? lt(auditLog.at, filters.until) : undefined
	];
	const rows = await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			before: auditLog.before,
			after: auditLog.after,
			userEmail: users.email,
			organisationId: auditLog.organisationId,
			organisationName: organisations.name
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.userId))
		.leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
		.where(and(...conditions))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((page - 1) * AUDIT_PAGE_SIZE);
	const marker = m.audit_redacted();
	return {
		rows: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => redactEntry(row, scope.reader, marker)),
		hasNext: rows.length > AUDIT_PAGE_SIZE
	};
}

/** Organisations that appear as filter choices: all of them, or the viewer's own cities. */
export async function auditOrganisationOptions(db: DbOrTx, scope: AuditScope) {
	return db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(scope.kind === 'cities' ? inArray(organisations.id, scope.organisationIds) : undefined)
		.orderBy(organisations.name);
}

/** before/after JSON as `key: value` lines for people; anything unparsable is shown as is. */
export function readableJson(text: string | null): string[] {
	if (text === null) return [];
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return [text];
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		return [JSON.stringify(value)];
	return Object.entries(value as Record<string, unknown>).map(
		([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`
	);
}
