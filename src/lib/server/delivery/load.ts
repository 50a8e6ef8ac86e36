/**
 * The database side of planning a delivery: a fixed number of set-based reads for the whole
 * batch, never one per row. Catalogue: cities and fields (small tables, read whole), the KPIs
 * with the codes the rows name, their definitions and the city's targets. State: periods,
 * stored values and previous-quarter values for exactly the keys the rows resolved to; in a
 * commit the periods are locked FOR SHARE and the values FOR UPDATE, as the entry grid does.
 */
import { and, inArray } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { cooperationFields, kpiVersions, organisations, targets } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { bandsFromStrings } from '../../domain/status/status';
import { cityTargetsByKpi } from '../../domain/status/targets';
import {
	normaliseCode,
	normaliseName,
	type Catalog,
	type CityRef,
	type FieldRef,
	type KpiCandidate,
	type StoredState,
	type StoredValue
} from '../../domain/delivery/plan-model';
import type { DeliveryRow, ValueState } from '../../domain/delivery/types';
import { jsonParam, selectRows } from './sql';
import { targetRowColumns } from '../scorecards/structure-columns';

export async function loadCatalog(
	db: DbOrTx,
	organisationId: number,
	rows: DeliveryRow[],
	onlyFieldId: number | null
): Promise<Catalog> {
	const codes = [...new Set(rows.map((r) => normaliseCode(String(r.kpi ?? ''))))].filter(Boolean);
	const [orgs, fields, kpiRows] = await Promise.all([
		db
			.select({
				id: organisations.id,
				slug: organisations.slug,
				name: organisations.name,
				ags: organisations.ags
			})
			.from(organisations),
		db
			.select({
				id: cooperationFields.id,
				slug: cooperationFields.slug,
				nameDe: cooperationFields.nameDe,
				nameEn: cooperationFields.nameEn
			})
			.from(cooperationFields),
		// Shared KPIs and the city's own local ones; another city's local KPI stays unknown.
		selectRows<{ id: number; code: string; field_id: number; scorecard_kpi_id: number | null }>(
			db,
			sql`select k.id, k.code, k.field_id,
				(select sk.id from scorecard_kpis sk
					join objectives o on o.id = sk.objective_id
					join perspectives p on p.id = o.perspective_id
					join scorecards s on s.id = p.scorecard_id
					where sk.kpi_id = k.id and sk.archived_at is null
						and s.organisation_id = ${organisationId} and s.field_id = k.field_id
					order by sk.id limit 1) as scorecard_kpi_id
				from kpis k
				where k.code in (select jsonb_array_elements_text(${jsonParam(codes)}))
					and (k.owner_organisation_id is null or k.owner_organisation_id = ${organisationId})`
		)
	]);
	const kpiIds = kpiRows.map((k) => Number(k.id));
	const scorecardKpiIds = kpiRows
		.map((k) => k.scorecard_kpi_id)
		.filter((id): id is number => id !== null)
		.map(Number);
	const [versions, targetRows] = await Promise.all([
		kpiIds.length
			? db
					.select({
						id: kpiVersions.id,
						kpiId: kpiVersions.kpiId,
						validFromYear: kpiVersions.validFromYear,
						validFromQuarter: kpiVersions.validFromQuarter,
						unit: kpiVersions.unit,
						decimals: kpiVersions.decimals,
						polarity: kpiVersions.polarity,
						plausibleChangePercent: kpiVersions.plausibleChangePercent,
						greenMin: kpiVersions.greenMin,
						greenMax: kpiVersions.greenMax,
						yellowMin: kpiVersions.yellowMin,
						yellowMax: kpiVersions.yellowMax
					})
					.from(kpiVersions)
					.where(inArray(kpiVersions.kpiId, kpiIds))
			: Promise.resolve([]),
		scorecardKpiIds.length
			? db
					.select(targetRowColumns)
					.from(targets)
					.where(and(inArray(targets.scorecardKpiId, scorecardKpiIds)))
			: Promise.resolve([])
	]);

	const cities = new Map<string, CityRef>();
	for (const o of orgs) {
		const ref = { id: o.id, slug: o.slug };
		cities.set(normaliseName(o.name), ref);
		if (o.ags) cities.set(o.ags, ref);
	}
	// Slugs last: they win over a name that happens to look like another city's slug.
	for (const o of orgs) cities.set(o.slug, { id: o.id, slug: o.slug });
	const fieldMap = new Map<string, FieldRef>();
	const fieldsById = new Map<number, FieldRef>();
	for (const f of fields) {
		const ref = { id: f.id, slug: f.slug };
		fieldMap.set(normaliseName(f.nameDe), ref);
		fieldMap.set(normaliseName(f.nameEn), ref);
		fieldsById.set(f.id, ref);
	}
	for (const f of fields) fieldMap.set(f.slug, { id: f.id, slug: f.slug });

	const targetsBySk = cityTargetsByKpi(targetRows);
	const kpis = new Map<string, KpiCandidate[]>();
	for (const k of kpiRows) {
		const kpiId = Number(k.id);
		const sk = k.scorecard_kpi_id === null ? null : Number(k.scorecard_kpi_id);
		const candidate: KpiCandidate = {
			kpiId,
			code: k.code,
			fieldId: Number(k.field_id),
			onScorecard: sk !== null,
			versions: versions
				.filter((v) => v.kpiId === kpiId)
				.map((v) => ({
					id: v.id,
					validFromYear: v.validFromYear,
					validFromQuarter: v.validFromQuarter,
					unit: v.unit,
					decimals: v.decimals,
					polarity: v.polarity,
					plausibleChangePercent: v.plausibleChangePercent,
					bands: bandsFromStrings(v)
				})),
			targets: (sk !== null && targetsBySk.get(sk)) || new Map()
		};
		const list = kpis.get(k.code) ?? [];
		list.push(candidate);
		kpis.set(k.code, list);
	}
	return { organisationId, cities, fields: fieldMap, fieldsById, kpis, onlyFieldId };
}

