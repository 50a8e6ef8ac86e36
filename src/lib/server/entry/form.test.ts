import { describe, expect, it, vi } from 'vitest';
import { readGridPost } from './form';

/** The grid's fields for the given rows, in the order the page posts them. */
function gridForm(rows: { kpi: string; value?: string; comment?: string; version?: string }[]) {
	const form = new FormData();
	for (const r of rows) {
		form.append('kpi', r.kpi);
		form.append(`version_${r.kpi}`, r.version ?? '0');
		form.append(`value_${r.kpi}`, r.value ?? '');
		form.append(`comment_${r.kpi}`, r.comment ?? '');
	}
	return form;
}

describe('readGridPost', () => {
	it('reads each posted row with its value, comment and version', () => {
		const form = gridForm([
			{ kpi: '7', value: '1.234,5', comment: '  Umzug\u0000 ', version: '3' },
			{ kpi: '9' }
		]);
		// A second field of the same name does not override the first, as with `form.get`.
		form.append('value_7', '99');
		expect(readGridPost(form)).toEqual([
			{ kpiId: 7, value: '1.234,5', comment: 'Umzug', version: 3 },
			{ kpiId: 9, value: '', comment: '', version: 0 }
		]);
		const missing = new FormData();
		missing.append('kpi', '5');
		expect(readGridPost(missing)).toEqual([{ kpiId: 5, value: '', comment: '', version: 0 }]);
	});

	it('refuses rows that are not rows of a grid', () => {
		expect(readGridPost(gridForm([{ kpi: 'abc' }]))).toBeNull();
		expect(readGridPost(gridForm([{ kpi: '3', version: '-1' }]))).toBeNull();
		expect(readGridPost(gridForm([{ kpi: '3', value: 'x'.repeat(65) }]))).toBeNull();
		const file = new FormData();
		file.append('kpi', new Blob(['1']), '1');
		expect(readGridPost(file)).toBeNull();
	});

	it('walks the form once instead of looking up each field', () => {
		const form = gridForm(
			Array.from({ length: 50 }, (_, i) => ({ kpi: String(i + 1), value: '1' }))
		);
		const get = vi.spyOn(form, 'get');
		const getAll = vi.spyOn(form, 'getAll');
		const walk = vi.spyOn(form, Symbol.iterator as never);
		expect(readGridPost(form)).toHaveLength(50);
		expect(get).not.toHaveBeenCalled();
		expect(getAll).not.toHaveBeenCalled();
		expect(walk).toHaveBeenCalledTimes(1);
	});

	it('answers a hostile post of 20,000 fields at once, and a full grid of 500 rows too', () => {
		const hostile = new FormData();
		for (let i = 0; i < 20_000; i++) hostile.append('kpi', String(i + 1));
		let started = performance.now();
		expect(readGridPost(hostile)).toBeNull();
		const hostileMs = performance.now() - started;

		const full = gridForm(
			Array.from({ length: 500 }, (_, i) => ({ kpi: String(i + 1), value: '2' }))
		);
		started = performance.now();
		expect(readGridPost(full)).toHaveLength(500);
		const fullMs = performance.now() - started;
		// Generous: both take milliseconds; looking fields up one by one took 9–16 s for 20,000.
		expect(hostileMs).toBeLessThan(1_000);
		expect(fullMs).toBeLessThan(1_000);
	});
});
