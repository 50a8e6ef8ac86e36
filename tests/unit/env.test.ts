import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/lib/server/env';

describe('parseEnv', () => {
	it('defaults to the embedded database in ./data', () => {
		const env = parseEnv({});
		expect(env.DATABASE_URL).toBeUndefined();
		expect(env.DATA_DIR).toBe('./data');
	});

	it('names every bad variable in one readable error', () => {
		let caught: unknown;
		try {
			parseEnv({
				DATABASE_URL: 'mysql://x@localhost/db',
				DATABASE_POOL_MAX: 'many',
				DEMO_DATA: 'sometimes'
			});
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(EnvError);
		const message = (caught as Error).message;
		expect(message).toMatch(/DATABASE_URL: must be a postgres/);
		expect(message).toMatch(/DATABASE_POOL_MAX/);
		expect(message).toMatch(/DEMO_DATA/);
	});

	it('bounds the session lifetimes', () => {
		expect(parseEnv({}).SESSION_IDLE_MINUTES).toBe(30);
		expect(parseEnv({ SESSION_ABSOLUTE_HOURS: '8' }).SESSION_ABSOLUTE_HOURS).toBe(8);
		expect(() => parseEnv({ SESSION_IDLE_MINUTES: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
		expect(() => parseEnv({ SESSION_ABSOLUTE_HOURS: '72' })).toThrow(/SESSION_ABSOLUTE_HOURS/);
	});

	it('treats an empty variable as unset', () => {
		expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
	});

	it('asks for demo data explicitly: none by default', () => {
		expect(parseEnv({}).DEMO_DATA).toBe('never');
		expect(parseEnv({ DEMO_DATA: 'auto' }).DEMO_DATA).toBe('auto');
	});

	it('refuses a production start without DATABASE_URL, saying what to set', () => {
		expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(
			/DATABASE_URL: required when NODE_ENV=production/
		);
		expect(() => parseEnv({ NODE_ENV: 'production', DEMO_DATA: 'auto' })).toThrow(/DATABASE_URL/);
		const url = 'postgres://ikz@db.example/ikz';
		expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: url }).DATABASE_URL).toBe(url);
		expect(parseEnv({ NODE_ENV: 'development' }).DATABASE_URL).toBeUndefined();
	});

	it('reads the operating settings: log level, metrics port bound to loopback', () => {
		const env = parseEnv({});
		expect(env.LOG_LEVEL).toBe('info');
		expect(env.METRICS_PORT).toBeUndefined();
		expect(env.METRICS_HOST).toBe('127.0.0.1');
		expect(parseEnv({ LOG_LEVEL: 'debug', METRICS_PORT: '9464' })).toMatchObject({
			LOG_LEVEL: 'debug',
			METRICS_PORT: 9464
		});
		expect(() => parseEnv({ LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL/);
		expect(() => parseEnv({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
	});

	it('has no single sign-on and keeps local passwords unless configured', () => {
		const env = parseEnv({});
		expect(env.OIDC_ISSUER).toBeUndefined();
		expect(env.LOCAL_LOGIN).toBe('on');
		expect(env.OIDC_ALLOW_UNKNOWN).toBe(false);
		expect(env.OIDC_SCOPES).toBe('openid email profile');
	});

	it('reads the single sign-on settings', () => {
		const env = parseEnv({
			OIDC_ISSUER: 'https://login.stadt.example/realms/ikz',
			OIDC_CLIENT_ID: 'scorecard',
			OIDC_CLIENT_SECRET: 'geheim',
			OIDC_GROUPS_CLAIM: 'groups',
			OIDC_GROUP_ROLES: 'ikz-admins=admin',
			OIDC_ALLOW_UNKNOWN: 'true',
			LOCAL_LOGIN: 'off'
		});
		expect(env.OIDC_ALLOW_UNKNOWN).toBe(true);
		expect(env.LOCAL_LOGIN).toBe('off');
	});

	it('refuses single-sign-on settings that cannot work, naming each', () => {
		expect(() => parseEnv({ LOCAL_LOGIN: 'off' })).toThrow(/LOCAL_LOGIN: off needs single sign-on/);
		expect(() => parseEnv({ OIDC_ISSUER: 'https://idp.example' })).toThrow(
			/OIDC_CLIENT_ID: required with OIDC_ISSUER/
		);
		expect(() =>
			parseEnv({
				OIDC_ISSUER: 'https://idp.example',
				OIDC_CLIENT_ID: 'x',
				OIDC_GROUPS_CLAIM: 'groups',
				OIDC_GROUP_ROLES: 'ikz=controller'
			})
		).toThrow(/OIDC_GROUP_ROLES: "controller" is not one of admin, observer/);
		expect(() => parseEnv({ OIDC_SCOPES: 'email profile' })).toThrow(
			/OIDC_SCOPES: must contain openid/
		);
	});
});
