import type { RequestEvent } from '@sveltejs/kit';
import { m } from '../../../paraglide/messages';
import type { Viewer } from '../../auth/viewer';
import * as schemas from '../../../schemas/scorecard-editor';
import { readNumber } from '../../../schemas/scorecard-editor';
import { runEditorAction } from './form-action';
import * as structure from './structure';
import * as kpiEdits from './kpis';
import * as targetEdits from './targets';
import * as initiativeEdits from './initiatives';
import { adoptTemplate } from './template';
import type { EditorTarget } from './target';

type User = Extract<Viewer, { kind: 'user' }>;
type Handler = (event: RequestEvent, viewer: User, target: EditorTarget | null) => Promise<unknown>;

/** A validated number field (checked by the schema), or null when left empty. */
const num = (s: string) => (s === '' ? null : readNumber(s));
const weightOf = (s: string) => readNumber(s)!;

/**
 * The editor's form actions, shared by the city scorecard and the field template routes. Each
 * route's guard checks the capability first (`scorecard:write` for the city, `catalogue:write`
 * for the field template) and the route hands over the viewer and the target it found.
 */
export const editorActions = {
	mission: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.missionSchema,
			(ctx, d) => structure.updateMission(ctx, d.mission),
			() => m.editor_saved()
		),
	adoptTemplate: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.adoptTemplateSchema,
			(ctx) => adoptTemplate(ctx),
			(n) =>
				m.editor_template_adopted({
					perspectives: String(n.perspectives),
					objectives: String(n.objectives),
					kpis: String(n.kpis)
				})
		),
	addPerspective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.perspectiveSchema,
			(ctx, d) => structure.addPerspective(ctx, d),
			() => m.editor_perspective_added()
		),
	renamePerspective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.renamePerspectiveSchema,
			(ctx, d) => structure.renamePerspective(ctx, d),
			() => m.editor_saved()
		),
	movePerspective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.movePerspectiveSchema,
			(ctx, d) => structure.movePerspective(ctx, d),
			() => m.editor_moved()
		),
	deletePerspective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.deletePerspectiveSchema,
			(ctx, d) => structure.deletePerspective(ctx, d),
			() => m.editor_perspective_deleted()
		),
	addObjective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.objectiveSchema,
			(ctx, d) => structure.addObjective(ctx, d),
			() => m.editor_objective_added()
		),
	updateObjective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.updateObjectiveSchema,
			(ctx, d) => structure.updateObjective(ctx, d),
			() => m.editor_saved()
		),
	moveObjective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.moveObjectiveSchema,
			(ctx, d) => structure.moveObjective(ctx, d),
			() => m.editor_moved()
		),
	deleteObjective: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.deleteObjectiveSchema,
			(ctx, d) => structure.deleteObjective(ctx, d),
			() => m.editor_objective_deleted()
		),
	addSharedKpi: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.addSharedKpiSchema,
			(ctx, d) => kpiEdits.addSharedKpi(ctx, { ...d, weight: weightOf(d.weight) }),
			() => m.editor_kpi_added(),
			{ kpi_on_scorecard: 'kpiId', kpi_not_available: 'kpiId', weights_uneven: 'weight' }
		),
	addLocalKpi: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.addLocalKpiSchema,
			(ctx, d) => kpiEdits.addLocalKpi(ctx, { ...d, weight: weightOf(d.weight) }),
			() => m.editor_kpi_added(),
			{ code_taken: 'code', weights_uneven: 'weight' }
		),
	setWeight: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.weightSchema,
			(ctx, d) => kpiEdits.setWeight(ctx, { ...d, weight: weightOf(d.weight) }),
			() => m.editor_saved(),
			{ weights_uneven: 'weight' }
		),
	removeKpi: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.scorecardKpiSchema,
			(ctx, d) => kpiEdits.removeKpi(ctx, d),
			(outcome) => (outcome === 'archived' ? m.editor_kpi_archived() : m.editor_kpi_deleted())
		),
	restoreKpi: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.scorecardKpiSchema,
			(ctx, d) => kpiEdits.restoreKpi(ctx, d),
			() => m.editor_kpi_restored(),
			{ weights_uneven: 'weight' }
		),
	setTarget: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.targetSchema,
			(ctx, d) =>
				targetEdits.setTarget(ctx, {
					scorecardKpiId: d.scorecardKpiId,
					year: d.year,
					bands: {
						greenMin: num(d.greenMin),
						greenMax: num(d.greenMax),
						yellowMin: num(d.yellowMin),
						yellowMax: num(d.yellowMax)
					}
				}),
			() => m.editor_target_saved()
		),
	clearTarget: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.clearTargetSchema,
			(ctx, d) => targetEdits.clearTarget(ctx, d),
			() => m.editor_target_cleared()
		),
	copyTargets: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.copyTargetsSchema,
			(ctx, d) => targetEdits.copyTargetsToNextYear(ctx, d),
			(copied) => m.editor_targets_copied({ count: String(copied) })
		),
	addInitiative: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.initiativeSchema,
			(ctx, d) =>
				initiativeEdits.addInitiative(ctx, {
					...d,
					startsOn: d.startsOn || null,
					endsOn: d.endsOn || null
				}),
			() => m.editor_initiative_added()
		),
	updateInitiative: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.updateInitiativeSchema,
			(ctx, d) =>
				initiativeEdits.updateInitiative(ctx, {
					...d,
					startsOn: d.startsOn || null,
					endsOn: d.endsOn || null
				}),
			() => m.editor_saved()
		),
	deleteInitiative: (event, viewer, target) =>
		runEditorAction(
			event,
			viewer,
			target,
			schemas.deleteInitiativeSchema,
			(ctx, d) => initiativeEdits.deleteInitiative(ctx, d),
			() => m.editor_initiative_deleted()
		)
} satisfies Record<string, Handler>;
