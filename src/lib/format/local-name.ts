import type { AppLocale } from './number';

/** The German or English text of `key` (`'definition'` → definitionDe / definitionEn). */
export function localized<T extends Record<`${K}De` | `${K}En`, unknown>, K extends string>(
	item: T,
	key: K,
	locale: AppLocale
): T[`${K}De`] | T[`${K}En`] {
	return locale === 'de' ? item[`${key}De`] : item[`${key}En`];
}

/** The name in the reader's language: `nameDe` in German, `nameEn` in English. */
export const localName = <D, E>(item: { nameDe: D; nameEn: E }, locale: AppLocale): D | E =>
	locale === 'de' ? item.nameDe : item.nameEn;
