import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';
import type { AppLocale } from '$lib/format/number';
import { fractionDigits, parseLocaleNumber } from '$lib/format/parse-number';
import { bandProblems, type BandProblem, type Bands } from '$lib/domain/status/status';

/**
 * Forms of the field leads' catalogue editor ("Kennzahlen-Steckbrief"). Numbers stay text as
 * typed ("1.234,5" in German, "1,234.5" in English), so a refused form shows exactly what was
 * entered; the schema checks that they parse in the locale, the server converts them afterwards.
 */

export const unitValues = [
	'percent',
	'days',
	'hours',
	'minutes',
	'seconds',
	'euro',
	'count',
	'ratio'
] as const;
export const polarityValues = ['higher_is_better', 'lower_is_better', 'target_band'] as const;
export const aggregationValues = ['sum', 'mean', 'last'] as const;
export const denominatorValues = ['none', 'per_1000_inhabitants', 'per_case'] as const;
export const decimalValues = [0, 1, 2, 3, 4] as const;
export const quarterValues = [1, 2, 3, 4] as const;
export const editModes = ['correct', 'version'] as const;
export type EditMode = (typeof editModes)[number];

export type Polarity = (typeof polarityValues)[number];
export const bandFields = ['greenMin', 'greenMax', 'yellowMin', 'yellowMax'] as const;
export type BandField = (typeof bandFields)[number];

/** Same rule as the database's kpis_code_format check; lower case is accepted and raised. */
export const KPI_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** Largest magnitude accepted for a band: well inside numeric(24, 6) and exact as a double. */
const MAX_MAGNITUDE = 1e15;
const MAX_DECIMALS = 6;
const SMALLINT_MAX = 32767;

const requiredText = (max: number) =>
	text({ error: () => m.catalogue_editor_required() })
		.trim()
		.min(1, { error: () => m.catalogue_editor_required() })
		.max(max, { error: () => m.catalogue_editor_too_long({ max: String(max) }) });

const optionalText = (max: number) =>
	text()
		.trim()
		.max(max, { error: () => m.catalogue_editor_too_long({ max: String(max) }) })
		.default('');

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.catalogue_editor_choose() });

const intChoice = (min: number, max: number) =>
	z
		.number({ error: () => m.catalogue_editor_choose() })
		.int({ error: () => m.catalogue_editor_choose() })
		.min(min, { error: () => m.catalogue_editor_choose() })
		.max(max, { error: () => m.catalogue_editor_choose() });

/** A number typed in the locale, or empty (no bound). */
const localeNumber = (locale: AppLocale) =>
	text()
		.trim()
		.max(40, { error: () => m.catalogue_editor_number_invalid() })
		.default('')
		.superRefine((value, ctx) => {
			if (value === '') return;
			const n = parseLocaleNumber(value, locale);
			if (n === null)
				ctx.addIssue({ code: 'custom', message: m.catalogue_editor_number_invalid() });
			else if (Math.abs(n) >= MAX_MAGNITUDE)
				ctx.addIssue({ code: 'custom', message: m.catalogue_editor_number_too_large() });
			else if (fractionDigits(value, locale) > MAX_DECIMALS)
				ctx.addIssue({ code: 'custom', message: m.catalogue_editor_number_too_precise() });
		});

const plausibleChange = (locale: AppLocale) =>
	text()
		.trim()
		.max(40, { error: () => m.catalogue_editor_plausible_invalid() })
		.default('')
		.refine(
			(value) => {
				if (value === '') return true;
				const n = parseLocaleNumber(value, locale);
				return n !== null && Number.isInteger(n) && n >= 1 && n <= SMALLINT_MAX;
			},
			{ error: () => m.catalogue_editor_plausible_invalid() }
		);

const yearText = text()
	.trim()
	.default('')
	.refine((v) => /^\d{4}$/.test(v) && Number(v) >= 2000 && Number(v) <= 2100, {
		error: () => m.catalogue_editor_year_invalid()
	});

/** Bands from the typed text; unparseable text counts as empty (its own error is shown). */
export function bandsFromText(
	data: Record<BandField, string>,
	locale: AppLocale
): Bands & { complete: boolean } {
	const read = (s: string) => (s.trim() === '' ? null : parseLocaleNumber(s, locale));
	const bands = {
		greenMin: read(data.greenMin),
		greenMax: read(data.greenMax),
		yellowMin: read(data.yellowMin),
		yellowMax: read(data.yellowMax)
	};
	const complete = bandFields.every((f) => data[f].trim() === '' || bands[f] !== null);
	return { ...bands, complete };
}

/** Problems of a common target; none when no band is given (a field need not agree a target). */
export function targetProblems(polarity: Polarity, bands: Bands): BandProblem[] {
	if (bandFields.every((f) => bands[f] === null)) return [];
	return bandProblems(polarity, bands);
}

