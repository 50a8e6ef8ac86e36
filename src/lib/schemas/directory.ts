import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

const name = () =>
	text()
		.trim()
		.max(200, { error: () => m.admin_name_too_long() });
const email = () =>
	text()
		.trim()
		.max(254)
		.refine((v) => v === '' || z.email().safeParse(v).success, {
			error: () => m.admin_email_invalid()
		});

/**
 * A municipality joins the ring: its AGS from the directory, the fields it takes part in and its
 * first accounts (a controller, optionally someone of the city's leadership).
 */
export const joinSchema = z
	.object({
		ags: text().regex(/^05[0-9]{6}$/, { error: () => m.directory_ags_invalid() }),
		fieldIds: z
			.array(z.int32().positive())
			.min(1, { error: () => m.directory_fields_required() })
			.max(50),
		controllerEmail: email().refine((v) => v !== '', { error: () => m.admin_email_invalid() }),
		controllerName: name().min(1, { error: () => m.admin_name_required() }),
		leadershipEmail: email().default(''),
		leadershipName: name().default('')
	})
	.superRefine((v, ctx) => {
		if (v.leadershipEmail !== '' && v.leadershipName === '')
			ctx.addIssue({ code: 'custom', path: ['leadershipName'], message: m.admin_name_required() });
	});
export type JoinInputForm = z.infer<typeof joinSchema>;

/** Metadata of a population file: the reference day and the source the figures carry. */
export const populationLoadSchema = z.object({
	referenceDate: z.iso.date({ error: () => m.directory_date_invalid() }),
	source: text()
		.trim()
		.min(1, { error: () => m.directory_source_required() })
		.max(200, { error: () => m.directory_source_required() })
});
