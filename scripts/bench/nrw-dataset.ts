import { sql } from 'drizzle-orm';
import { measurements } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db/types';
import { SCALES, type BenchScale } from './scale';

/** NRW scale: 396 municipalities, 10 fields, 20 shared KPIs each, 40 quarters ≈ 3.2 million values. */
export const NRW = SCALES.nrw;

/**
 * Fills a database that holds the reference seed (13 cities, Städtetag, fields, catalogue) up to
 * NRW scale, inside PostgreSQL with generate_series (no row travels through Node): the 396
 * municipalities of the official directory with their populations, every one participating in every field, extra shared KPIs up
 * to 20 per field (the scale's `kpisPerField`), 40 closed quarters (its `quarters`), and one released value per municipality,
 * KPI and quarter. The stress scale (50 KPIs, 80 quarters) makes about 16 million.
 */
export async function generateNrwDataset(
	db: Db,
	scale: BenchScale = NRW
): Promise<{ measurements: number }> {
	const firstIndex = scale.lastYear * 4 + scale.lastQuarter - 1 - (scale.quarters - 1);
	await db.transaction(async (tx) => {
		// The real 396: every municipality of the official directory joins, with its Zensus 2022
		// inhabitants (the founding cities are members already).
		await tx.execute(sql`
			insert into organisations (ags, kind, name, slug)
			select m.ags, 'municipality', m.name, m.slug from municipalities m
			where not exists (select 1 from organisations o where o.ags = m.ags)
			on conflict do nothing`);
		await tx.execute(sql`
			insert into populations (organisation_id, reference_date, inhabitants, source)
			select o.id, p.reference_date, p.inhabitants, p.source
			from organisations o join municipality_populations p on p.ags = o.ags
			on conflict do nothing`);
		await tx.execute(sql`
			insert into field_participants (field_id, organisation_id)
			select f.id, o.id from cooperation_fields f cross join organisations o
			where o.kind <> 'association'
			on conflict do nothing`);
		await tx.execute(sql`
			insert into kpis (field_id, code, sort_order)
			select f.id, 'BENCH-' || f.id || '-' || n, 100 + n
			from cooperation_fields f
			cross join generate_series(1, ${scale.kpisPerField}::int) n
			where n > (select count(*) from kpis k where k.field_id = f.id and k.owner_organisation_id is null and k.code not like 'BENCH-%')
			on conflict do nothing`);
		await tx.execute(sql`
			insert into kpi_versions (kpi_id, valid_from_year, valid_from_quarter, name_de, name_en,
				definition_de, definition_en, unit, decimals, polarity, aggregation)
			select k.id, 2010, 1, 'Benchmark ' || k.code, 'Benchmark ' || k.code, 'Erzeugt', 'Generated',
				'percent', 1, 'higher_is_better', 'mean'
			from kpis k where k.code like 'BENCH-%'
			on conflict do nothing`);
		await tx.execute(sql`
			insert into reporting_periods (field_id, year, quarter, deadline, closed_at)
			select f.id, q / 4, q % 4 + 1, make_date(q / 4, 1, 1) + ((q % 4 + 1) * 3 + 1) * interval '1 month', now()
			from cooperation_fields f cross join generate_series(${firstIndex}::int, ${firstIndex + scale.quarters - 1}::int) q
			on conflict do nothing`);
		await tx.execute(sql`
			insert into measurements (organisation_id, kpi_id, kpi_version_id, year, quarter, value, state, released_at)
			select o.id, k.id, v.id, q / 4, q % 4 + 1,
				round((40 + (hashtext(o.slug || k.code || q) & 1023) / 20.0)::numeric, 1), 'released', now()
			from organisations o
			join field_participants p on p.organisation_id = o.id
			join kpis k on k.field_id = p.field_id and k.owner_organisation_id is null
			join lateral (select id from kpi_versions where kpi_id = k.id order by valid_from_year, valid_from_quarter limit 1) v on true
			cross join generate_series(${firstIndex}::int, ${firstIndex + scale.quarters - 1}::int) q
			on conflict do nothing`);
	});
	await db.execute(sql`vacuum analyze`);
	return { measurements: await db.$count(measurements) };
}
