import { kpiVersions } from '../db/schema';

/** The columns of a KPI definition ("Steckbrief") that every read of the catalogue needs. */
export const kpiDefinitionColumns = {
	validFromYear: kpiVersions.validFromYear,
	validFromQuarter: kpiVersions.validFromQuarter,
	nameDe: kpiVersions.nameDe,
	nameEn: kpiVersions.nameEn,
	definitionDe: kpiVersions.definitionDe,
	definitionEn: kpiVersions.definitionEn,
	unit: kpiVersions.unit,
	decimals: kpiVersions.decimals,
	polarity: kpiVersions.polarity,
	aggregation: kpiVersions.aggregation,
	denominator: kpiVersions.denominator,
	source: kpiVersions.source,
	plausibleChangePercent: kpiVersions.plausibleChangePercent,
	greenMin: kpiVersions.greenMin,
	greenMax: kpiVersions.greenMax,
	yellowMin: kpiVersions.yellowMin,
	yellowMax: kpiVersions.yellowMax
};
