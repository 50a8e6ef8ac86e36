import { describe, expect, it } from 'vitest';
import { localName, localized } from './local-name';

describe('local names', () => {
	const field = {
		nameDe: 'Archivierung',
		nameEn: 'Archiving',
		definitionDe: 'Anteil der Akten',
		definitionEn: 'Share of files'
	};

	it('shows the German name in German and the English name in English', () => {
		expect(localName(field, 'de')).toBe('Archivierung');
		expect(localName(field, 'en')).toBe('Archiving');
	});

	it('picks any text stored in both languages by its key', () => {
		expect(localized(field, 'definition', 'de')).toBe('Anteil der Akten');
		expect(localized(field, 'definition', 'en')).toBe('Share of files');
		expect(
			localized({ fieldNameDe: null, fieldNameEn: 'Archiving' }, 'fieldName', 'de')
		).toBeNull();
	});
});
