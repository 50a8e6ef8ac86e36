import { z } from 'zod';
import { API_TOKEN_DAYS_MAX } from '../../schemas/api-tokens';
import { API_BODY_MAX_BYTES } from './body';
import {
	API_BATCH_MAX,
	cityScorecardsSchema,
	deliveryRejectedSchema,
	deliveryRequestSchema,
	deliveryResultSchema,
	errorBodySchema,
	scorecardDetailSchema,
	scorecardQuerySchema,
	valuesListSchema,
	valuesQuerySchema
} from './schemas';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the endpoints validate
 * and answer with, so it cannot drift from them. OpenAPI 3.1 uses JSON Schema 2020-12, which is
 * what `z.toJSONSchema` writes; schemas with `meta.id` become components.
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

const json = (schema: JsonSchema, description: string) => ({
	description,
	content: { 'application/json': { schema } }
});

export function buildOpenApiDocument(origin: string): Record<string, unknown> {
	const { components, toSchema } = createConverter();
	const error = toSchema(errorBodySchema, 'output');
	const errors = (...statuses: number[]) =>
		Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }]));

	const queryParameters = (schema: z.ZodObject) =>
		Object.entries(schema.shape).map(([name, field]) => {
			const converted = toSchema(field as z.ZodType, 'input');
			const { description, ...rest } = converted;
			return { name, in: 'query', required: false, description, schema: rest };
		});
	const valuesQuery = valuesQuerySchema;
	const scorecardQuery = scorecardQuerySchema;

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
	const deliveryBody = {
		required: true,
		content: { 'application/json': { schema: toSchema(deliveryRequestSchema, 'input') } }
	};
	const deliveryResponses = {
		'200': json(
			toSchema(deliveryResultSchema, 'output'),
			'Every row checked; written unless dryRun (a repeat answers all unchanged).'
		),
		...errors(400, 401, 403, 413, 415),
		'422': {
			description:
				'The body does not fit the schema (invalid_request, with details) or a row has an error (delivery_rejected, with every row’s outcome). Nothing was written.',
			content: {
				'application/json': {
					schema: { oneOf: [error, toSchema(deliveryRejectedSchema, 'output')] }
				}
			}
		}
	};
	const delivery = (summary: string) => ({
		tags: ['values'],
		summary,
		description: `At most ${API_BATCH_MAX.toLocaleString('en')} values and ${API_BODY_MAX_BYTES / 1024 / 1024} MB per request. The same rules as the file import: values become drafts; all or nothing.`,
		parameters: [city],
		requestBody: deliveryBody,
		responses: deliveryResponses
	});

	const paths = {
		'/cities/{city}/scorecards': {
			get: {
				tags: ['scorecards'],
				summary: 'The city’s scorecards per field',
				description:
					'Perspectives, objectives and KPIs with their definitions (all versions) and the city’s targets.',
				parameters: [city],
				responses: {
					'200': json(toSchema(cityScorecardsSchema, 'output'), 'The scorecards.'),
					...errors(401, 403)
				}
			}
		},
		'/cities/{city}/scorecards/{field}': {
			get: {
				tags: ['scorecards'],
				summary: 'One scorecard with its values',
				description: 'Values in every state (draft, submitted, released), oldest first.',
				parameters: [city, field, ...queryParameters(scorecardQuery)],
				responses: {
					'200': json(toSchema(scorecardDetailSchema, 'output'), 'The scorecard.'),
					...errors(400, 401, 403, 404)
				}
			}
		},
		'/cities/{city}/values': {
			get: {
				tags: ['values'],
				summary: 'The city’s values by natural key',
				description: 'The columns of the file import and export.',
				parameters: [city, ...queryParameters(valuesQuery)],
				responses: {
					'200': json(toSchema(valuesListSchema, 'output'), 'The values.'),
					...errors(400, 401, 403)
				}
			},
			put: { ...delivery('Deliver values (upsert by city, KPI code, year, quarter)') },
			post: { ...delivery('Deliver values (same as PUT)') }
		},
		'/openapi.json': {
			get: {
				tags: ['meta'],
				summary: 'This document',
				security: [],
				responses: { '200': { description: 'OpenAPI 3.1' } }
			}
		}
	};

	const responseText: Record<number, string> = {
		400: 'Bad query parameters or a body that is not JSON (invalid_query, invalid_json).',
		401: 'No token, or one that is malformed, unknown, expired or revoked, or whose account is deactivated.',
		403: 'Another city than the token’s (foreign_city), a read token on a write endpoint (insufficient_scope), or the token’s owner lost the role (not_permitted).',
		404: 'The city keeps no scorecard in this field.',
		413: 'The body is too large (payload_too_large).',
		415: 'The body is not sent as application/json (unsupported_media_type).'
	};
	return {
		openapi: '3.1.0',
		info: {
			title: 'IKZ Scorecard API',
			version: '1.0.0',
			description: [
				'Read a city’s scorecards and values, and deliver values by natural key (city, KPI code, year, quarter) with the same rules as the file import.',
				`Authenticate with a personal API token (created under “My account → API tokens”, shown once, valid up to ${API_TOKEN_DAYS_MAX} days, for one city, read or read and write): \`Authorization: Bearer ikz_…\`.`,
				'Every answer is JSON; errors are `{ "error": { "code", "message", "details"? } }`. Branch on `code`; `message` is German, or English under /en/api/v1. Every use of a token is audited.'
			].join('\n\n')
		},
		servers: [
			{ url: `${origin}/api/v1` },
			{ url: `${origin}/en/api/v1`, description: 'English messages' }
		],
		security: [{ bearerToken: [] }],
		tags: [
			{ name: 'scorecards', description: 'Structure, definitions and targets' },
			{ name: 'values', description: 'Reading and delivering values' },
			{ name: 'meta' }
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
				Object.entries(responseText).map(([status, text]) => [`E${status}`, json(error, text)])
			),
			schemas: components
		}
	};
}
