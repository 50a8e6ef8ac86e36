import { z } from 'zod';
import { API_TOKEN_DAYS_MAX } from '../../schemas/api-tokens';
import { API_BODY_MAX_BYTES } from './body';
import { formatNumber } from '../../format/number';
import { apiErrorCodes, problemTypes } from './errors';
import {
	API_BATCH_MAX,
	cityScorecardsSchema,
	deliveryRejectedSchema,
	deliveryRequestSchema,
	deliveryResultSchema,
	problemSchema,
	scorecardDetailSchema,
	scorecardQuerySchema,
	valuesListSchema,
	valuesQuerySchema
} from './schemas';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the endpoints validate
 * and answer with, so it cannot drift from them. OpenAPI 3.1 uses JSON Schema 2020-12, which is
 * what `z.toJSONSchema` writes; schemas with `meta.id` become components. Redocly CLI lints it
 * without warnings (tests/unit/openapi-lint.test.ts).
 */

type JsonSchema = Record<string, unknown>;

function createConverter() {
	const components: Record<string, JsonSchema> = {};
	const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
		const converted = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
		const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/');
		const {
			$schema: _,
			$defs,
			...rest
		} = JSON.parse(text) as JsonSchema & {
			$defs?: Record<string, JsonSchema>;
		};
		void _;
		Object.assign(components, $defs ?? {});
		return rest;
	};
	return { components, toSchema };
}

const json = (schema: JsonSchema, description: string, headers?: JsonSchema) => ({
	description,
	...(headers ? { headers } : {}),
	content: { 'application/json': { schema } }
});
const problem = (schema: JsonSchema, description: string) => ({
	description,
	content: { 'application/problem+json': { schema } }
});

/** The problems each status stands for (the `code` values), for the response descriptions. */
const codesOf = (status: number) =>
	apiErrorCodes.filter((code) => problemTypes[code].status === status).join(', ');

