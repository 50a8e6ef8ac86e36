import { m } from '../../paraglide/messages';
import type { BriefingFactor, BriefingPilot } from '../../domain/briefing/types';
import type { BriefingText } from './text';

/**
 * The pilots and factors tables in one place: which columns, and what each cell says. The PDF
 * (pdf-document.ts) and the slides (pptx.ts) only draw them, each in its own format, so the two
 * cannot drift apart in what they tell.
 */
export interface BriefingCell {
	text: string;
	/** Set where the cell may be emphasised: true draws it bold. */
	bold?: boolean;
	/** Money: right-aligned, so the figures line up. */
	right?: boolean;
	/** A second line under the text (a KPI's name under its code). */
	under?: string;
}

export interface BriefingTable<T> {
	head: string[];
	row: (item: T) => BriefingCell[];
}

export function pilotTable(t: BriefingText): BriefingTable<BriefingPilot> {
	const o = t.o;
	const money = (c: number | null): BriefingCell => ({
		text: c === null ? '–' : t.euro(c),
		right: true
	});
	return {
		head: [
			m.col_field({}, o),
			m.briefing_col_pilot({}, o),
			m.briefing_col_lead({}, o),
			m.col_status({}, o),
			m.briefing_col_years({}, o),
			m.briefing_col_npv({}, o),
			m.briefing_col_benefits_planned({}, o),
			m.briefing_col_benefits_realised({}, o)
		],
		row: (p) => [
			{ text: p.field },
			{ text: p.title },
			// The city's own lead stands out.
			{ text: p.leadName, bold: p.lead },
			{ text: t.pilotStatus(p.status) },
			{ text: p.startYear === p.endYear ? String(p.startYear) : `${p.startYear}–${p.endYear}` },
			money(p.npvPlanned),
			money(p.plannedBenefitsToDate),
			money(p.realisedBenefits)
		]
	};
}

export function factorTable(t: BriefingText): BriefingTable<BriefingFactor> {
	const o = t.o;
	return {
		head: [
			m.col_field({}, o),
			m.col_kpi({}, o),
			m.col_quarter({}, o),
			m.briefing_col_factor({}, o),
			m.briefing_col_explanation({}, o),
			m.briefing_col_effect({}, o)
		],
		row: (f) => [
			{ text: f.field },
			{ text: f.code, under: f.name },
			{ text: t.quarter(f.quarter) },
			{ text: t.factorKind(f.kind) },
			{ text: f.explanation },
			{ text: f.estimatedEffect || '–' }
		]
	};
}
