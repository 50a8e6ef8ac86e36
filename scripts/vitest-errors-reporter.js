// A Vitest reporter that writes what the JSON reporter leaves out: errors outside any test
// (a failing beforeAll/afterAll hook, a file that fails while it is collected) and unhandled
// errors (a rejected promise nobody awaited). scripts/count-results.js counts each as a failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const message = (error) => String(error?.message ?? error).split('\n')[0];

export default class ErrorsReporter {
	constructor(options = {}) {
		this.outputFile = options.outputFile ?? 'test-results/vitest-errors.json';
	}

	onTestRunEnd(testModules, unhandledErrors, reason) {
		const suiteErrors = [];
		const visit = (task, file) => {
			// A suite (or file) with errors of its own failed outside its tests; a suite that only
			// contains a failed test has none, so nothing is counted twice.
			if (task.type === 'suite' && task.result?.errors?.length) {
				for (const error of task.result.errors)
					suiteErrors.push({ file, suite: task.name, message: message(error) });
			}
			for (const child of task.tasks ?? []) visit(child, file);
		};
		for (const module of testModules) visit(module.task, module.moduleId);
		mkdirSync(dirname(this.outputFile), { recursive: true });
		writeFileSync(
			this.outputFile,
			JSON.stringify(
				{
					reason,
					suiteErrors,
					unhandledErrors: unhandledErrors.map((e) => ({ message: message(e) }))
				},
				null,
				'\t'
			)
		);
	}
}
