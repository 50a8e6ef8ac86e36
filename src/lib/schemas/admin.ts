import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

export const roleValues = [
	'admin',
	'observer',
	'city_leadership',
	'controller',
	'approver',
	'field_lead'
] as const;

const globalRoles = new Set(['admin', 'observer']);
const fieldRoles = new Set(['field_lead']);

/** New account; the password is optional (empty: the admin receives a set-password link). */
export const createUserSchema = z.object({
	email: z.email({ error: () => m.admin_email_invalid() }).max(254),
	displayName: text()
		.trim()
		.min(1, { error: () => m.admin_name_required() })
		.max(200, { error: () => m.admin_name_too_long() }),
	password: text()
		.max(128, { error: () => m.admin_password_too_long() })
		.default('')
});

/**
 * A role and its scope, checked here with messages before the database's
 * role_assignments_scope constraint would reject it.
 */
export const assignRoleSchema = z
	.object({
		role: z.enum(roleValues, { error: () => m.admin_role_required() }),
		organisationId: z.int32().positive().optional(),
		fieldId: z.int32().positive().optional()
	})
	.superRefine((value, ctx) => {
		const { role, organisationId, fieldId } = value;
		if (globalRoles.has(role)) {
			if (organisationId !== undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['organisationId'],
					message: m.admin_scope_global_no_organisation()
				});
			if (fieldId !== undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['fieldId'],
					message: m.admin_scope_global_no_field()
				});
		} else if (fieldRoles.has(role)) {
			if (fieldId === undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['fieldId'],
					message: m.admin_scope_field_required()
				});
			if (organisationId !== undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['organisationId'],
					message: m.admin_scope_field_no_organisation()
				});
		} else {
			if (organisationId === undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['organisationId'],
					message: m.admin_scope_organisation_required()
				});
			if (fieldId !== undefined)
				ctx.addIssue({
					code: 'custom',
					path: ['fieldId'],
					message: m.admin_scope_organisation_no_field()
				});
		}
	});

export const setPasswordSchema = z
	.object({
		password: text()
			.min(1, { error: () => m.setpw_password_required() })
			.max(128, { error: () => m.admin_password_too_long() }),
		confirm: text()
	})
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: () => m.setpw_mismatch()
	});

const isoDate = z.iso.date({ error: () => m.audit_filter_date_invalid() });
const optionalText = (max: number) =>
	text()
		.trim()
		.max(max, { error: () => m.audit_filter_too_long() })
		.transform((v) => (v === '' ? undefined : v))
		.optional();

/** The audit page's query string; empty parameters mean "no filter". */
export const auditFilterSchema = z
	.object({
		action: optionalText(100),
		email: optionalText(254),
		organisation: text()
			.trim()
			.transform((v) => (v === '' ? undefined : v))
			.pipe(
				text()
					.regex(/^[1-9][0-9]{0,8}$/, { error: () => m.audit_filter_organisation_invalid() })
					.transform(Number)
					.optional()
			)
			.optional(),
		from: text()
			.transform((v) => (v === '' ? undefined : v))
			.pipe(isoDate.optional())
			.optional(),
		to: text()
			.transform((v) => (v === '' ? undefined : v))
			.pipe(isoDate.optional())
			.optional(),
		page: text()
			.transform((v) => (v === '' ? undefined : v))
			.pipe(
				text()
					.regex(/^[1-9][0-9]{0,4}$/, { error: () => m.audit_filter_page_invalid() })
					.transform(Number)
					.optional()
			)
			.optional()
	})
	.refine((v) => !v.from || !v.to || v.from <= v.to, {
		path: ['to'],
		error: () => m.audit_filter_range_invalid()
	});

/** Removing one role assignment of a person (its id, as the list rendered it). */
export const removeRoleSchema = z.object({ assignmentId: z.int32().positive() });

/** An account id in the URL: an int4 above zero, written without leading zeros. */
export const userIdParam = text()
	.regex(/^[1-9][0-9]{0,9}$/)
	.transform(Number)
	.pipe(z.int32().positive());

/** A set-password token: 32 base32 characters; anything else is unknown without a query. */
export const passwordTokenParam = text().regex(/^[a-z2-7]{32}$/);
