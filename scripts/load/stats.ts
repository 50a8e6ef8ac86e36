/** Request figures per scenario: counts, errors and latency percentiles. */
export interface Sample {
	scenario: string;
	ms: number;
	ok: boolean;
}

export class Stats {
	private samples = new Map<string, number[]>();
	private errorCount = new Map<string, number>();
	readonly errors: string[] = [];

	record(scenario: string, ms: number, ok: boolean, detail?: string) {
		const list = this.samples.get(scenario) ?? [];
		list.push(ms);
		this.samples.set(scenario, list);
		if (!ok) {
			this.errorCount.set(scenario, (this.errorCount.get(scenario) ?? 0) + 1);
			if (detail && this.errors.length < 20) this.errors.push(`${scenario}: ${detail}`);
		}
	}

	get total() {
		return [...this.samples.values()].reduce((n, l) => n + l.length, 0);
	}

	get errorTotal() {
		return [...this.errorCount.values()].reduce((n, c) => n + c, 0);
	}

	table(seconds: number): string[] {
		const lines = [
			`  ${'scenario'.padEnd(22)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'req/s'.padStart(6)}`
		];
		for (const [name, list] of [...this.samples].sort(([a], [b]) => a.localeCompare(b))) {
			const sorted = [...list].sort((a, b) => a - b);
			// A scenario's list starts with its first sample (record), so it is never empty.
			const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
			lines.push(
				`  ${name.padEnd(22)} ${String(list.length).padStart(8)} ${String(this.errorCount.get(name) ?? 0).padStart(6)} ${p(0.5).toFixed(0).padStart(7)} ${p(0.95).toFixed(0).padStart(7)} ${p(1).toFixed(0).padStart(7)} ${(list.length / seconds).toFixed(1).padStart(6)}`
			);
		}
		lines.push(
			`  ${'total'.padEnd(22)} ${String(this.total).padStart(8)} ${String(this.errorTotal).padStart(6)} ${''.padStart(23)} ${(this.total / seconds).toFixed(1).padStart(6)}`
		);
		return lines;
	}
}