export function buildOpenApiDocument(origin: string): Record<string, unknown> {
	const { components, toSchema } = createConverter();
	const problemRef = toSchema(problemSchema, 'output');
	const errors = (...statuses: number[]) =>
		Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));

	const queryParameters = (schema: z.ZodObject) =>
		Object.entries(schema.shape).map(([name, field]) => {
			const converted = toSchema(field as z.ZodType, 'input');
			const { description, ...rest } = converted;
			return { name, in: 'query', required: false, description, schema: rest };
		});

	const city = {
		name: 'city',
		in: 'path',
		required: true,
		description: 'The city’s slug, e.g. koeln. Must be the city of the token (else 403).',
		schema: { type: 'string' }
	};
	const field = {
		name: 'field',
		in: 'path',
		required: true,
		description: 'The field’s slug, e.g. archivierung.',
		schema: { type: 'string' }
	};
	const ifMatch = {
		name: 'If-Match',
		in: 'header',
		required: false,
		description:
			'Optimistic locking for the whole delivery: the ETag of GET /cities/{city}/values (or of an earlier delivery’s answer), or `*`. When the city’s values changed since, nothing is written: 412 precondition_failed. Without it, only the rows’ `version` is checked.',
		schema: { type: 'string' }
	};
	const etagHeader = {
		ETag: {
			description:
				'Entity tag of all the city’s values, for `If-Match` on a delivery (the same for a narrowed list).',
			schema: { type: 'string' }
		}
	};
	const deliveryBody = {
		required: true,
		content: { 'application/json': { schema: toSchema(deliveryRequestSchema, 'input') } }
	};
	const rejected = toSchema(deliveryRejectedSchema, 'output');
	const deliveryResponses = {
		'200': json(
			toSchema(deliveryResultSchema, 'output'),
			'Every row checked; written unless dryRun (a repeat answers all unchanged).',
			etagHeader
		),
		...errors(400, 401, 403, 405),
		'409': problem(
			rejected,
			'A row’s `version` is no longer the stored one (version_conflict): someone changed the value since it was read. Each row’s `before` holds what is stored now. Nothing was written.'
		),
		'412': { $ref: '#/components/responses/E412' },
		...errors(413, 415),
		'422': problem(
			{ oneOf: [problemRef, rejected] },
			'The body does not fit the schema (invalid_request, with `errors`) or a row has an error (delivery_rejected, with every row’s outcome). Nothing was written.'
		)
	};
	const delivery = (operationId: string, summary: string) => ({
		operationId,
		tags: ['values'],
		summary,
		description: `At most ${formatNumber(API_BATCH_MAX, 'en')} values and ${API_BODY_MAX_BYTES / 1024 / 1024} MB per request. The same rules as the file import: values become drafts; all or nothing. Optimistic locking: a row’s \`version\` (409) and \`If-Match\` (412), both optional.`,
		parameters: [city, ifMatch],
		requestBody: deliveryBody,
		responses: deliveryResponses
	});

	const paths = {
		'/cities/{city}/scorecards': {
			get: {
				operationId: 'listScorecards',
				tags: ['scorecards'],
				summary: 'The city’s scorecards per field',
				description:
					'Perspectives, objectives and KPIs with their definitions (all versions) and the city’s targets.',
				parameters: [city],
				responses: {
					'200': json(toSchema(cityScorecardsSchema, 'output'), 'The scorecards.'),
					...errors(401, 403, 405)
				}
			}
		},
		'/cities/{city}/scorecards/{field}': {
			get: {
				operationId: 'getScorecard',
				tags: ['scorecards'],
				summary: 'One scorecard with its values',
				description: 'Values in every state (draft, submitted, released), oldest first.',
				parameters: [city, field, ...queryParameters(scorecardQuerySchema)],
				responses: {
					'200': json(toSchema(scorecardDetailSchema, 'output'), 'The scorecard.'),
					...errors(400, 401, 403, 404, 405)
				}
			}
		},
		'/cities/{city}/values': {
			get: {
				operationId: 'listValues',
				tags: ['values'],
				summary: 'The city’s values by natural key',
				description:
					'The columns of the file import and export, with each value’s `version` for optimistic locking.',
				parameters: [city, ...queryParameters(valuesQuerySchema)],
				responses: {
					'200': json(toSchema(valuesListSchema, 'output'), 'The values.', etagHeader),
					...errors(400, 401, 403, 405)
				}
			},
			put: delivery('putValues', 'Deliver values (upsert by city, KPI code, year, quarter)'),
			post: delivery('postValues', 'Deliver values (same as PUT)')
		},
		'/problems/{code}': {
			get: {
				operationId: 'getProblemType',
				tags: ['meta'],
				summary: 'What a problem type means',
				description: 'Where the `type` of an error answer resolves to.',
				security: [],
				parameters: [
					{
						name: 'code',
						in: 'path',
						required: true,
						description: 'The problem’s code.',
						schema: { type: 'string', enum: [...apiErrorCodes] }
					}
				],
				responses: {
					'200': json(
						{
							type: 'object',
							properties: {
								type: { type: 'string' },
								code: { type: 'string' },
								status: { type: 'integer', minimum: 400, maximum: 599 },
								title: { type: 'string' },
								documentation: { type: 'string' }
							},
							required: ['type', 'code', 'status', 'title', 'documentation']
						},
						'The problem type.'
					),
					...errors(404, 405)
				}
			}
		},
		'/openapi.json': {
			get: {
				operationId: 'getOpenApiDocument',
				tags: ['meta'],
				summary: 'This document',
				security: [],
				responses: {
					'200': json({ type: 'object' }, 'OpenAPI 3.1'),
					...errors(405)
				}
			}
		}
	};

	const responseText: Record<number, string> = {
		400: `Bad query parameters or a body that is not JSON (${codesOf(400)}); \`errors\` says where.`,
		401: `No token, or one that is malformed, unknown, expired or revoked, or whose account is deactivated (${codesOf(401)}).`,
		403: `Another city than the token’s, a read token on a write endpoint, or the token’s owner lost the role (${codesOf(403)}).`,
		404: 'Unknown path, or the city keeps no scorecard in this field (not_found).',
		405: 'This method is not allowed on the path; the `Allow` header lists those that are (method_not_allowed).',
		412: 'If-Match does not match the ETag of the city’s values: they changed since they were read. Nothing was written (precondition_failed).',
		413: `The body is larger than ${API_BODY_MAX_BYTES / 1024 / 1024} MB (payload_too_large).`,
		415: 'The body is not sent as application/json, e.g. as a form or as text (unsupported_media_type).'
	};
	return {
		openapi: '3.1.0',
		info: {
			title: 'IKZ Scorecard API',
			version: '1.1.0',
			description: [
				'Read a city’s scorecards and values, and deliver values by natural key (city, KPI code, year, quarter) with the same rules as the file import.',
				`Authenticate with a personal API token (created under “My account → API tokens”, shown once, valid up to ${API_TOKEN_DAYS_MAX} days, for one city, read or read and write): \`Authorization: Bearer ikz_…\`.`,
				'Every answer is JSON. Errors are RFC 9457 problem details (`application/problem+json`: `type`, `title`, `status`, `detail`, `code`, `errors`). Branch on `code` (or `type`); `title` and `detail` are German, or English under /en/api/v1. Every use of a token is audited.',
				'Deliveries are protected by optimistic locking: send each value’s `version` as read, and/or `If-Match` with the ETag of the values.'
			].join('\n\n'),
			license: { name: 'Proprietary', identifier: 'LicenseRef-IKZ-Scorecard' }
		},
		servers: [
			{ url: `${origin}/api/v1` },
			{ url: `${origin}/en/api/v1`, description: 'English messages' }
		],
		security: [{ bearerToken: [] }],
		tags: [
			{ name: 'scorecards', description: 'Structure, definitions and targets' },
			{ name: 'values', description: 'Reading and delivering values' },
			{ name: 'meta', description: 'This description and the problem types' }
		],
		paths,
		components: {
			securitySchemes: {
				bearerToken: {
					type: 'http',
					scheme: 'bearer',
					bearerFormat: 'ikz_ followed by 32 base32 characters'
				}
			},
			responses: Object.fromEntries(
				Object.entries(responseText).map(([status, text]) => [
					`E${status}`,
					problem(problemRef, text)
				])
			),
			schemas: components
		}
	};
}
