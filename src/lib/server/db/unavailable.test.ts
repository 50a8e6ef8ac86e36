import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDriverWriteAfterClose, unavailableReason } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it('recognises a refused or cut connection', () => {
		expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('CONNECTION_CLOSED'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('CONNECT_TIMEOUT'))).toBe(true);
	});

	it('recognises a server shutting down or starting up, and connection exceptions', () => {
		expect(
			isDatabaseUnavailable(
				withCode('57P01', 'terminating connection due to administrator command')
			)
		).toBe(true);
		expect(isDatabaseUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(
			true
		);
		expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
	});

	it('looks through the query wrapper and a dual-stack AggregateError', () => {
		const wrapped = new Error('Failed query: select 1', { cause: withCode('ECONNRESET') });
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
		const both = new AggregateError(
			[withCode('ECONNREFUSED'), withCode('ECONNREFUSED')],
			'connect'
		);
		expect(isDatabaseUnavailable(both)).toBe(true);
	});

	it('leaves bugs and refused statements alone', () => {
		expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
		expect(isDatabaseUnavailable(withCode('23505', 'duplicate key'))).toBe(false);
		expect(isDatabaseUnavailable(withCode('40001', 'serialization failure'))).toBe(false);
		expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('42P01') }))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});
});

describe('unavailableReason', () => {
	it('names the driver error, not the failed SQL and its parameters', () => {
		const wrapped = new Error(
			'Failed query: select * from sessions where id = $1\nparams: secret',
			{
				cause: withCode('57P01', 'terminating connection due to administrator command')
			}
		);
		expect(unavailableReason(wrapped)).toBe(
			'57P01 terminating connection due to administrator command'
		);
		expect(unavailableReason(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(
			'connect ECONNREFUSED 127.0.0.1:5432'
		);
	});
});

describe('isDriverWriteAfterClose', () => {
	const typeError = (stack: string) => {
		const e = new TypeError("Cannot read properties of null (reading 'write')");
		e.stack = `TypeError: ${e.message}\n${stack}`;
		return e;
	};

	it("recognises postgres.js's write after the socket closed, by its stack", () => {
		const stack =
			'    at Immediate.nextWrite (file:///srv/app/node_modules/postgres/src/connection.js:255:22)\n' +
			'    at process.processImmediate (node:internal/timers:483:21)';
		expect(isDriverWriteAfterClose(typeError(stack))).toBe(true);
	});

	it('leaves the same message from anywhere else alone', () => {
		expect(
			isDriverWriteAfterClose(
				typeError('    at save (file:///srv/app/build/server/chunks/x.js:1:1)')
			)
		).toBe(false);
		expect(
			isDriverWriteAfterClose(new Error("Cannot read properties of null (reading 'write')"))
		).toBe(false);
		expect(isDriverWriteAfterClose(undefined)).toBe(false);
	});
});
