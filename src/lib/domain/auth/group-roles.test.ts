import { describe, expect, it } from 'vitest';
import { groupRoleChanges, groupsFromClaim, parseGroupRoleMapping } from './group-roles';

describe('parseGroupRoleMapping', () => {
	it('reads group=role pairs separated by semicolons (group names may contain = and spaces)', () => {
		const result = parseGroupRoleMapping(' IKZ Admins = admin;cn=ikz,ou=lesen=observer; ');
		expect(result.ok && [...result.mapping]).toEqual([
			['IKZ Admins', 'admin'],
			['cn=ikz,ou=lesen', 'observer']
		]);
	});

	it('names every bad pair; city roles cannot come from a group', () => {
		const result = parseGroupRoleMapping('a=controller;nonsense;=admin');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems).toHaveLength(3);
	});
});

describe('groupsFromClaim', () => {
	it('takes a list or a single string and ignores anything else', () => {
		expect(groupsFromClaim(['a', 2, 'b'])).toEqual(['a', 'b']);
		expect(groupsFromClaim('a')).toEqual(['a']);
		expect(groupsFromClaim(undefined)).toEqual([]);
		expect(groupsFromClaim({ a: 1 })).toEqual([]);
	});
});

describe('groupRoleChanges', () => {
	const mapping = new Map([
		['ikz-admins', 'admin' as const],
		['ikz-lesen', 'observer' as const]
	]);

	it('grants the roles of the groups a person is in', () => {
		expect(groupRoleChanges({ current: [], groups: ['ikz-admins', 'other'], mapping })).toEqual({
			add: ['admin'],
			remove: []
		});
	});

	it('takes a mapped role away when its group is gone, leaving roles assigned in the app', () => {
		expect(
			groupRoleChanges({ current: ['admin', 'controller'], groups: ['ikz-lesen'], mapping })
		).toEqual({ add: ['observer'], remove: ['admin'] });
	});

	it('leaves an unmapped role alone even when no group grants it', () => {
		const onlyAdmins = new Map([['ikz-admins', 'admin' as const]]);
		expect(groupRoleChanges({ current: ['observer'], groups: [], mapping: onlyAdmins })).toEqual({
			add: [],
			remove: []
		});
	});
});