/** Each band problem as a message next to the field it is about. */
export function bandErrors(
	polarity: Polarity,
	bands: Bands,
	problems: readonly BandProblem[]
): { field: BandField; message: string }[] {
	const errors: { field: BandField; message: string }[] = [];
	for (const problem of problems) {
		switch (problem) {
			case 'target_missing':
				if (polarity === 'higher_is_better')
					errors.push({ field: 'greenMin', message: m.catalogue_editor_band_missing_min() });
				else if (polarity === 'lower_is_better')
					errors.push({ field: 'greenMax', message: m.catalogue_editor_band_missing_max() });
				else
					errors.push({
						field: bands.greenMin === null ? 'greenMin' : 'greenMax',
						message: m.catalogue_editor_band_missing_corridor()
					});
				break;
			case 'bound_not_allowed': {
				const [fields, message] =
					polarity === 'higher_is_better'
						? [['greenMax', 'yellowMax'] as const, m.catalogue_editor_band_no_max()]
						: [['greenMin', 'yellowMin'] as const, m.catalogue_editor_band_no_min()];
				for (const field of fields) if (bands[field] !== null) errors.push({ field, message });
				break;
			}
			case 'green_inverted':
				errors.push({ field: 'greenMax', message: m.catalogue_editor_band_green_inverted() });
				break;
			case 'yellow_inside_green':
				if (bands.yellowMin !== null && bands.greenMin !== null && bands.yellowMin > bands.greenMin)
					errors.push({ field: 'yellowMin', message: m.catalogue_editor_band_yellow_min() });
				if (bands.yellowMax !== null && bands.greenMax !== null && bands.yellowMax < bands.greenMax)
					errors.push({ field: 'yellowMax', message: m.catalogue_editor_band_yellow_max() });
				break;
		}
	}
	return errors;
}

const definitionShape = (locale: AppLocale) => ({
	nameDe: requiredText(200),
	nameEn: requiredText(200),
	definitionDe: requiredText(4000),
	definitionEn: requiredText(4000),
	unit: choice(unitValues),
	decimals: intChoice(0, 4),
	polarity: choice(polarityValues),
	aggregation: choice(aggregationValues),
	denominator: choice(denominatorValues),
	source: optionalText(500),
	plausibleChangePercent: plausibleChange(locale),
	greenMin: localeNumber(locale),
	greenMax: localeNumber(locale),
	yellowMin: localeNumber(locale),
	yellowMax: localeNumber(locale)
});

/** Adds the band problems of the whole form as issues on the band fields. */
const checkBands =
	(locale: AppLocale) =>
	(
		value: { polarity: Polarity } & Record<BandField, string>,
		ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void }
	) => {
		const bands = bandsFromText(value, locale);
		if (!bands.complete) return;
		for (const { field, message } of bandErrors(
			value.polarity,
			bands,
			targetProblems(value.polarity, bands)
		)) {
			ctx.addIssue({ code: 'custom', path: [field], message });
		}
	};

function buildCreateSchema(locale: AppLocale) {
	return z
		.object({
			code: text()
				.trim()
				.refine((v) => KPI_CODE_PATTERN.test(normaliseCode(v)), {
					error: () => m.catalogue_editor_code_invalid()
				}),
			...definitionShape(locale),
			validFromYear: yearText,
			validFromQuarter: intChoice(1, 4)
		})
		.superRefine(checkBands(locale));
}

function buildEditSchema(locale: AppLocale) {
	return z
		.object({
			mode: choice(editModes),
			...definitionShape(locale),
			// Only read for a new version; a correction keeps the latest version's quarter.
			validFromYear: text().trim().default(''),
			validFromQuarter: intChoice(1, 4),
			expectedVersion: z.int32().min(1)
		})
		.superRefine(checkBands(locale))
		.superRefine((value, ctx) => {
			if (value.mode !== 'version') return;
			const year = yearText.safeParse(value.validFromYear);
			if (!year.success)
				ctx.addIssue({
					code: 'custom',
					path: ['validFromYear'],
					message: m.catalogue_editor_year_invalid()
				});
		});
}

// One schema per locale, so the validation adapter (cached per schema) is built only once.
const createSchemas = new Map<AppLocale, ReturnType<typeof buildCreateSchema>>();
const editSchemas = new Map<AppLocale, ReturnType<typeof buildEditSchema>>();

/** The "new KPI" form, numbers read in the given locale. */
export function createKpiSchema(locale: AppLocale) {
	let schema = createSchemas.get(locale);
	if (!schema) createSchemas.set(locale, (schema = buildCreateSchema(locale)));
	return schema;
}

/** The Steckbrief form: a correction in place or a new version from a quarter on. */
export function editKpiSchema(locale: AppLocale) {
	let schema = editSchemas.get(locale);
	if (!schema) editSchemas.set(locale, (schema = buildEditSchema(locale)));
	return schema;
}

export type CreateKpiForm = z.infer<ReturnType<typeof buildCreateSchema>>;
export type EditKpiForm = z.infer<ReturnType<typeof buildEditSchema>>;
export type DefinitionForm = z.infer<z.ZodObject<ReturnType<typeof definitionShape>>>;

/** Archive, restore or delete of a KPI: the lock version the buttons were rendered with. */
export const kpiLifecycleSchema = z.object({ expectedVersion: z.int32().positive() });
