import { inArray, isNull } from 'drizzle-orm';
import {
	objectiveLinks,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../schema';
import type { Tx } from '../types';
import { catalogue, type CatalogueKpi } from './catalogue';
import { demoObjectiveLinks } from './demo-links';
import { DEMO_TARGET_YEARS, demoTargetBands, type DemoCity } from './demo-values';
import {
	defaultPerspectives,
	referenceCities,
	referenceFields,
	type PerspectiveKey
} from './reference';
import { chunks, required, type ReferenceIds } from './util';

/** The field's template: objectives per perspective in catalogue order, each with its KPIs. */
function template(
	fieldSlug: string
): Map<PerspectiveKey, { title: string; kpis: CatalogueKpi[] }[]> {
	const byPerspective = new Map<PerspectiveKey, { title: string; kpis: CatalogueKpi[] }[]>();
	for (const k of catalogue.filter((c) => c.fieldSlug === fieldSlug)) {
		const list = byPerspective.get(k.perspective) ?? [];
		const objective = list.find((o) => o.title === k.objective);
		if (objective) objective.kpis.push(k);
		else list.push({ title: k.objective, kpis: [k] });
		byPerspective.set(k.perspective, list);
	}
	return byPerspective;
}

/** A scorecard to seed: a city's (with demo targets) or, without a city, the field's template. */
interface SeedOwner {
	city: DemoCity | null;
	organisationId: number | null;
	field: (typeof referenceFields)[number];
	fieldId: number;
	/** Only the row, no structure: a city that has not built this scorecard yet. */
	empty: boolean;
}

/**
 * Köln has not built its scorecard for process optimisation yet, so the demo shows adopting the
 * field template.
 */
export const DEMO_UNBUILT = { city: 'koeln', field: 'geschaeftsprozessoptimierung' } as const;

/** The template scorecard of every field (reference data), built from the catalogue. */
export async function seedTemplates(tx: Tx, ids: ReferenceIds) {
	const owners: SeedOwner[] = referenceFields.map((field) => ({
		city: null,
		organisationId: null,
		field,
		fieldId: required(ids.fields, field.slug, 'field'),
		empty: false
	}));
	const existing = await tx
		.select({ fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(isNull(scorecards.organisationId));
	const have = new Set(existing.map((s) => s.fieldId));
	await insertScorecards(
		tx,
		ids,
		owners.filter((o) => !have.has(o.fieldId))
	);
}

/** One scorecard per city and field, built from the field template; existing ones are left alone. */
export async function seedScorecards(tx: Tx, ids: ReferenceIds, cities: readonly DemoCity[]) {
	const cityIds = cities.map((c) => required(ids.organisations, c.slug, 'organisation'));
	const existing = await tx
		.select({ organisationId: scorecards.organisationId, fieldId: scorecards.fieldId })
		.from(scorecards)
		.where(inArray(scorecards.organisationId, cityIds));
	const have = new Set(existing.map((s) => `${s.organisationId}|${s.fieldId}`));
	const wanted: SeedOwner[] = cities.flatMap((city) =>
		referenceFields.map((field) => ({
			city,
			field,
			organisationId: required(ids.organisations, city.slug, 'organisation'),
			fieldId: required(ids.fields, field.slug, 'field'),
			empty: city.slug === DEMO_UNBUILT.city && field.slug === DEMO_UNBUILT.field
		}))
	);
	await insertScorecards(
		tx,
		ids,
		wanted.filter((w) => !have.has(`${w.organisationId}|${w.fieldId}`))
	);
}

async function insertScorecards(tx: Tx, ids: ReferenceIds, missing: SeedOwner[]) {
	if (missing.length === 0) return;
	const cityName = new Map(referenceCities.map((c) => [c.slug, c.name]));
	const created = await tx
		.insert(scorecards)
		.values(
			missing.map((m) => ({
				organisationId: m.organisationId,
				fieldId: m.fieldId,
				mission: m.empty
					? ''
					: m.city
						? `${cityName.get(m.city.slug) ?? m.city.slug} steigert im Kooperationsfeld „${m.field.nameDe}“ gemeinsam mit den Partnerstädten Wirtschaftlichkeit, Qualität und Wirkung.`
						: `Gemeinsame Vorlage des Kooperationsfelds „${m.field.nameDe}“: Ziele und Kennzahlen, auf die sich die Partnerstädte verständigt haben.`
			}))
		)
		.returning({
			id: scorecards.id,
			organisationId: scorecards.organisationId,
			fieldId: scorecards.fieldId
		});
	const built = missing.filter((m) => !m.empty);
	if (built.length === 0) return;
	const scorecardOf = new Map(created.map((s) => [`${s.organisationId}|${s.fieldId}`, s.id]));
	const context = new Map(
		built.map((m) => [
			required(scorecardOf, `${m.organisationId}|${m.fieldId}`, 'scorecard'),
			{ city: m.city, fieldSlug: m.field.slug, template: template(m.field.slug) }
		])
	);

	const perspectiveRows = await tx
		.insert(perspectives)
		.values(
			[...context.keys()].flatMap((scorecardId) =>
				defaultPerspectives.map((p) => ({ scorecardId, ...p }))
			)
		)
		.returning({
			id: perspectives.id,
			scorecardId: perspectives.scorecardId,
			key: perspectives.key
		});

	const objectiveInputs = perspectiveRows.flatMap((p) => {
		const ctx = required(context, p.scorecardId, 'scorecard');
		const list = ctx.template.get(p.key as PerspectiveKey) ?? [];
		return list.map((o, i) => ({
			perspectiveId: p.id,
			title: o.title,
			sortOrder: i + 1,
			ctx,
			kpis: o.kpis
		}));
	});
	const objectiveRows: { id: number; perspectiveId: number; sortOrder: number }[] = [];
	for (const chunk of chunks(objectiveInputs)) {
		objectiveRows.push(
			...(await tx
				.insert(objectives)
				.values(
					chunk.map(({ perspectiveId, title, sortOrder }) => ({ perspectiveId, title, sortOrder }))
				)
				.returning({
					id: objectives.id,
					perspectiveId: objectives.perspectiveId,
					sortOrder: objectives.sortOrder
				}))
		);
	}
	const objectiveId = new Map(
		objectiveRows.map((o) => [`${o.perspectiveId}|${o.sortOrder}`, o.id])
	);

	// The demo cities' cause–effect links (not the templates': those are reference data).
	const scorecardOfPerspective = new Map(perspectiveRows.map((p) => [p.id, p.scorecardId]));
	const idByTitle = new Map(
		objectiveInputs.map((o) => [
			`${scorecardOfPerspective.get(o.perspectiveId)}|${o.title}`,
			required(objectiveId, `${o.perspectiveId}|${o.sortOrder}`, 'objective')
		])
	);
	const linkRows = [...context].flatMap(([scorecardId, ctx]) =>
		ctx.city
			? (demoObjectiveLinks[ctx.fieldSlug] ?? []).map(([cause, effect]) => ({
					fromObjectiveId: required(idByTitle, `${scorecardId}|${cause}`, 'linked objective'),
					toObjectiveId: required(idByTitle, `${scorecardId}|${effect}`, 'linked objective')
				}))
			: []
	);
	for (const chunk of chunks(linkRows)) await tx.insert(objectiveLinks).values(chunk);

	const kpiInputs = objectiveInputs.flatMap((o) =>
		o.kpis.map((k, i) => ({
			objectiveId: required(objectiveId, `${o.perspectiveId}|${o.sortOrder}`, 'objective'),
			kpiId: required(ids.kpis, k.code, 'KPI'),
			weight: String(k.weight),
			sortOrder: i + 1,
			kpi: k,
			city: o.ctx.city
		}))
	);
	const targetRows: (typeof targets.$inferInsert)[] = [];
	for (const chunk of chunks(kpiInputs)) {
		const inserted = await tx
			.insert(scorecardKpis)
			.values(
				chunk.map(({ objectiveId, kpiId, weight, sortOrder }) => ({
					objectiveId,
					kpiId,
					weight,
					sortOrder
				}))
			)
			.returning({
				id: scorecardKpis.id,
				objectiveId: scorecardKpis.objectiveId,
				kpiId: scorecardKpis.kpiId
			});
		const inputOf = new Map(chunk.map((c) => [`${c.objectiveId}|${c.kpiId}`, c]));
		for (const row of inserted) {
			const input = required(inputOf, `${row.objectiveId}|${row.kpiId}`, 'scorecard KPI');
			if (!input.city) continue;
			const city = input.city;
			for (const year of DEMO_TARGET_YEARS) {
				targetRows.push({
					scorecardKpiId: row.id,
					year,
					...demoTargetBands(input.kpi, city, year)
				});
			}
		}
	}
	for (const chunk of chunks(targetRows)) {
		await tx.insert(targets).values(chunk).onConflictDoNothing();
	}
}
