import { describe, expect, it } from 'vitest';
import { withFormActionSource } from './form-action-source';

describe('withFormActionSource', () => {
	const policy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";

	it('lets forms redirect to the provider, and nowhere else new', () => {
		expect(withFormActionSource(policy, 'https://login.stadt.example')).toBe(
			"default-src 'self'; form-action 'self' https://login.stadt.example; frame-ancestors 'none'"
		);
	});

	it('adds the source once, and leaves a policy without form-action alone', () => {
		const once = withFormActionSource(policy, 'https://idp.example');
		expect(withFormActionSource(once, 'https://idp.example')).toBe(once);
		expect(withFormActionSource("default-src 'self'", 'https://idp.example')).toBe(
			"default-src 'self'"
		);
	});
});
