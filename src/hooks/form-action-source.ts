/**
 * Adds a source to the `form-action` directive of a Content-Security-Policy. The logout form
 * ends in a redirect to the OpenID provider's end-session endpoint, and browsers check
 * `form-action` against every redirect a form submission follows; with `'self'` alone the
 * provider logout would be blocked.
 */
export function withFormActionSource(policy: string, source: string): string {
	const directives = policy.split(';').map((d) => d.trim());
	const index = directives.findIndex((d) => d.split(/\s+/)[0] === 'form-action');
	if (index < 0) return policy;
	if (!directives[index]!.split(/\s+/).includes(source)) directives[index] += ` ${source}`;
	return directives.filter((d) => d !== '').join('; ');
}
