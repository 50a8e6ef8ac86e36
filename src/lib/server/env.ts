import { z } from 'zod';
import { parseGroupRoleMapping } from '../domain/auth/group-roles';

/** The only module that reads the environment. Everything else receives a typed config. */
const envSchema = z
	.object({
		DATABASE_URL: z
			.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
			.optional(),
		DATA_DIR: z.string().min(1).default('./data'),
		DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
		/**
		 * Named prepared statements on each connection (parsed and planned once, decision 0034);
		 * `false` behind a pooler in transaction mode that cannot keep them (PgBouncer < 1.21).
		 */
		DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
		/**
		 * auto: seed demo data (and demo accounts) into an empty embedded database; never: leave it
		 * empty. Demo data only where asked for (`npm start` and `npm run dev` ask for it).
		 */
		DEMO_DATA: z.enum(['auto', 'never']).default('never'),
		/**
		 * With DEMO_DATA=auto: an archive of the demo database (`npm start` makes one beside each
		 * build) that a new embedded database is loaded from instead of being seeded (decision 0048).
		 */
		DEMO_SNAPSHOT: z.string().min(1).optional(),
		NODE_ENV: z.string().optional(),
		/** pino's levels; `debug` also logs the health probes' requests. */
		LOG_LEVEL: z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
			.default('info'),
		/** Prometheus metrics on their own port (unset: no metrics server), see decision 0027. */
		METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
		METRICS_HOST: z.string().min(1).default('127.0.0.1'),
		/**
		 * Header in which a trusted reverse proxy passes its request id (e.g. X-Request-Id); unset:
		 * every request gets a fresh id and a client's header is ignored.
		 */
		REQUEST_ID_HEADER: z.string().min(1).optional(),
		/** Session ends after this much inactivity (BSI/ASVS: short for administrative data). */
		SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(480).default(30),
		/** Session ends this long after login, however active. */
		SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
		/** The app's public address (adapter-node reads it too); links in e-mails start with it. */
		ORIGIN: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
		/** Outgoing mail server, e.g. smtps://user:pass@mail.example.org:465; unset: no e-mail is sent. */
		SMTP_URL: z
			.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
			.optional(),
		/** Sender of every e-mail, e.g. "IKZ-Scorecard <scorecard@example.org>". */
		MAIL_FROM: z.string().min(3).default('IKZ-Scorecard <noreply@localhost>'),
		/** How often each app instance looks for due reminders and unsent mail. */
		MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
		/** off: no password form, its post refused; everyone signs in through the OpenID provider. */
		LOCAL_LOGIN: z.enum(['on', 'off']).default('on'),
		/** Single sign-on (decision 0030): the provider's issuer URL; unset: no SSO button. */
		OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
		OIDC_CLIENT_ID: z.string().min(1).optional(),
		/** Unset for a public client (PKCE alone); otherwise sent as client_secret_basic. */
		OIDC_CLIENT_SECRET: z.string().min(1).optional(),
		OIDC_SCOPES: z
			.string()
			.default('openid email profile')
			.refine((s) => s.split(/\s+/).includes('openid'), 'must contain openid'),
		/** Claim holding the person's groups, e.g. `groups` (Keycloak, Entra ID). */
		OIDC_GROUPS_CLAIM: z.string().min(1).optional(),
		/** Global roles by group: `ikz-admins=admin;ikz-lesen=observer`. */
		OIDC_GROUP_ROLES: z.string().optional(),
		/** true: a person the provider knows but the app does not gets an account without roles. */
		OIDC_ALLOW_UNKNOWN: z
			.enum(['true', 'false'])
			.default('false')
			.transform((v) => v === 'true')
	})
	// A production start that forgot DATABASE_URL would otherwise run on an embedded database in
	// the working folder, which nobody backs up and two instances cannot share.
	.refine((e) => e.NODE_ENV !== 'production' || e.DATABASE_URL !== undefined, {
		path: ['DATABASE_URL'],
		message:
			'required when NODE_ENV=production: set it to the postgres:// URL of the PostgreSQL server (the embedded database is for trying the app out only)'
	})
	.superRefine((e, ctx) => {
		const problem = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) problem('OIDC_CLIENT_ID', 'required with OIDC_ISSUER');
		// Nobody could log in at all.
		if (e.LOCAL_LOGIN === 'off' && !e.OIDC_ISSUER)
			problem('LOCAL_LOGIN', 'off needs single sign-on: set OIDC_ISSUER and OIDC_CLIENT_ID');
		if (e.OIDC_GROUP_ROLES) {
			if (!e.OIDC_GROUPS_CLAIM) problem('OIDC_GROUP_ROLES', 'needs OIDC_GROUPS_CLAIM');
			const mapping = parseGroupRoleMapping(e.OIDC_GROUP_ROLES);
			if (!mapping.ok) problem('OIDC_GROUP_ROLES', mapping.problems.join('; '));
		}
	});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
	constructor(public readonly issues: string[]) {
		super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
		this.name = 'EnvError';
	}
}

/** Parses the given variables (default: process.env); throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
	const cleaned = Object.fromEntries(
		Object.entries(source).filter(([, value]) => value !== undefined && value !== '')
	);
	const result = envSchema.safeParse(cleaned);
	if (!result.success) {
		throw new EnvError(
			result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
		);
	}
	return result.data;
}

let cached: Env | undefined;

export function env(): Env {
	cached ??= parseEnv();
	return cached;
}
