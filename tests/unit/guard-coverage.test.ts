import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { guardNames } from '../../src/lib/server/auth/guards';

const routesDir = join(process.cwd(), 'src', 'routes');
const serverModule = /^\+(page|layout)\.server\.ts$|^\+server\.ts$/;
const httpVerbs = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback']);

function serverModules(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return serverModules(path);
		return serverModule.test(name) ? [path] : [];
	});
}

/** The name of the function called by a statement like `guard(event)` or `const v = await guard(event)`. */
function calledName(statement: ts.Statement | undefined): string | undefined {
	if (!statement) return undefined;
	let expr: ts.Expression | undefined;
	if (ts.isExpressionStatement(statement)) expr = statement.expression;
	if (ts.isVariableStatement(statement))
		expr = statement.declarationList.declarations[0]?.initializer;
	while (expr && ts.isAwaitExpression(expr)) expr = expr.expression;
	return expr && ts.isCallExpression(expr) && ts.isIdentifier(expr.expression)
		? expr.expression.text
		: undefined;
}

function firstStatement(fn: ts.Node): ts.Statement | undefined {
	if (
		(ts.isArrowFunction(fn) ||
			ts.isFunctionExpression(fn) ||
			ts.isFunctionDeclaration(fn) ||
			ts.isMethodDeclaration(fn)) &&
		fn.body
	) {
		return ts.isBlock(fn.body)
			? fn.body.statements[0]
			: ts.factory.createExpressionStatement(fn.body);
	}
	return undefined;
}

/** Every exported load, action and request handler with the name of its first call. */
function serverFunctions(file: string): { name: string; firstCall: string | undefined }[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true
	);
	const found: { name: string; firstCall: string | undefined }[] = [];
	const visitExport = (name: string, init: ts.Node) => {
		while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
		if (name === 'actions' && !ts.isObjectLiteralExpression(init)) {
			// Actions built elsewhere (a factory, a spread) cannot be checked here: refuse them.
			found.push({ name: 'actions (not an object literal)', firstCall: undefined });
		} else if (name === 'actions' && ts.isObjectLiteralExpression(init)) {
			for (const prop of init.properties) {
				const fn = ts.isPropertyAssignment(prop) ? prop.initializer : prop;
				found.push({
					name: `actions.${prop.name?.getText() ?? '?'}`,
					firstCall: calledName(firstStatement(fn))
				});
			}
		} else if (name === 'load' || httpVerbs.has(name)) {
			found.push({ name, firstCall: calledName(firstStatement(init)) });
		}
	};
	for (const statement of source.statements) {
		const exported = ts
			.getModifiers(statement as ts.HasModifiers)
			?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isVariableStatement(statement)) {
			for (const d of statement.declarationList.declarations) {
				if (ts.isIdentifier(d.name) && d.initializer) visitExport(d.name.text, d.initializer);
			}
		} else if (ts.isFunctionDeclaration(statement) && statement.name) {
			visitExport(statement.name.text, statement);
		}
	}
	return found;
}

describe('guard coverage', () => {
	const files = serverModules(routesDir);

	it('finds the server route modules', () => {
		expect(files.length).toBeGreaterThanOrEqual(6);
	});

	it('starts every load, action and endpoint with a named guard', () => {
		const unguarded = files.flatMap((file) =>
			serverFunctions(file)
				.filter((f) => !guardNames.includes(f.firstCall as (typeof guardNames)[number]))
				.map(
					(f) => `${relative(process.cwd(), file)} ${f.name} (first call: ${f.firstCall ?? 'none'})`
				)
		);
		expect(unguarded).toEqual([]);
	});

	it('notices a module whose load does not start with a guard', () => {
		const probe = join(process.cwd(), 'tests', 'unit', 'fixtures', 'unguarded.server.ts');
		expect(serverFunctions(probe)).toEqual([{ name: 'load', firstCall: 'fetchEverything' }]);
	});

	it('refuses actions it cannot inspect, such as ones built by a factory', () => {
		const probe = join(process.cwd(), 'tests', 'unit', 'fixtures', 'factory-actions.server.ts');
		expect(serverFunctions(probe)).toEqual([
			{ name: 'actions (not an object literal)', firstCall: undefined }
		]);
	});
});
