import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../auth/permissions';
import {
	decideAddNote,
	decideDeleteNote,
	decideEditNote,
	decideFactor,
	valueVisible
} from './policy';

const KOELN = 1;
const DUESSELDORF = 2;
const as = (userId: number, role: Role, organisationId: number | null = null): Principal => ({
	userId,
	roles: [{ role, organisationId, fieldId: null }]
});
const koelnController = as(10, 'controller', KOELN);
const duesseldorfLeader = as(20, 'city_leadership', DUESSELDORF);
const observer = as(30, 'observer');
const admin = as(40, 'admin');
const draft = { organisationId: KOELN, state: 'draft' as const };
const released = { organisationId: KOELN, state: 'released' as const };
const missing = { organisationId: KOELN, state: null };

describe('visibility of a value (and so of its notes and factors)', () => {
	it('shows an unreleased value only to its own city', () => {
		expect(valueVisible(koelnController, draft)).toBe(true);
		expect(valueVisible(duesseldorfLeader, draft)).toBe(false);
		expect(valueVisible(observer, { ...draft, state: 'submitted' })).toBe(false);
	});
	it('shows a released value to everyone logged in', () => {
		expect(valueVisible(duesseldorfLeader, released)).toBe(true);
		expect(valueVisible(observer, released)).toBe(true);
	});
	it('has nothing to show where no value exists', () => {
		expect(valueVisible(koelnController, missing)).toBe(false);
	});
});

describe('adding a note', () => {
	it('lets everyone comment on a pilot', () => {
		expect(decideAddNote(observer, { kind: 'pilot' })).toEqual({ ok: true });
	});
	it('lets another city comment on a value only once it is released', () => {
		expect(decideAddNote(duesseldorfLeader, { kind: 'value', value: draft })).toEqual({
			ok: false,
			reason: 'not_visible'
		});
		expect(decideAddNote(duesseldorfLeader, { kind: 'value', value: released })).toEqual({
			ok: true
		});
	});
});

describe('editing and deleting a note', () => {
	const own = { authorUserId: 20 };
	it('lets only the author edit', () => {
		expect(decideEditNote(duesseldorfLeader, own, null)).toEqual({ ok: true });
		expect(decideEditNote(observer, own, null)).toEqual({ ok: false, reason: 'not_author' });
		expect(decideEditNote(admin, own, null)).toEqual({ ok: false, reason: 'not_author' });
	});
	it('refuses the author once the value is reopened and no longer visible to them', () => {
		expect(decideEditNote(duesseldorfLeader, own, draft)).toEqual({
			ok: false,
			reason: 'not_visible'
		});
		expect(decideDeleteNote(duesseldorfLeader, own, draft)).toEqual({
			ok: false,
			reason: 'not_visible'
		});
	});
	it('lets the author and the admin delete, nobody else', () => {
		expect(decideDeleteNote(duesseldorfLeader, own, released)).toEqual({ ok: true });
		expect(decideDeleteNote(admin, own, released)).toEqual({ ok: true });
		expect(decideDeleteNote(koelnController, own, released)).toEqual({
			ok: false,
			reason: 'not_author'
		});
	});
});

describe('influencing factors', () => {
	it('are recorded by whoever enters the city’s values', () => {
		expect(decideFactor(koelnController, draft)).toEqual({ ok: true });
		expect(decideFactor(koelnController, released)).toEqual({ ok: true });
	});
	it('are refused to other roles and other cities', () => {
		expect(decideFactor(as(11, 'approver', KOELN), released)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(decideFactor(as(12, 'controller', DUESSELDORF), released)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(decideFactor(admin, released)).toEqual({ ok: false, reason: 'forbidden' });
	});
	it('need a value to belong to', () => {
		expect(decideFactor(koelnController, missing)).toEqual({ ok: false, reason: 'not_visible' });
	});
});
