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

// Every integer has real bounds: a bare z.int() becomes ±9007199254740991 in the OpenAPI document.
const year = z.int().min(2000).max(2100);
const quarter = z.int().min(1).max(4);
const slug = text().min(1).max(100);
/** `measurements.version` (a PostgreSQL integer); 0 stands for "no value stored". */
const rowVersion = z.int32().min(0);
const count = z.int().min(0).max(API_BATCH_MAX);

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
			description:
				'The value as a JSON number (not a string), with at most as many decimals as the KPI’s definition has (`decimals`); more is a row error (too_many_decimals), never rounded. null clears a draft.'
		}),
		comment: text().max(API_COMMENT_MAX).nullable().optional().meta({
			description:
				'Omitted: the stored comment stays. null or "": no comment. Required when the value is red.'
		}),
		version: rowVersion.optional().meta({
			description:
				'Optimistic locking: the `version` this value had when it was read (GET /values), 0 when there was none. If the stored value has another version by now, the row is a conflict and nothing is written (409 version_conflict). Omitted: no check for this row.'
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

/** `2026-3`: API v1's documented notation of quarters (the app's own addresses write 2026-Q3, decision 0025). */
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

export const problemItemSchema = z
	.object({
		pointer: z.string().optional().meta({
			description: 'JSON Pointer into the request body, as a URI fragment, e.g. #/values/0/year.'
		}),
		parameter: z.string().optional().meta({ description: 'The query parameter, e.g. year.' }),
		code: z.string(),
		detail: z.string()
	})
	.meta({ id: 'ProblemItem' });

export const problemSchema = z
	.object({
		type: z.string().meta({
			description:
				'URI reference of the problem type, /api/v1/problems/{code}; it resolves to a description.'
		}),
		title: z.string().meta({ description: 'Short name of the problem type, for people.' }),
		status: z.int().min(400).max(599),
		detail: z.string().meta({
			description: 'This occurrence, for people: German, or English under /en/api/v1.'
		}),
		code: z.enum(apiErrorCodes).meta({ description: 'What programs branch on; stable, English.' }),
		errors: z
			.array(problemItemSchema)
			.optional()
			.meta({ description: 'One entry per problem with the request (at most 100).' })
	})
	.meta({
		id: 'Problem',
		description: 'RFC 9457 problem details (application/problem+json).'
	});

export const citySchema = z.object({ slug: z.string(), name: z.string() }).meta({ id: 'City' });

export const definitionSchema = z
	.object({
		validFrom: z.object({ year, quarter }),
		nameDe: z.string(),
		nameEn: z.string(),
		definitionDe: z.string(),
		definitionEn: z.string(),
		unit: z.enum(kpiUnit.enumValues),
		decimals: z.int().min(0).max(4),
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
		state: valueStateSchema,
		version: rowVersion.meta({
			description: 'Changes with every save; send it back as `version` to deliver safely.'
		})
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
	'invalid_period',
	'too_many_decimals',
	'version_conflict'
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

const rowValue = z.object({
	value: z.number().nullable(),
	comment: z.string(),
	version: rowVersion.optional()
});

export const outcomeSchema = z
	.object({
		line: z.int().min(1).max(API_BATCH_MAX).meta({ description: 'Position in `values`, from 1.' }),
		kind: z.enum(['new', 'changed', 'unchanged', 'error']),
		city: z.string(),
		field: z.string().nullable(),
		kpi: z.string(),
		year,
		quarter,
		before: rowValue
			.extend({ state: valueStateSchema })
			.nullable()
			.meta({ description: 'What is stored now, with its version; null: no value.' }),
		after: rowValue
			.nullable()
			.meta({ description: 'What the row stores after the delivery (version: 0 = no value).' }),
		error: z.object({ code: z.enum(deliveryErrorCodes), message: z.string() }).optional(),
		warnings: z.array(z.enum(entryWarnings)).optional()
	})
	.meta({ id: 'RowOutcome' });

const counts = z.object({ new: count, changed: count, unchanged: count, error: count });

export const deliveryResultSchema = z
	.object({
		dryRun: z.boolean(),
		written: z.boolean().meta({ description: 'true when values were saved (as drafts).' }),
		counts,
		outcomes: z.array(outcomeSchema)
	})
	.meta({ id: 'DeliveryResult' });
export type DeliveryResult = z.output<typeof deliveryResultSchema>;

export const deliveryRejectedSchema = problemSchema
	.extend({ dryRun: z.boolean(), counts, outcomes: z.array(outcomeSchema) })
	.meta({
		id: 'DeliveryRejected',
		description:
			'A row has an error (422 delivery_rejected) or was changed since it was read (409 version_conflict): nothing was written. Every row’s outcome, in order.'
	});
