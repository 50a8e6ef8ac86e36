import { auditLog } from '../db/schema';
import type { DbOrTx } from '../db/types';

export interface AuditEntry {
	userId: number | null;
	organisationId?: number | null;
	action: string;
	entity: string;
	entityId?: string | null;
	before?: unknown;
	after?: unknown;
}

/** Pass the transaction of the change itself, so the entry and the change stand or fall together. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
	await db.insert(auditLog).values({
		userId: entry.userId,
		organisationId: entry.organisationId ?? null,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId ?? null,
		before: entry.before === undefined ? null : JSON.stringify(entry.before),
		after: entry.after === undefined ? null : JSON.stringify(entry.after)
	});
}
