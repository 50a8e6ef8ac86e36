import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import {
	apiTokenCities,
	createApiToken,
	listApiTokens,
	revokeApiToken
} from '$lib/server/api-tokens/tokens';
import { appDb } from '$lib/server/db';
import {
	API_TOKEN_DAYS_DEFAULT,
	API_TOKEN_DAYS_MAX,
	createApiTokenSchema,
	revokeApiTokenSchema
} from '$lib/schemas/api-tokens';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime as formatMoment } from '$lib/format/date-time';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { successNotice } from '$lib/schemas/form-notice';

/** Date and time in the active language, in the cities' time zone. */
const formatDateTime = (date: Date) => formatMoment(date, getLocale());

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'account:manage_own');
	const db = appDb();
	const [tokens, cities] = await Promise.all([
		listApiTokens(db, viewer.principal.userId, new Date()),
		apiTokenCities(db, viewer.principal)
	]);
	const createForm = await superValidate(
		{ organisationId: cities[0]?.id, scope: 'read', expiresInDays: API_TOKEN_DAYS_DEFAULT },
		zod4(createApiTokenSchema),
		{ errors: false }
	);
	return {
		tokens: tokens.map((t) => ({
			id: t.id,
			name: t.name,
			city: t.organisationName,
			scope: t.scope,
			status: t.status,
			createdAt: formatDateTime(t.createdAt),
			expiresAt: formatDateTime(t.expiresAt),
			lastUsedAt: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : null
		})),
		cities: cities.map((c) => ({ id: c.id, name: c.name })),
		canWriteSomewhere: cities.some((c) => c.scopes.includes('write')),
		maxDays: API_TOKEN_DAYS_MAX,
		createForm
	};
};

export const actions: Actions = {
	create: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		const form = await readForm(event, createApiTokenSchema);
		if (!form.valid) return failForm(400, { createForm: form });
		const db = appDb();
		const result = await createApiToken(db, {
			userId: viewer.principal.userId,
			organisationId: form.data.organisationId,
			name: form.data.name,
			scope: form.data.scope,
			expiresInDays: form.data.expiresInDays,
			now: new Date()
		});
		if (!result.ok) {
			return result.reason === 'write_not_permitted'
				? setError(form, 'scope', m.api_tokens_write_not_permitted())
				: setError(form, 'organisationId', m.api_tokens_city_not_permitted());
		}
		// Shown once, in this response only: the database keeps just the token's hash.
		const city = (await apiTokenCities(db, viewer.principal)).find(
			(c) => c.id === result.row.organisationId
		);
		form.data.name = '';
		return {
			createForm: form,
			created: {
				token: result.token,
				name: result.row.name,
				scope: result.row.scope,
				expiresAt: formatDateTime(result.row.expiresAt),
				// For the curl example: this server's API and the token's city.
				valuesUrl: `${event.url.origin}/api/v1/cities/${city?.slug ?? ''}/values`
			}
		};
	},
	revoke: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		const form = await readForm(event, revokeApiTokenSchema, { id: 'revoke' });
		if (!form.valid) return failNotice(400, m.api_tokens_revoke_not_found());
		const result = await revokeApiToken(appDb(), {
			userId: viewer.principal.userId,
			tokenId: form.data.tokenId,
			now: new Date()
		});
		if (!result.ok) {
			return result.reason === 'not_found'
				? failNotice(404, m.api_tokens_revoke_not_found())
				: failNotice(409, m.api_tokens_revoke_already());
		}
		return { notice: successNotice(m.api_tokens_revoked({ name: result.name })) };
	}
};
