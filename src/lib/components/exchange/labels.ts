import { m } from '$lib/paraglide/messages';
import type { FactorKind, NoteKind } from '$lib/domain/exchange/kinds';

export const noteKindLabel: Record<NoteKind, () => string> = {
	comment: () => m.exchange_kind_comment(),
	lesson: () => m.exchange_kind_lesson()
};

export const factorKindLabel: Record<FactorKind, () => string> = {
	outsourcing: () => m.factor_kind_outsourcing(),
	case_mix: () => m.factor_kind_case_mix(),
	one_off: () => m.factor_kind_one_off(),
	staffing: () => m.factor_kind_staffing(),
	legal_change: () => m.factor_kind_legal_change(),
	it_change: () => m.factor_kind_it_change(),
	other: () => m.factor_kind_other()
};

/** "Einflussfaktor: Fallmix", with the quarter where a year's figure stands for several values. */
export function factorMarkerText(kind: FactorKind, quarter?: number): string {
	const label = factorKindLabel[kind]();
	return quarter === undefined
		? m.factor_marker({ kind: label })
		: m.factor_marker_quarter({ kind: label, quarter: String(quarter) });
}
