import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Statements sent per request: the access log writes the count of each request, the bench and
 * the tests read it. Counted where the database handle reports a query (its logger), so every
 * statement of hooks, layout and page is included; work outside a counted scope is not.
 */
const counter = new AsyncLocalStorage<{ statements: number }>();

export async function countStatements<T>(
	work: () => Promise<T>
): Promise<{ result: T; statements: number }> {
	const scope = { statements: 0 };
	const result = await counter.run(scope, work);
	return { result, statements: scope.statements };
}

/** Adds one statement to the current scope, if any. */
export function noteStatement(): void {
	const scope = counter.getStore();
	if (scope) scope.statements++;
}
