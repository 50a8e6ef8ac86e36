import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions';
import { actionsWithFigureContent, actionsWithoutFigureContent, redactEntry } from './redact';

const KOELN = 10;
const BONN = 11;
const MARK = 'verborgen (nicht freigegeben)';
const admin: Principal = {
	userId: 1,
	roles: [{ role: 'admin', organisationId: null, fieldId: null }]
};
const leadershipKoeln: Principal = {
	userId: 2,
	roles: [{ role: 'city_leadership', organisationId: KOELN, fieldId: null }]
};

const entry = (action: string, before: unknown, after: unknown, organisationId = KOELN) => ({
	action,
	organisationId,
	before: before === undefined ? null : JSON.stringify(before),
	after: after === undefined ? null : JSON.stringify(after)
});
const sides = (e: { before: string | null; after: string | null }) => ({
	before: e.before === null ? null : (JSON.parse(e.before) as unknown),
	after: e.after === null ? null : (JSON.parse(e.after) as unknown)
});

describe('redactEntry', () => {
	const save = entry(
		'measurement.save',
		{ value: 1, comment: 'alt' },
		{ value: 2, comment: 'neu' }
	);

	it('hides a saved draft from the admin, keeping the entry itself', () => {
		const seen = redactEntry(save, admin, MARK);
		expect(sides(seen)).toEqual({
			before: { value: MARK, comment: MARK },
			after: { value: MARK, comment: MARK }
		});
		expect(seen).toMatchObject({
			action: 'measurement.save',
			organisationId: KOELN,
			redacted: true
		});
	});

	it('shows everything to whoever may read the city’s unreleased values, nothing of another city', () => {
		expect(redactEntry(save, leadershipKoeln, MARK)).toEqual({ ...save, redacted: false });
		expect(sides(redactEntry({ ...save, organisationId: BONN }, leadershipKoeln, MARK))).toEqual({
			before: { value: MARK, comment: MARK },
			after: { value: MARK, comment: MARK }
		});
	});

	it('hides a first save (no value before) and an entry without a city', () => {
		expect(
			sides(redactEntry(entry('measurement.save', null, { value: 3, comment: '' }), admin, MARK))
		).toEqual({ before: null, after: { value: MARK, comment: MARK } });
		const noCity = { ...save, organisationId: null };
		expect(redactEntry(noCity, leadershipKoeln, MARK).redacted).toBe(true);
	});

	it('shows a reopened value that was released, never a submitted one or the reason', () => {
		const released = entry(
			'measurement.reopen',
			{ state: 'released', value: 5 },
			{ state: 'draft', reason: 'Zählfehler' }
		);
		expect(sides(redactEntry(released, admin, MARK))).toEqual({
			before: { state: 'released', value: 5 },
			after: { state: 'draft', reason: MARK }
		});
		const submitted = entry(
			'measurement.reopen',
			{ state: 'submitted', value: 6 },
			{ reason: 'x' }
		);
		expect(sides(redactEntry(submitted, admin, MARK)).before).toEqual({
			state: 'submitted',
			value: MARK
		});
	});

	it('shows a factor’s text only when the entry records its value as released', () => {
		const text = {
			kpiId: 3,
			kind: 'one_off',
			explanation: 'Sondereffekt',
			estimatedEffect: '+2 %'
		};
		for (const [valueState, shown] of [
			['released', true],
			['draft', false],
			['submitted', false],
			[undefined, false]
		] as const) {
			const created = redactEntry(
				entry('value_factor.create', undefined, { ...text, valueState }),
				admin,
				MARK
			);
			const deleted = redactEntry(
				entry('value_factor.delete', { ...text, valueState }, undefined),
				admin,
				MARK
			);
			for (const [side, e] of [
				['after', created],
				['before', deleted]
			] as const) {
				expect(sides(e)[side], String(valueState)).toMatchObject({
					kind: 'one_off',
					explanation: shown ? 'Sondereffekt' : MARK,
					estimatedEffect: shown ? '+2 %' : MARK
				});
				expect(e.redacted).toBe(!shown);
			}
		}
	});

	it('hides an unreadable entry of such an action whole, and leaves other actions alone', () => {
		const broken = {
			action: 'measurement.save',
			organisationId: KOELN,
			before: '{"value":',
			after: '[1]'
		};
		expect(redactEntry(broken, admin, MARK)).toMatchObject({
			before: JSON.stringify(MARK),
			after: JSON.stringify(MARK),
			redacted: true
		});
		const role = entry('user.role_assign', undefined, {
			role: 'controller',
			organisationId: KOELN
		});
		expect(redactEntry(role, admin, MARK)).toEqual({ ...role, redacted: false });
		const submit = entry('measurement.submit', undefined, { kpiIds: [1, 2] });
		expect(redactEntry(submit, admin, MARK)).toEqual({ ...submit, redacted: false });
	});
});

/** Every dotted action literal in the server code that writes audit entries. */
function auditActionsInSource(): Set<string> {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
				const source = readFileSync(path, 'utf8');
				if (!/recordAudit\(|insert\(auditLog\)|\baudit\(/.test(source)) continue;
				for (const [, action] of source.matchAll(
					/'([a-z0-9]+(?:_[a-z0-9]+)*\.[a-z0-9]+(?:_[a-z0-9]+)*)'/g
				))
					found.add(action!);
			}
		}
	};
	walk(join(process.cwd(), 'src', 'lib', 'server'));
	walk(join(process.cwd(), 'src', 'routes'));
	return found;
}

describe('every audit action is classified', () => {
	const inSource = auditActionsInSource();
	// `measurement.${source}` of the delivery core: not a literal.
	const templated = ['measurement.api', 'measurement.import'];

	it('the scan finds the actions it must know about', () => {
		for (const action of ['measurement.save', 'value_factor.create', 'user.create', 'auth.login'])
			expect(inSource).toContain(action);
	});

	it('says for each action whether it may carry unreleased content, and only once', () => {
		const classified = new Set([...actionsWithFigureContent, ...actionsWithoutFigureContent]);
		const unclassified = [...inSource].filter((a) => !classified.has(a));
		expect(unclassified, 'new audit action: add it to one list in redact.ts').toEqual([]);
		const stale = [...classified].filter((a) => !inSource.has(a) && !templated.includes(a));
		expect(stale, 'listed but no longer written').toEqual([]);
		expect(actionsWithFigureContent.filter((a) => actionsWithoutFigureContent.includes(a))).toEqual(
			[]
		);
	});
});
