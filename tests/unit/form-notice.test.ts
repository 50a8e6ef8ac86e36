import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One shape for a message about a whole form (decision 23, issue 15): a refused action answers
 * through `$lib/server/http/form-failure` (`failForm` for superforms forms, whose message is a
 * `FormNotice`; `failNotice` for a refusal without one, sent as `{ notice: FormNotice }`), and a
 * page shows it with `FormNoticeLine`. A route or server module that calls SvelteKit's `fail`
 * itself can answer any shape (`{ message }`, `{ error }` …), and this test names it; so does a
 * component that prints a superforms message as text instead of handing it to `FormNoticeLine`.
 */
const cwd = process.cwd();
const serverRoots = [join(cwd, 'src', 'routes'), join(cwd, 'src', 'lib', 'server')];
const uiRoots = [join(cwd, 'src', 'routes'), join(cwd, 'src', 'lib', 'components')];
const helper = join('src', 'lib', 'server', 'http', 'form-failure.ts');

function files(dir: string, pattern: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path, pattern);
		return pattern.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

/** Calls of SvelteKit's `fail` (under whatever local name it was imported) in a source text. */
export function kitFailCalls(text: string): number {
	const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
	const names = new Set<string>();
	for (const statement of source.statements) {
		if (
			ts.isImportDeclaration(statement) &&
			ts.isStringLiteral(statement.moduleSpecifier) &&
			statement.moduleSpecifier.text === '@sveltejs/kit'
		) {
			const bindings = statement.importClause?.namedBindings;
			if (bindings && ts.isNamedImports(bindings)) {
				for (const el of bindings.elements) {
					if ((el.propertyName ?? el.name).text === 'fail') names.add(el.name.text);
				}
			}
			if (bindings && ts.isNamespaceImport(bindings)) names.add(`${bindings.name.text}.fail`);
		}
	}
	let count = 0;
	const visit = (node: ts.Node) => {
		if (ts.isCallExpression(node) && names.has(node.expression.getText(source))) count++;
		ts.forEachChild(node, visit);
	};
	visit(source);
	return count;
}

/** A form's message printed as text (`{$message}`, `{failure.message}`) instead of by FormNoticeLine. */
const printedMessage = /(?<!=)\{\s*(\$message|(form|raw|result|failure)\??\.message)\s*\}/;

describe('one shape for form notices', () => {
	it('answers every refused action through form-failure.ts', () => {
		const offenders = serverRoots
			.flatMap((root) => files(root, /\.ts$/))
			.filter((file) => relative(cwd, file) !== helper)
			.filter((file) => kitFailCalls(readFileSync(file, 'utf8')) > 0)
			.map((file) => relative(cwd, file));
		expect(offenders).toEqual([]);
	});

	it('shows every whole-form message with FormNoticeLine', () => {
		const offenders = uiRoots
			.flatMap((root) => files(root, /\.svelte$/))
			.filter((file) => printedMessage.test(readFileSync(file, 'utf8')))
			.map((file) => relative(cwd, file));
		expect(offenders).toEqual([]);
	});

	it('would notice a route answering its own shape', () => {
		expect(
			kitFailCalls("import { fail } from '@sveltejs/kit';\nfail(400, { message: 'x' });")
		).toBe(1);
		expect(
			kitFailCalls("import { fail as f } from '@sveltejs/kit';\nf(400, { error: 'x' });")
		).toBe(1);
		expect(kitFailCalls("import * as kit from '@sveltejs/kit';\nkit.fail(400, {});")).toBe(1);
		// A local function that happens to be called fail (tabular/file.ts) is not SvelteKit's.
		expect(kitFailCalls("const fail = (x: object) => x;\nfail({ problem: 'empty' });")).toBe(0);
		expect(printedMessage.test('<p role="alert">{$message}</p>')).toBe(true);
		expect(printedMessage.test('<p>{failure.message}</p>')).toBe(true);
		expect(printedMessage.test('<FormNoticeLine notice={$message} />')).toBe(false);
	});
});
