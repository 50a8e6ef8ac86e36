import type { Handle } from '@sveltejs/kit';

/** The load balancer's probes: answered without session, cookies or data. */
export const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export const isProbe = (url: URL): boolean => PROBE_PATHS.has(url.pathname);

/** Runs `handle` for every request but the probes, which a load balancer sends every few seconds. */
export const exceptProbes =
	(handle: Handle): Handle =>
	(input) =>
		isProbe(input.event.url) ? input.resolve(input.event) : handle(input);
