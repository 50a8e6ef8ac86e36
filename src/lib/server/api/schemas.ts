import { z } from 'zod';
import { text } from '../../schemas/text';
import { m } from '../../paraglide/messages';
import type { DeliveryErrorCode } from '../../domain/delivery/types';
import type { EntryWarning } from '../../domain/entry/plausibility';
import {
	kpiAggregation,
	kpiDenominator,
	kpiPolarity,
	kpiUnit,
	measurementState
} from '../db/schema/enums';
import { apiErrorCodes } from './errors';

/**
 * The API's requests and answers as zod schemas: requests are validated with them, answers are
 * typed by them and tests check real answers against them; the OpenAPI document is generated
 * from them (openapi.ts). `meta.id` names a reusable component there.
 */

/** At most this many values per delivery; a city delivers about a hundred per quarter. */
export const API_BATCH_MAX = 10_000;
export const API_COMMENT_MAX = 2000;

const year = z.int().min(2000).max(2100);
const quarter = z.int().min(1).max(4);
const slug = text().min(1).max(100);

// ---------------------------------------------------------------------------- requests

export const deliveryValueSchema = z
	.strictObject({
		city: slug.optional().meta({
			description:
				'City slug or AGS. Defaults to the city in the URL; another city is a row error (foreign_city).'
		}),
		field: slug.optional().meta({
			description:
				'Field slug; needed only when the KPI code is not unique among the city’s fields.'
		}),
		kpi: text().min(1).max(32).meta({ description: 'KPI code, e.g. D115-01.' }),
		year,
		quarter,
		value: z.number().nullable().meta({
			description: 'The value as a JSON number (not a string); null clears a draft.'
		}),
		comment: text().max(API_COMMENT_MAX).optional().meta({
			description: 'Required when the value is red or fails a plausibility check.'
		})
	})
	.meta({ id: 'DeliveryValue' });

export const deliveryRequestSchema = z
	.strictObject({
		values: z.array(deliveryValueSchema).min(1).max(API_BATCH_MAX),
		dryRun: z.boolean().optional().meta({
			description: 'true: check and report every row, write nothing.'
		})
	})
	.meta({ id: 'DeliveryRequest' });
export type DeliveryRequest = z.output<typeof deliveryRequestSchema>;

/** `2026-3`: the notation of quarters in the app's URLs. */
const quarterParam = text()
	.regex(/^(20\d\d|2100)-[1-4]$/, { error: () => m.api_error_quarter_format() })
	.transform((v) => {
		const [y, q] = v.split('-').map(Number);
		return { year: y!, quarter: q! };
	});

export const scorecardQuerySchema = z
	.strictObject({
		from: quarterParam.optional().meta({
			description: 'First quarter (YYYY-Q), e.g. 2025-1. Default: the first with a value.'
		}),
		to: quarterParam.optional().meta({ description: 'Last quarter (YYYY-Q). Default: the newest.' })
	})
	.refine(
		(q) => !q.from || !q.to || q.from.year * 4 + q.from.quarter <= q.to.year * 4 + q.to.quarter,
		{
			path: ['from'],
			error: () => m.api_error_range_order()
		}
	);

export const valuesQuerySchema = z.strictObject({
	field: slug.optional().meta({ description: 'Only this field (slug).' }),
	year: z.coerce
		.number()
		.int()
		.min(2000)
		.max(2100)
		.optional()
		.meta({ description: 'Only this year.' }),
	quarter: z.coerce
		.number()
		.int()
		.min(1)
		.max(4)
		.optional()
		.meta({ description: 'Only this quarter (1–4).' })
});

// ---------------------------------------------------------------------------- answers

const bands = {
	greenMin: z.number().nullable(),
	greenMax: z.number().nullable(),
	yellowMin: z.number().nullable(),
	yellowMax: z.number().nullable()
};
export const valueStateSchema = z.enum(measurementState.enumValues);

export const errorBodySchema = z
	.object({
		error: z.object({
			code: z.enum(apiErrorCodes),
			message: z
				.string()
				.meta({ description: 'For people, in German (English under /en/api/v1).' }),
			details: z
				.array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
				.optional()
		})
	})
	.meta({ id: 'Error' });

export const citySchema = z.object({ slug: z.string(), name: z.string() }).meta({ id: 'City' });

export const definitionSchema = z
	.object({
		validFrom: z.object({ year, quarter }),
		nameDe: z.string(),
		nameEn: z.string(),
		definitionDe: z.string(),
		definitionEn: z.string(),
		unit: z.enum(kpiUnit.enumValues),
		decimals: z.int(),
		polarity: z.enum(kpiPolarity.enumValues),
		aggregation: z.enum(kpiAggregation.enumValues),
		denominator: z.enum(kpiDenominator.enumValues),
		source: z.string(),
		plausibleChangePercent: z.number().nullable(),
		commonTarget: z
			.object(bands)
			.nullable()
			.meta({ description: 'The field’s common target, if agreed; a city target wins.' })
	})
	.meta({ id: 'KpiDefinition', description: 'One version of the KPI’s definition.' });

