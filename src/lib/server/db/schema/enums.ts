import { pgEnum } from 'drizzle-orm/pg-core';

export const organisationKind = pgEnum('organisation_kind', [
	'city',
	'municipality',
	'association'
]);

export const kpiUnit = pgEnum('kpi_unit', [
	'percent',
	'days',
	'hours',
	'minutes',
	'seconds',
	'euro',
	'count',
	'ratio'
]);
/** higher_is_better / lower_is_better / target_band (green inside a corridor). */
export const kpiPolarity = pgEnum('kpi_polarity', [
	'higher_is_better',
	'lower_is_better',
	'target_band'
]);
/** How the four quarters of a year form the yearly figure. */
export const kpiAggregation = pgEnum('kpi_aggregation', ['sum', 'mean', 'last']);
export const kpiDenominator = pgEnum('kpi_denominator', [
	'none',
	'per_1000_inhabitants',
	'per_case'
]);

export const measurementState = pgEnum('measurement_state', ['draft', 'submitted', 'released']);
export const initiativeStatus = pgEnum('initiative_status', [
	'planned',
	'running',
	'completed',
	'stopped'
]);

export const pilotStatus = pgEnum('pilot_status', [
	'idea',
	'planned',
	'running',
	'completed',
	'stopped'
]);
export const pilotLineKind = pgEnum('pilot_line_kind', ['investment', 'operating', 'benefit']);
export const pilotScenario = pgEnum('pilot_scenario', ['planned', 'actual']);
export const pilotAllocationKey = pgEnum('pilot_allocation_key', [
	'equal',
	'per_inhabitant',
	'per_case',
	'fixed'
]);
/** The five criteria the cities agreed to judge cooperation by, each a gate per pilot. */
export const pilotGateCriterion = pgEnum('pilot_gate_criterion', [
	'konkretisierung',
	'machbarkeit',
	'wirtschaftlichkeit',
	'akzeptanz',
	'projektplanung'
]);
export const pilotGateDecision = pgEnum('pilot_gate_decision', ['go', 'revise', 'stop']);

export const role = pgEnum('role', [
	'admin',
	'observer',
	'city_leadership',
	'controller',
	'approver',
	'field_lead'
]);

export const apiTokenScope = pgEnum('api_token_scope', ['read', 'write']);
