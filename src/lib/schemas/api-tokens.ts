import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

/** What a personal API token may do in its city: read values, or read and deliver them. */
export const apiTokenScopeValues = ['read', 'write'] as const;
export type ApiTokenScope = (typeof apiTokenScopeValues)[number];

export const API_TOKEN_NAME_MAX = 100;
export const API_TOKEN_DAYS_MAX = 365;
export const API_TOKEN_DAYS_DEFAULT = 90;

const days = () => m.api_tokens_expiry_invalid({ max: String(API_TOKEN_DAYS_MAX) });

/** Counted in characters (code points), like the database's api_tokens_name_length check. */
export const createApiTokenSchema = z.object({
	name: text()
		.trim()
		.min(1, { error: () => m.api_tokens_name_required() })
		.refine((v) => [...v].length <= API_TOKEN_NAME_MAX, {
			error: () => m.api_tokens_name_too_long({ max: String(API_TOKEN_NAME_MAX) })
		}),
	organisationId: z
		.number({ error: () => m.api_tokens_city_required() })
		.int({ error: () => m.api_tokens_city_required() })
		.positive({ error: () => m.api_tokens_city_required() }),
	scope: z.enum(apiTokenScopeValues, { error: () => m.api_tokens_scope_required() }),
	expiresInDays: z
		.number({ error: days })
		.int({ error: days })
		.min(1, { error: days })
		.max(API_TOKEN_DAYS_MAX, { error: days })
		.default(API_TOKEN_DAYS_DEFAULT)
});

export const revokeApiTokenSchema = z.object({ tokenId: z.int32().positive() });
