import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

describe('safeRedirectTarget', () => {
	it('keeps paths of this site', () => {
		expect(safeRedirectTarget('/cities/koeln?kpi=X')).toBe('/cities/koeln?kpi=X');
	});

	it('refuses other sites and protocol-relative tricks', () => {
		for (const t of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'javascript:alert(1)',
			'',
			null
		]) {
			expect(safeRedirectTarget(t)).toBe('/');
		}
	});
});
