/**
 * A visit to "Meine Aufgaben": looks at the page with no more than 30 minutes between them (the
 * usual web-analytics session). "Released since your last visit" counts from the last look of
 * the visit before, so reloading within a visit shows the same list (decision 0038).
 */
export const VISIT_GAP_MINUTES = 30;

export interface VisitMarks {
	/** The last look at the page; null: never looked. */
	seenAt: Date | null;
	/** The last look of the visit before the current one; null: this is the first visit. */
	previousVisitAt: Date | null;
}

/** The marks after a look at `now`. A clock behind the last look changes nothing. */
export function afterLook(marks: VisitMarks, now: Date): VisitMarks {
	const { seenAt, previousVisitAt } = marks;
	if (!seenAt) return { seenAt: now, previousVisitAt: null };
	if (now.getTime() <= seenAt.getTime()) return { seenAt, previousVisitAt };
	const newVisit = now.getTime() - seenAt.getTime() > VISIT_GAP_MINUTES * 60_000;
	return { seenAt: now, previousVisitAt: newVisit ? seenAt : previousVisitAt };
}
