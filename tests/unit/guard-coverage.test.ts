import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { routeGuards } from '../../src/lib/server/auth/guards';
import { capabilities } from '../../src/lib/server/auth/permissions';
import { apiTokenScopeValues } from '../../src/lib/schemas/api-tokens';

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

interface FirstCall {
	guard: string | undefined;
	/** The string literals among its arguments (a capability, a token scope); others are ignored. */
	literals: string[];
}

/** The function called by a statement like `guard(event, 'cap')` or `const v = await guard(…)`. */
function firstCallOf(statement: ts.Statement | undefined): FirstCall {
	let expr: ts.Expression | undefined;
	if (statement && ts.isExpressionStatement(statement)) expr = statement.expression;
	if (statement && ts.isVariableStatement(statement))
		expr = statement.declarationList.declarations[0]?.initializer;
	while (expr && ts.isAwaitExpression(expr)) expr = expr.expression;
	if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression)) {
		return { guard: undefined, literals: [] };
	}
	return {
		guard: expr.expression.text,
		literals: expr.arguments.filter(ts.isStringLiteralLike).map((a) => a.text)
	};
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

type ServerFunction = { name: string } & FirstCall;

/** Every exported load, action and request handler with its first call. */
function serverFunctions(file: string): ServerFunction[] {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true
	);
	const found: ServerFunction[] = [];
	const visitExport = (name: string, init: ts.Node) => {
		while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)) init = init.expression;
		if (name === 'actions' && !ts.isObjectLiteralExpression(init)) {
			// Actions built elsewhere (a factory, a spread) cannot be checked here: refuse them.
			found.push({ name: 'actions (not an object literal)', ...firstCallOf(undefined) });
		} else if (name === 'actions' && ts.isObjectLiteralExpression(init)) {
			for (const prop of init.properties) {
				const fn = ts.isPropertyAssignment(prop) ? prop.initializer : prop;
				found.push({
					name: `actions.${prop.name?.getText() ?? '?'}`,
					...firstCallOf(firstStatement(fn))
				});
			}
		} else if (name === 'load' || httpVerbs.has(name)) {
			found.push({ name, ...firstCallOf(firstStatement(init)) });
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

/**
 * The only server functions that may start without checking a capability, written out by hand
 * with the reason: they exist before a capability can be asked (nobody logged in yet, or the
 * second factor still owed) or show nothing but public text. Everything else must name one.
 */
const withoutCapability: Record<string, string> = {
	'src/routes/+layout.server.ts load allowAnonymous': 'the shell also frames the login page',
	'src/routes/barrierefreiheit/+page.server.ts load allowAnonymous': 'public statement',
	'src/routes/login/+page.server.ts load allowAnonymous': 'the login form',
	'src/routes/login/+page.server.ts actions.login allowAnonymous': 'logging in',
	'src/routes/login/+page.server.ts actions.logout requireSession': 'logout always works',
	'src/routes/healthz/+server.ts GET allowAnonymous': "the load balancer's probe, no data",
	'src/routes/readyz/+server.ts GET allowAnonymous': "the load balancer's probe, no data",
	'src/routes/login/sso/+server.ts GET allowAnonymous': 'single sign-on starts logged out',
	'src/routes/login/sso/callback/+server.ts GET allowAnonymous': "the provider's answer",
	'src/routes/login/2fa/+page.server.ts load requirePendingSecondFactor': 'code after password',
	'src/routes/login/2fa/+page.server.ts actions.verify requirePendingSecondFactor': 'the code',
	'src/routes/account/2fa/+page.server.ts load requireUserOrEnrolment': 'admin must enrol first',
	'src/routes/account/2fa/+page.server.ts actions.enrol requireUserOrEnrolment': 'as above',
	'src/routes/set-password/[token]/+page.server.ts load allowAnonymous': 'the e-mailed link',
	'src/routes/set-password/[token]/+page.server.ts actions.default allowAnonymous': 'as above',
	'src/routes/api/v1/openapi.json/+server.ts GET allowAnonymous': 'public API description',
	'src/routes/api/v1/problems/[code]/+server.ts GET allowAnonymous': 'public error documentation'
};

const knownCapabilities = new Set<string>(capabilities);
const knownTokenScopes = new Set<string>(apiTokenScopeValues);

/** Why a server function does not check a capability first, or null when it does. */
function problemOf(file: string, f: ServerFunction): string | null {
	const kind = f.guard && routeGuards[f.guard as keyof typeof routeGuards];
	const where = `${relative(process.cwd(), file)} ${f.name}`;
	if (!kind) return `${where} (first call: ${f.guard ?? 'none'}, not a route guard)`;
	if (kind !== 'capability') {
		return `${where} ${f.guard}` in withoutCapability
			? null
			: `${where} (${f.guard} checks no capability)`;
	}
	const known = f.guard === 'requireApiToken' ? knownTokenScopes : knownCapabilities;
	const named = f.literals.filter((l) => known.has(l));
	return named.length > 0 && named.length === f.literals.length
		? null
		: `${where} (${f.guard} without a capability written out: ${f.literals.join(', ') || 'none'})`;
}

const fixture = (name: string) => join(process.cwd(), 'tests', 'unit', 'fixtures', name);

describe('guard coverage', () => {
	const files = serverModules(routesDir);

	it('finds the server route modules', () => {
		expect(files.length).toBeGreaterThanOrEqual(50);
	});

	it('starts every load, action and endpoint with a guard that checks a capability', () => {
		const problems = files.flatMap((file) =>
			serverFunctions(file).flatMap((f) => problemOf(file, f) ?? [])
		);
		expect(problems).toEqual([]);
	});

	it('lists only exceptions that still exist', () => {
		const seen = new Set(
			files.flatMap((file) =>
				serverFunctions(file).map((f) => `${relative(process.cwd(), file)} ${f.name} ${f.guard}`)
			)
		);
		expect(Object.keys(withoutCapability).filter((key) => !seen.has(key))).toEqual([]);
	});

	it('notices a module whose load does not start with a guard', () => {
		const probe = fixture('unguarded.server.ts');
		expect(serverFunctions(probe)).toEqual([
			{ name: 'load', guard: 'fetchEverything', literals: [] }
		]);
		expect(problemOf(probe, serverFunctions(probe)[0]!)).toMatch(
			/fetchEverything, not a route guard/
		);
	});

	it('refuses a load that checks only the login', () => {
		const probe = fixture('login-only.server.ts');
		expect(serverFunctions(probe).map((f) => problemOf(probe, f))).toEqual([
			expect.stringMatching(/requireUser, not a route guard/),
			expect.stringMatching(/requireCapabilitySomewhere without a capability written out: none/),
			expect.stringMatching(/requirePermission without a capability written out: read_everything/),
			null
		]);
	});

	it('refuses actions it cannot inspect, such as ones built by a factory', () => {
		const probe = fixture('factory-actions.server.ts');
		expect(serverFunctions(probe)).toEqual([
			{ name: 'actions (not an object literal)', guard: undefined, literals: [] }
		]);
	});
});
