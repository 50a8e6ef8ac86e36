import { sql } from 'drizzle-orm';
import { check, numeric, type PgColumn } from 'drizzle-orm/pg-core';

/** KPI values: exact decimals, 18 digits before and 6 after the comma. */
export const kpiNumeric = () => numeric({ precision: 24, scale: 6 });

/** Status bands shared by the field's common target and a city's yearly target. */
export const thresholdColumns = () => ({
	greenMin: kpiNumeric(),
	greenMax: kpiNumeric(),
	yellowMin: kpiNumeric(),
	yellowMax: kpiNumeric()
});

type Bands = { greenMin: PgColumn; greenMax: PgColumn; yellowMin: PgColumn; yellowMax: PgColumn };

/** Bands nest: yellow encloses green, and no band is inverted. */
export const thresholdChecks = (table: string, t: Bands) => [
	check(`${table}_green_order`, sql`${t.greenMin} <= ${t.greenMax}`),
	check(`${table}_yellow_below_green`, sql`${t.yellowMin} <= ${t.greenMin}`),
	check(`${table}_yellow_above_green`, sql`${t.yellowMax} >= ${t.greenMax}`),
	check(
		`${table}_yellow_needs_green`,
		sql`(${t.yellowMin} is null or ${t.greenMin} is not null) and (${t.yellowMax} is null or ${t.greenMax} is not null)`
	)
];

export const periodChecks = (
	table: string,
	year: PgColumn,
	quarter: PgColumn
): ReturnType<typeof check>[] => [
	check(`${table}_year_range`, sql`${year} between 2000 and 2100`),
	check(`${table}_quarter_range`, sql`${quarter} between 1 and 4`)
];
