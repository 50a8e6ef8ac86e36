import type { RequestEvent } from '@sveltejs/kit';
import type { Viewer } from './viewer';

/**
 * Named guards: the first call in every load, action and endpoint (a test enforces it).
 * They decide synchronously from the request, so no route can forget to await them.
 */

/** Reading released ring data. Anonymous for now; accounts arrive with issue 3. */
export function requireReader(_event: Pick<RequestEvent, 'locals' | 'url'>): Viewer {
	return { kind: 'anonymous' };
}

/** Guard names the coverage test accepts as a first statement. */
export const guardNames = ['requireReader'] as const;
