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
});
