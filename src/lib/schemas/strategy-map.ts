import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** An objective chosen in a select: empty comes in as 0 and is asked for again. */
const objectiveId = (message: () => string) =>
	z
		.number({ error: message })
		.int({ error: message })
		.min(1, { error: message })
		.max(2_147_483_647, { error: message });

/** Every form carries the scorecard version it was read at (optimistic locking). */
const version = z.int32().min(1).max(2_147_483_647);

export const addLinkSchema = z
	.object({
		fromObjectiveId: objectiveId(() => m.strategy_map_choose_from()),
		toObjectiveId: objectiveId(() => m.strategy_map_choose_to()),
		version
	})
	.refine((v) => v.fromObjectiveId !== v.toObjectiveId, {
		path: ['toObjectiveId'],
		error: () => m.strategy_map_same_objective()
	});

export const removeLinkSchema = z.object({
	fromObjectiveId: objectiveId(() => m.strategy_map_not_found()),
	toObjectiveId: objectiveId(() => m.strategy_map_not_found()),
	version
});
