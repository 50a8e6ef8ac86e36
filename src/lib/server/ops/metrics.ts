import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The app's own registry (not prom-client's global one), served by metrics-server.ts. */
export const registry = new Registry();

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const requests = new Counter({
	name: 'ikz_http_requests_total',
	help: 'HTTP requests answered, by method, route id and status',
	labelNames: ['method', 'route', 'status'] as const,
	registers: [registry]
});

const durations = new Histogram({
	name: 'ikz_http_request_duration_seconds',
	help: 'Time from request to response headers, by method and route id',
	labelNames: ['method', 'route'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

const queries = new Counter({
	name: 'ikz_db_queries_total',
	help: 'SQL statements sent to the database by this process',
	registers: [registry]
});

export interface RequestSample {
	method: string;
	/** SvelteKit's route id (e.g. /cities/[city]), never the raw path: bounded and free of tokens. */
	route: string | null;
	status: number;
	seconds: number;
}

export function recordRequest(sample: RequestSample): void {
	// Labels stay bounded: an unknown method or path cannot create new series.
	const method = KNOWN_METHODS.has(sample.method) ? sample.method : 'OTHER';
	const route = sample.route ?? 'unmatched';
	requests.inc({ method, route, status: String(sample.status) });
	durations.observe({ method, route }, sample.seconds);
}

export function recordQuery(): void {
	queries.inc();
}

/**
 * A gauge read at each scrape, for modules that own a queue (pending imports, the mail outbox).
 * A failed read (database down) reports NaN (a labelled gauge: no series) instead of failing the
 * whole scrape or pretending the queue is empty.
 */
export function registerGauge(
	name: string,
	help: string,
	read: () => Promise<number | Record<string, number>>,
	labelName?: string
): void {
	if (registry.getSingleMetric(name)) return;
	new Gauge({
		name,
		help,
		labelNames: labelName ? [labelName] : [],
		registers: [registry],
		async collect() {
			this.reset();
			let value: number | Record<string, number>;
			try {
				value = await read();
			} catch {
				if (!labelName) this.set(Number.NaN);
				return;
			}
			if (typeof value === 'number') this.set(value);
			else for (const [label, n] of Object.entries(value)) this.set({ [labelName!]: label }, n);
		}
	});
}

let defaultsStarted = false;

/** Node's process metrics (memory, CPU, event loop lag, handles), once per process. */
export function collectProcessMetrics(): void {
	if (defaultsStarted) return;
	defaultsStarted = true;
	collectDefaultMetrics({ register: registry });
}
