import type { LayoutOptions } from './types';
import { byKey } from './geometry';
import type { RoutedLink } from './routing-types';

/**
 * Tracks: horizontal runs in one channel that would overlap get different heights. Track 0 lies
 * nearest the lane below; arcs within that lane take the lowest tracks, so their two legs down
 * into the boxes cross no other run. Sets each link's `tracks`; returns the tracks per channel.
 */
export function assignTracks(routed: readonly RoutedLink[], o: LayoutOptions): Map<number, number> {
	const channelRuns = new Map<
		number,
		{ link: RoutedLink; run: number; a: number; b: number; group: number }[]
	>();
	for (const link of routed) {
		const cx = link.corridor?.x;
		const runs: [number, number][] =
			cx === undefined
				? [[link.startX, link.endX]]
				: [
						[link.startX, cx],
						[cx, link.endX]
					];
		link.channels.forEach((channel, run) => {
			const [x1, x2] = runs[run]!;
			const list = channelRuns.get(channel) ?? [];
			const group = link.kind === 'same_lane' ? 0 : 1;
			list.push({ link, run, a: Math.min(x1, x2), b: Math.max(x1, x2), group });
			channelRuns.set(channel, list);
		});
	}
	const trackCount = new Map<number, number>();
	for (const [channel, runs] of channelRuns) {
		runs.sort(
			(p, q) => p.group - q.group || p.a - q.a || p.b - q.b || byKey(p.link.key, q.link.key)
		);
		let used = 0;
		for (const group of [0, 1]) {
			const trackEnds: number[] = [];
			for (const r of runs.filter((run) => run.group === group)) {
				// A run without length (a straight leg) needs no track of its own.
				let track = trackEnds.findIndex((end) => end + o.trackSpacing <= r.a);
				if (track === -1) {
					track = trackEnds.length;
					trackEnds.push(r.b);
				} else trackEnds[track] = r.b;
				r.link.tracks[r.run] = used + track;
			}
			used += trackEnds.length;
		}
		trackCount.set(channel, used);
	}
	return trackCount;
}