interface Keys {
	periods: { fieldId: number; year: number; quarter: number }[];
	values: { kpiId: number; year: number; quarter: number }[];
	previous: { kpiId: number; year: number; quarter: number }[];
}

interface ValueRow {
	id: string | number;
	kpi_id: number;
	year: number;
	quarter: number;
	value: string;
	comment: string;
	state: ValueState;
	version: number;
}

const k = (kpiId: number, year: number, quarter: number) => `${kpiId}|${year}|${quarter}`;

/**
 * Periods and stored values for the keys. With `lock`, in this order (as the entry grid):
 * periods FOR SHARE (closing a quarter waits for the delivery), then the values FOR UPDATE in
 * id order (two deliveries touching the same values queue instead of deadlocking).
 */
export async function loadStoredState(
	db: DbOrTx,
	organisationId: number,
	keys: Keys,
	lock: boolean
): Promise<StoredState> {
	const periodRows = await selectRows<{
		field_id: number;
		year: number;
		quarter: number;
		closed: boolean;
	}>(
		db,
		sql`select rp.field_id, rp.year, rp.quarter, rp.closed_at is not null as closed
			from reporting_periods rp
			join jsonb_to_recordset(${jsonParam(keys.periods)}) as x("fieldId" int, year int, quarter int)
				on rp.field_id = x."fieldId" and rp.year = x.year and rp.quarter = x.quarter
			${lock ? sql`for share of rp` : sql``}`
	);
	const valuesQuery = (list: Keys['values'], forUpdate: boolean) =>
		selectRows<ValueRow>(
			db,
			sql`select m.id, m.kpi_id, m.year, m.quarter, m.value, m.comment, m.state, m.version
				from measurements m
				join jsonb_to_recordset(${jsonParam(list)}) as x("kpiId" int, year int, quarter int)
					on m.kpi_id = x."kpiId" and m.year = x.year and m.quarter = x.quarter
				where m.organisation_id = ${organisationId}
				${forUpdate ? sql`order by m.id for update of m` : sql``}`
		);
	const stored = keys.values.length ? await valuesQuery(keys.values, lock) : [];
	const previous = keys.previous.length ? await valuesQuery(keys.previous, false) : [];

	const periods = new Map<string, 'open' | 'closed'>();
	for (const p of periodRows) {
		periods.set(`${p.field_id}|${p.year}|${p.quarter}`, isTrue(p.closed) ? 'closed' : 'open');
	}
	const values = new Map<string, StoredValue>();
	for (const v of stored) {
		values.set(k(v.kpi_id, v.year, v.quarter), {
			id: Number(v.id),
			value: Number(v.value),
			comment: v.comment,
			state: v.state,
			version: v.version
		});
	}
	const prev = new Map<string, number>();
	for (const v of previous) prev.set(k(v.kpi_id, v.year, v.quarter), Number(v.value));
	return { periods, values, previous: prev };
}

/** Booleans from a raw statement: true on both drivers, 't' on some. */
const isTrue = (v: unknown) => v === true || v === 't';