export const scorecardValueSchema = z
	.object({ year, quarter, value: z.number(), state: valueStateSchema, comment: z.string() })
	.meta({ id: 'ScorecardValue' });

export const scorecardKpiSchema = z
	.object({
		code: z.string(),
		comparable: z.boolean().meta({ description: 'Shared catalogue KPI (false: local KPI).' }),
		weight: z.number(),
		definitions: z.array(definitionSchema).meta({ description: 'Oldest first.' }),
		targets: z
			.array(z.object({ year, ...bands }))
			.meta({ description: 'The city’s yearly targets.' }),
		values: z
			.array(scorecardValueSchema)
			.optional()
			.meta({ description: 'Only in /scorecards/{field}; oldest first.' })
	})
	.meta({ id: 'ScorecardKpi' });
export type ApiScorecardKpi = z.output<typeof scorecardKpiSchema>;

export const scorecardSchema = z
	.object({
		field: z.object({ slug: z.string(), nameDe: z.string(), nameEn: z.string() }),
		perspectives: z.array(
			z.object({
				key: z.string().nullable(),
				nameDe: z.string(),
				nameEn: z.string(),
				objectives: z.array(
					z.object({
						title: z.string(),
						description: z.string(),
						owner: z.string(),
						kpis: z.array(scorecardKpiSchema)
					})
				)
			})
		)
	})
	.meta({ id: 'Scorecard' });
export type ApiScorecard = z.output<typeof scorecardSchema>;

export const cityScorecardsSchema = z
	.object({ city: citySchema, scorecards: z.array(scorecardSchema) })
	.meta({ id: 'CityScorecards' });

export const scorecardDetailSchema = z
	.object({ city: citySchema, scorecard: scorecardSchema })
	.meta({ id: 'ScorecardWithValues' });

export const valueRowSchema = z
	.object({
		city: z.string(),
		field: z.string(),
		kpi: z.string(),
		year,
		quarter,
		value: z.number(),
		comment: z.string(),
		state: valueStateSchema
	})
	.meta({ id: 'ValueRow', description: 'The columns of the file import and export.' });

export const valuesListSchema = z
	.object({ city: citySchema, values: z.array(valueRowSchema) })
	.meta({ id: 'Values' });

export const deliveryErrorCodes = [
	'unknown_city',
	'foreign_city',
	'unknown_field',
	'unknown_kpi',
	'ambiguous_kpi',
	'kpi_not_on_scorecard',
	'period_missing',
	'period_closed',
	'value_locked',
	'invalid_value',
	'duplicate_row',
	'red_needs_comment',
	'invalid_period'
] as const satisfies readonly DeliveryErrorCode[];
const entryWarnings = [
	'change_exceeds_tolerance',
	'share_above_100',
	'negative'
] as const satisfies readonly EntryWarning[];
// These fail to compile when the delivery core or the entry rules add a code the lists lack.
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const listsComplete: [
	Complete<DeliveryErrorCode, (typeof deliveryErrorCodes)[number]>,
	Complete<EntryWarning, (typeof entryWarnings)[number]>
] = [true, true];
void listsComplete;

const rowValue = z.object({ value: z.number().nullable(), comment: z.string() });

export const outcomeSchema = z
	.object({
		line: z.int().meta({ description: 'Position in `values`, from 1.' }),
		kind: z.enum(['new', 'changed', 'unchanged', 'error']),
		city: z.string(),
		field: z.string().nullable(),
		kpi: z.string(),
		year: z.int(),
		quarter: z.int(),
		before: rowValue.extend({ state: valueStateSchema }).nullable(),
		after: rowValue.nullable(),
		error: z.object({ code: z.enum(deliveryErrorCodes), message: z.string() }).optional(),
		warnings: z.array(z.enum(entryWarnings)).optional()
	})
	.meta({ id: 'RowOutcome' });

const counts = z.object({
	new: z.int(),
	changed: z.int(),
	unchanged: z.int(),
	error: z.int()
});

export const deliveryResultSchema = z
	.object({
		dryRun: z.boolean(),
		written: z.boolean().meta({ description: 'true when values were saved (as drafts).' }),
		counts,
		outcomes: z.array(outcomeSchema)
	})
	.meta({ id: 'DeliveryResult' });
export type DeliveryResult = z.output<typeof deliveryResultSchema>;

export const deliveryRejectedSchema = errorBodySchema
	.extend({ dryRun: z.boolean(), counts, outcomes: z.array(outcomeSchema) })
	.meta({ id: 'DeliveryRejected', description: 'A row has an error: nothing was written.' });
