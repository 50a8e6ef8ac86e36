/** `%`, `_` and `\` in the input are literal in a LIKE pattern, not wildcards. */
export function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
