import type { FieldRef } from '$lib/domain/tasks/types';
import type { AppLocale } from '$lib/format/number';

export const fieldName = (f: FieldRef, locale: AppLocale) =>
	locale === 'de' ? f.nameDe : f.nameEn;
