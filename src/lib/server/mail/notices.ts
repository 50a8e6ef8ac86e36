export { mailKinds, type MailKind } from '../../domain/mail/kinds';

/**
 * What a notice is about: names, the quarter and counts of the recipient's own city. Never a
 * value: a mail may be forwarded, and counts say enough to act on.
 */
export interface QuarterSubject {
	city: string;
	citySlug: string;
	fieldSlug: string;
	fieldNameDe: string;
	fieldNameEn: string;
	year: number;
	quarter: number;
}

export type MailNotice =
	| ({ kind: 'reminder' | 'overdue' } & QuarterSubject & {
				deadline: string;
				missing: number;
				draft: number;
				kpis: number;
			})
	| ({ kind: 'submitted' | 'released' } & QuarterSubject & { count: number })
	| ({ kind: 'returned' } & QuarterSubject & { count: number; reason: string });

/** The outbox key of a quarter's notice: city/field/year-Qn, plus what makes it unique. */
export const quarterKey = (
	organisationId: number,
	fieldId: number,
	q: { year: number; quarter: number },
	suffix: string
) => `${organisationId}/${fieldId}/${q.year}-Q${q.quarter}/${suffix}`;
