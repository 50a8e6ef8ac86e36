import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { text } from './text';
import { peerGroupSchema } from './peer-groups';
import { objectiveSchema } from './scorecard-editor';

/** Source files of a folder, recursively. */
const sources = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: /\.ts$/.test(e.name) && !e.name.endsWith('.test.ts')
				? [join(dir, e.name)]
				: []
	);

describe('text()', () => {
	it('drops NUL before the length checks', () => {
		expect(text().trim().min(1).safeParse('\u0000').success).toBe(false);
		expect(text().max(3).parse('a\u0000b\u0000c')).toBe('abc');
		expect(text({ error: () => 'missing' }).safeParse(undefined).error?.issues[0]?.message).toBe(
			'missing'
		);
	});

	it('is what the form schemas read names and descriptions with', () => {
		const group = peerGroupSchema.parse({
			slug: 'gro\u0000sse',
			nameDe: 'K\u0000öln',
			nameEn: 'Cologne',
			members: [1, 2]
		});
		expect([group.slug, group.nameDe]).toEqual(['grosse', 'Köln']);
		const objective = objectiveSchema.parse({
			version: 1,
			perspectiveId: 1,
			title: '\u0000Ziel',
			description: 'a\u0000',
			owner: ''
		});
		expect([objective.title, objective.description]).toEqual(['Ziel', 'a']);
	});

	it('replaces z.string() in every form schema and route', () => {
		// PostgreSQL text cannot hold NUL: a plain z.string() would let it through to a 500.
		const files = [...sources(join('src', 'lib', 'schemas')), ...sources(join('src', 'routes'))];
		const plain = files.filter(
			(f) => !f.endsWith('text.ts') && /\bz\s*\.string\(/.test(readFileSync(f, 'utf8'))
		);
		expect(plain).toEqual([]);
	});
});
