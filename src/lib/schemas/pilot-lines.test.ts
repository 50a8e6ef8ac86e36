import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { lineSchema, updateLineSchema } from './pilots';

/**
 * A browser posts nothing for an unticked checkbox. The yearly-line forms must read that as
 * "nicht haushaltswirksam", through the same parsing the page actions use (superValidate of the
 * posted FormData), not fill in a default.
 */

const posted = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};
const line = { year: '2026', scenario: 'planned', kind: 'investment', amount: '1.000', label: '' };
const change = { ...line, lineId: '7', version: '3' };

describe('the "Haushaltswirksam" box of the yearly-line forms', () => {
	it('add form: unticked saves false, ticked saves true', async () => {
		const schema = zod4(lineSchema('de'));
		const unticked = await superValidate(posted(line), schema);
		const ticked = await superValidate(posted({ ...line, budgetRelevant: 'on' }), schema);
		expect([unticked.valid, unticked.data.budgetRelevant]).toEqual([true, false]);
		expect([ticked.valid, ticked.data.budgetRelevant]).toEqual([true, true]);
	});

	it('change form: unticked saves false, ticked saves true', async () => {
		const schema = zod4(updateLineSchema('de'));
		const unticked = await superValidate(posted(change), schema);
		const ticked = await superValidate(posted({ ...change, budgetRelevant: 'on' }), schema);
		expect([unticked.valid, unticked.data.budgetRelevant]).toEqual([true, false]);
		expect([ticked.valid, ticked.data.budgetRelevant]).toEqual([true, true]);
	});
});

/** Source files of a folder, recursively. */
const sources = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts')
				? [join(dir, e.name)]
				: []
	);

describe('form schemas', () => {
	it('never default a boolean to true (an unticked checkbox would read as ticked)', () => {
		const defaultTrue =
			/z\s*\.\s*(?:coerce\s*\.\s*)?boolean\([^)]*\)(?:\s*\.\s*\w+\([^()]*\))*?\s*\.\s*default\(\s*true\s*\)/;
		const files = [...sources(join('src', 'lib', 'schemas')), ...sources(join('src', 'routes'))];
		expect(files.filter((f) => defaultTrue.test(readFileSync(f, 'utf8')))).toEqual([]);
	});
});
