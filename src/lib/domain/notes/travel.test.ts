import { describe, expect, it } from 'vitest';
import { scorecardStatus, travellingNote } from './travel';

describe('travellingNote', () => {
	const red = { comment: 'Personalausfall', status: 'red', state: 'released' } as const;

	it('carries the comment of a released red or amber value to anyone', () => {
		expect(travellingNote(red, false)).toBe('Personalausfall');
		expect(travellingNote({ ...red, status: 'yellow' }, false)).toBe('Personalausfall');
	});

	it('leaves comments on green values, values without target and without data behind', () => {
		for (const status of ['green', 'no_target', 'no_data'] as const)
			expect(travellingNote({ ...red, status }, true)).toBeNull();
	});

	it('shows an unreleased value’s comment to its own city only', () => {
		for (const state of ['draft', 'submitted', null] as const) {
			expect(travellingNote({ ...red, state }, false)).toBeNull();
			expect(travellingNote({ ...red, state }, true)).toBe('Personalausfall');
		}
	});

	it('counts a comment of only spaces as none and trims the rest', () => {
		expect(travellingNote({ ...red, comment: '  \n ' }, true)).toBeNull();
		expect(travellingNote({ ...red, comment: null }, true)).toBeNull();
		expect(travellingNote({ ...red, comment: ' Umzug \n' }, true)).toBe('Umzug');
	});
});

describe('scorecardStatus', () => {
	const field = { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null };
	const city = { greenMin: '50', greenMax: null, yellowMin: '40', yellowMax: null };

	it('judges against the city’s target for the year before the field’s', () => {
		expect(scorecardStatus(60, null, field)).toBe('red');
		expect(scorecardStatus(60, city, field)).toBe('green');
		expect(scorecardStatus(45, city, null)).toBe('yellow');
	});

	it('falls back to the field’s target when the city set none, and has none without either', () => {
		const open = { greenMin: null, greenMax: null, yellowMin: null, yellowMax: null };
		expect(scorecardStatus(70, open, field)).toBe('yellow');
		expect(scorecardStatus(70, null, null)).toBe('no_target');
		expect(scorecardStatus(null, city, field)).toBe('no_data');
	});
});
