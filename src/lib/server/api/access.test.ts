import { describe, expect, it } from 'vitest';
import type { ApiTokenAuthResult } from '../api-tokens/authenticate';
import type { RoleAssignment } from '../auth/permissions';
import { decideApiAccess } from './access';

const KOELN = 7;
const authed = (scope: 'read' | 'write', roles: RoleAssignment[]): ApiTokenAuthResult => ({
	ok: true,
	token: {
		id: 1,
		userId: 2,
		organisationId: KOELN,
		organisationSlug: 'koeln',
		organisationName: 'Köln',
		scope,
		expiresAt: new Date('2027-01-01')
	},
	principal: { userId: 2, roles }
});
const controller: RoleAssignment = { role: 'controller', organisationId: KOELN, fieldId: null };
const leadership: RoleAssignment = {
	role: 'city_leadership',
	organisationId: KOELN,
	fieldId: null
};

/** Status and error code of a refusal, or 'ok'. */
async function outcome(access: ReturnType<typeof decideApiAccess>) {
	if (access.ok) return 'ok';
	const body = (await access.response.json()) as { code: string; status: number };
	expect(body.status).toBe(access.response.status);
	return `${access.response.status} ${body.code}`;
}

describe('decideApiAccess', () => {
	it('answers 401 with the reason when there is no working token', async () => {
		expect(await outcome(decideApiAccess(undefined, 'koeln', 'read'))).toBe('401 token_missing');
		for (const [reason, code] of [
			['missing', 'token_missing'],
			['malformed', 'token_malformed'],
			['unknown', 'token_unknown'],
			['expired', 'token_expired'],
			['revoked', 'token_revoked'],
			['inactive_user', 'account_inactive']
		] as const) {
			const access = decideApiAccess({ ok: false, reason, token: null }, 'koeln', 'read');
			expect(await outcome(access)).toBe(`401 ${code}`);
			if (!access.ok) {
				expect(access.response.headers.get('www-authenticate')).toMatch(/^Bearer realm="ikz"/);
				expect(access.response.headers.get('content-type')).toContain('application/problem+json');
			}
		}
	});

	it('answers 403 for another city, a read token on a write endpoint and a lost role', async () => {
		expect(await outcome(decideApiAccess(authed('write', [controller]), 'muenster', 'read'))).toBe(
			'403 foreign_city'
		);
		expect(await outcome(decideApiAccess(authed('read', [controller]), 'koeln', 'write'))).toBe(
			'403 insufficient_scope'
		);
		expect(await outcome(decideApiAccess(authed('write', [leadership]), 'koeln', 'write'))).toBe(
			'403 not_permitted'
		);
		expect(await outcome(decideApiAccess(authed('read', []), 'koeln', 'read'))).toBe(
			'403 not_permitted'
		);
	});

	it('grants the token’s city, and only that', async () => {
		const access = decideApiAccess(authed('write', [controller]), 'koeln', 'write');
		expect(access).toMatchObject({ ok: true, organisationId: KOELN });
		expect(await outcome(decideApiAccess(authed('read', [leadership]), 'koeln', 'read'))).toBe(
			'ok'
		);
		expect(await outcome(decideApiAccess(authed('write', [controller]), undefined, 'read'))).toBe(
			'ok'
		);
	});
});
