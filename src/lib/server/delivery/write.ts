import { sql } from 'drizzle-orm';
import type { Tx } from '../db/types';
import type { WriteOp } from '../../domain/delivery/plan-model';
import { chunks, jsonParam } from './sql';

/** Rows per statement: about 1 MB of JSON, so memory stays flat for 100,000 rows. */
export const WRITE_CHUNK = 5000;

/**
 * Writes the planned rows as drafts in a few multi-row statements (JSON → jsonb_to_recordset),
 * inside the caller's transaction. Values go as decimal strings, so numeric(24,6) gets exactly
 * the number that was planned.
 */
export async function writeOps(
	tx: Tx,
	ops: WriteOp[],
	scope: { organisationId: number; userId: number }
): Promise<void> {
	const inserts: Extract<WriteOp, { op: 'insert' }>[] = [];
	const updates: Extract<WriteOp, { op: 'update' }>[] = [];
	const deletes: number[] = [];
	for (const op of ops) {
		if (op.op === 'insert') inserts.push(op);
		else if (op.op === 'update') updates.push(op);
		else deletes.push(op.id);
	}
	for (const part of chunks(inserts, WRITE_CHUNK)) {
		const rows = part.map((o) => ({
			kpiId: o.kpiId,
			kpiVersionId: o.kpiVersionId,
			year: o.year,
			quarter: o.quarter,
			value: String(o.value),
			comment: o.comment
		}));
		await tx.execute(sql`insert into measurements
			(organisation_id, kpi_id, kpi_version_id, year, quarter, value, comment, updated_by)
			select ${scope.organisationId}, x."kpiId", x."kpiVersionId", x.year, x.quarter, x.value,
				x.comment, ${scope.userId}
			from jsonb_to_recordset(${jsonParam(rows)}) as x("kpiId" int, "kpiVersionId" int,
				year smallint, quarter smallint, value numeric, comment text)`);
	}
	for (const part of chunks(updates, WRITE_CHUNK)) {
		const rows = part.map((o) => ({
			id: o.id,
			kpiVersionId: o.kpiVersionId,
			value: String(o.value),
			comment: o.comment
		}));
		// Only drafts are updated: the state condition holds under the row locks already taken.
		await tx.execute(sql`update measurements m set
				value = x.value, comment = x.comment, kpi_version_id = x."kpiVersionId",
				version = m.version + 1, updated_by = ${scope.userId}, updated_at = now()
			from jsonb_to_recordset(${jsonParam(rows)}) as x(id bigint, "kpiVersionId" int,
				value numeric, comment text)
			where m.id = x.id and m.state = 'draft'`);
	}
	for (const part of chunks(deletes, WRITE_CHUNK)) {
		await tx.execute(sql`delete from measurements
			where state = 'draft'
				and id in (select (jsonb_array_elements_text(${jsonParam(part)}))::bigint)`);
	}
}
