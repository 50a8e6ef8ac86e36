import { error } from '@sveltejs/kit';
import type { SuperValidated } from 'sveltekit-superforms';
import { m } from '../../paraglide/messages';
import type { AppLocale } from '../../format/number';
import { formatNumberInput, parseLocaleNumber } from '../../format/parse-number';
import { lastCompletedQuarter, shiftQuarter, type Quarter } from '../../domain/period/quarter';
import { bandErrors, bandsFromText, type DefinitionForm } from '../../schemas/catalogue';
import type { EditorRefusal } from './commands';
import type { KpiDefinition, KpiVersionRow, MeaningField } from './definition';
import { failForm } from '../http/form-failure';
import { errorNotice, type FormNotice } from '../../schemas/form-notice';

/** Glue between the Steckbrief forms (text as typed in the locale) and the editor (numbers). */

const numberOrNull = (text: string, locale: AppLocale) =>
	text.trim() === '' ? null : parseLocaleNumber(text, locale);

/** The definition a validated form describes; numbers read in the locale the form was typed in. */
export function definitionFromForm(data: DefinitionForm, locale: AppLocale): KpiDefinition {
	const bands = bandsFromText(data, locale);
	return {
		nameDe: data.nameDe,
		nameEn: data.nameEn,
		definitionDe: data.definitionDe,
		definitionEn: data.definitionEn,
		unit: data.unit,
		decimals: data.decimals,
		polarity: data.polarity,
		aggregation: data.aggregation,
		denominator: data.denominator,
		source: data.source,
		plausibleChangePercent: numberOrNull(data.plausibleChangePercent, locale),
		greenMin: bands.greenMin,
		greenMax: bands.greenMax,
		yellowMin: bands.yellowMin,
		yellowMax: bands.yellowMax
	};
}

/** A stored version as form input, numbers written the way the locale types them. */
export function formFromVersion(version: KpiVersionRow, locale: AppLocale): DefinitionForm {
	return {
		nameDe: version.nameDe,
		nameEn: version.nameEn,
		definitionDe: version.definitionDe,
		definitionEn: version.definitionEn,
		unit: version.unit,
		decimals: version.decimals,
		polarity: version.polarity,
		aggregation: version.aggregation,
		denominator: version.denominator,
		source: version.source,
		plausibleChangePercent: formatNumberInput(version.plausibleChangePercent, locale),
		greenMin: formatNumberInput(version.greenMin, locale),
		greenMax: formatNumberInput(version.greenMax, locale),
		yellowMin: formatNumberInput(version.yellowMin, locale),
		yellowMax: formatNumberInput(version.yellowMax, locale)
	};
}

/** The quarter running on the given day (the default start of a new KPI). */
export const currentQuarter = (day: Date): Quarter => shiftQuarter(lastCompletedQuarter(day), 1);

const quarterText = (q: Quarter) =>
	m.quarter_label({ year: String(q.year), quarter: String(q.quarter) });

type AnyForm = SuperValidated<Record<string, unknown>, FormNotice>;

/** Puts a message next to a field, as the schema would have. */
function addError(form: AnyForm, field: string, message: string) {
	const errors = form.errors as Record<string, string[] | undefined>;
	errors[field] = [...(errors[field] ?? []), message];
	form.valid = false;
}

/**
 * Turns an editor refusal into the same form with messages next to the fields (status 400, or
 * 409 for a conflict) so the user's input stays; not_found ends in 404.
 */
export function refusalResponse<F extends AnyForm>(
	form: F,
	refusal: EditorRefusal,
	locale: AppLocale
) {
	const status = refusal.reason === 'conflict' ? 409 : 400;
	switch (refusal.reason) {
		case 'not_found':
			error(404, m.catalogue_editor_not_found());
			break;
		case 'conflict':
			// Shown with the current history; saving again is a deliberate overwrite.
			form.data.expectedVersion = refusal.currentVersion;
			form.message = errorNotice(m.catalogue_editor_conflict());
			break;
		case 'code_taken':
			addError(form, 'code', m.catalogue_editor_code_taken());
			form.message = errorNotice(m.catalogue_editor_check_input());
			break;
		case 'meaning_changed':
			for (const field of refusal.fields satisfies MeaningField[])
				addError(form, field, m.catalogue_editor_meaning_changed());
			form.message = errorNotice(m.catalogue_editor_meaning_changed_form());
			break;
		case 'valid_from_not_after_latest':
			addError(
				form,
				'validFromYear',
				m.catalogue_editor_valid_from_not_after({
					quarter: quarterText(refusal.latest),
					next: quarterText(shiftQuarter(refusal.latest, 1))
				})
			);
			form.message = errorNotice(m.catalogue_editor_check_input());
			break;
		case 'bands_invalid': {
			const data = form.data as unknown as DefinitionForm;
			const bands = bandsFromText(data, locale);
			for (const { field, message } of bandErrors(data.polarity, bands, refusal.problems))
				addError(form, field, message);
			form.message = errorNotice(m.catalogue_editor_check_input());
			break;
		}
		case 'unchanged':
			form.message = errorNotice(m.catalogue_editor_unchanged());
			break;
		case 'in_use':
			form.message = errorNotice(m.catalogue_editor_in_use());
			break;
	}
	form.valid = false;
	return failForm(status, { form });
}
