import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './errors';

describe('isUniqueViolation', () => {
	const postgresJs = { code: '23505', constraint_name: 'kpis_code_unique' };
	const pglite = { code: '23505', constraint: 'users_email_lower_unique' };

	it('reads the SQLSTATE of either driver, also behind a wrapping query error', () => {
		expect(isUniqueViolation(postgresJs)).toBe(true);
		expect(isUniqueViolation(pglite)).toBe(true);
		expect(isUniqueViolation(new Error('query failed', { cause: postgresJs }))).toBe(true);
	});

	it('tells the constraint apart when asked', () => {
		expect(isUniqueViolation(postgresJs, 'kpis_code_unique')).toBe(true);
		expect(isUniqueViolation(postgresJs, 'users_email_lower_unique')).toBe(false);
		expect(isUniqueViolation(pglite, 'users_email_lower_unique')).toBe(true);
	});

	it('is not fooled by another error naming the constraint in its message', () => {
		expect(isUniqueViolation(new Error('kpis_code_unique'), 'kpis_code_unique')).toBe(false);
		expect(isUniqueViolation({ code: '23503', constraint_name: 'kpis_code_unique' })).toBe(false);
		expect(isUniqueViolation(null)).toBe(false);
	});
});
