import { describe, expect, it } from 'vitest';
import { afterLook } from './visit';

const t = (hhmm: string) => new Date(`2026-12-05T${hhmm}:00Z`);

describe('visits to the tasks page', () => {
	it('the first look opens the first visit: nothing was seen before it', () => {
		expect(afterLook({ seenAt: null, previousVisitAt: null }, t('09:00'))).toEqual({
			seenAt: t('09:00'),
			previousVisitAt: null
		});
	});

	it('a look within 30 minutes of the last one belongs to the same visit', () => {
		expect(afterLook({ seenAt: t('09:00'), previousVisitAt: null }, t('09:30'))).toEqual({
			seenAt: t('09:30'),
			previousVisitAt: null
		});
		expect(afterLook({ seenAt: t('09:30'), previousVisitAt: t('07:00') }, t('09:45'))).toEqual({
			seenAt: t('09:45'),
			previousVisitAt: t('07:00')
		});
	});

	it('after more than 30 minutes without a look a new visit starts after the last look', () => {
		expect(afterLook({ seenAt: t('09:00'), previousVisitAt: null }, t('09:31'))).toEqual({
			seenAt: t('09:31'),
			previousVisitAt: t('09:00')
		});
	});

	it('a clock behind the last look neither moves it back nor starts a visit', () => {
		expect(afterLook({ seenAt: t('09:00'), previousVisitAt: t('07:00') }, t('08:00'))).toEqual({
			seenAt: t('09:00'),
			previousVisitAt: t('07:00')
		});
	});
});
