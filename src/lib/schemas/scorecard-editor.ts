import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { parseLocaleNumber } from '$lib/format/parse-number';

/**
 * Forms of the scorecard editor. Every form carries the scorecard version it was read at
 * (optimistic locking). Numbers are typed as text and read in the user's locale ("1,5" in
 * German), so they stay strings here and are converted with `readNumber` after validation.
 */
const version = z.int32().min(0);
const id = z.int32().positive();
const direction = z.enum(['up', 'down']);

export const readNumber = (s: string): number | null => parseLocaleNumber(s, getLocale());

const requiredText = (max: number) =>
	text()
		.trim()
		.min(1, { error: () => m.editor_required() })
		.max(max, { error: () => m.editor_too_long({ max: String(max) }) });
const optionalText = (max: number) =>
	text()
		.trim()
		.max(max, { error: () => m.editor_too_long({ max: String(max) }) })
		.default('');

export const MAX_WEIGHT = 1000;
/** A weight: a positive number up to 1,000 with at most two decimals (as stored). */
const weight = text()
	.trim()
	.refine(
		(s) => {
			const n = readNumber(s);
			return n !== null && n > 0 && n <= MAX_WEIGHT && Math.round(n * 100) === n * 100;
		},
		{ error: () => m.editor_weight_invalid({ max: String(MAX_WEIGHT) }) }
	);
/** An optional band bound: empty, or a number in the user's locale. */
const bound = text()
	.trim()
	.default('')
	.refine((s) => s === '' || readNumber(s) !== null, { error: () => m.editor_number_invalid() });
const year = z
	.int32({ error: () => m.editor_year_invalid() })
	.min(2000, { error: () => m.editor_year_invalid() })
	.max(2100, { error: () => m.editor_year_invalid() });
const isoDate = text()
	.trim()
	.default('')
	.refine((s) => s === '' || /^\d{4}-\d{2}-\d{2}$/.test(s), {
		error: () => m.editor_date_invalid()
	});

export const missionSchema = z.object({ version, mission: optionalText(2000) });
export const perspectiveSchema = z.object({
	version,
	nameDe: requiredText(120),
	nameEn: optionalText(120)
});
export const renamePerspectiveSchema = perspectiveSchema.extend({ perspectiveId: id });
export const movePerspectiveSchema = z.object({ version, perspectiveId: id, direction });
export const deletePerspectiveSchema = z.object({ version, perspectiveId: id });

export const objectiveSchema = z.object({
	version,
	perspectiveId: id,
	title: requiredText(200),
	description: optionalText(2000),
	owner: optionalText(120)
});
export const updateObjectiveSchema = objectiveSchema.extend({ objectiveId: id });
export const moveObjectiveSchema = z.object({ version, objectiveId: id, direction });
export const deleteObjectiveSchema = z.object({ version, objectiveId: id });

export const addSharedKpiSchema = z.object({
	version,
	objectiveId: id,
	kpiId: z.int32({ error: () => m.editor_kpi_required() }).positive(),
	weight
});
export const kpiUnits = [
	'percent',
	'days',
	'hours',
	'minutes',
	'seconds',
	'euro',
	'count',
	'ratio'
] as const;
export const kpiPolarities = ['higher_is_better', 'lower_is_better', 'target_band'] as const;
export const kpiAggregations = ['sum', 'mean', 'last'] as const;
export const addLocalKpiSchema = z.object({
	version,
	objectiveId: id,
	code: text()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, { error: () => m.editor_code_invalid() }),
	nameDe: requiredText(200),
	nameEn: optionalText(200),
	definitionDe: requiredText(4000),
	unit: z.enum(kpiUnits),
	decimals: z.int32().min(0).max(4),
	polarity: z.enum(kpiPolarities),
	aggregation: z.enum(kpiAggregations),
	validFromYear: year,
	weight
});
export const weightSchema = z.object({ version, scorecardKpiId: id, weight });
export const scorecardKpiSchema = z.object({ version, scorecardKpiId: id });

export const targetSchema = z.object({
	version,
	scorecardKpiId: id,
	year,
	greenMin: bound,
	greenMax: bound,
	yellowMin: bound,
	yellowMax: bound
});
export const clearTargetSchema = z.object({ version, scorecardKpiId: id, year });
export const copyTargetsSchema = z.object({ version, fromYear: year });

export const initiativeStatuses = ['planned', 'running', 'completed', 'stopped'] as const;
const initiativeFields = {
	version,
	title: requiredText(200),
	owner: optionalText(120),
	startsOn: isoDate,
	endsOn: isoDate,
	status: z.enum(initiativeStatuses),
	notes: optionalText(4000)
};
const datesInOrder = (v: { startsOn: string; endsOn: string }) =>
	v.startsOn === '' || v.endsOn === '' || v.endsOn >= v.startsOn;
const datesError = { error: () => m.editor_dates_order(), path: ['endsOn'] };
export const initiativeSchema = z
	.object({ ...initiativeFields, objectiveId: id })
	.refine(datesInOrder, datesError);
export const updateInitiativeSchema = z
	.object({ ...initiativeFields, initiativeId: id })
	.refine(datesInOrder, datesError);
export const deleteInitiativeSchema = z.object({ version, initiativeId: id });
export const adoptTemplateSchema = z.object({ version });
