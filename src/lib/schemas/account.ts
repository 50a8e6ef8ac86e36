import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** The length rules are checked here; the list of common passwords on the server (passwordProblems). */
export const passwordChangeSchema = z
	.object({
		currentPassword: z
			.string()
			.min(1, { error: () => m.account_current_password_required() })
			.max(128),
		newPassword: z
			.string()
			.refine((v) => [...v].length >= 12, { error: () => m.account_password_too_short() })
			.refine((v) => [...v].length <= 128, { error: () => m.account_password_too_long() }),
		repeatPassword: z.string().max(256)
	})
	.refine((v) => v.newPassword === v.repeatPassword, {
		path: ['repeatPassword'],
		error: () => m.account_password_mismatch()
	});

export const sessionSchema = z.object({ sessionId: z.string().min(1).max(128) });

export const totpCodeSchema = z.object({
	code: z
		.string()
		.trim()
		.min(1, { error: () => m.twofa_code_required() })
		.max(20),
	redirectTo: z.string().max(2000).default('')
});

export const totpEnrolSchema = z.object({
	secret: z.string().min(16).max(64),
	code: z
		.string()
		.trim()
		.min(1, { error: () => m.twofa_code_required() })
		.max(20)
});

export const totpDisableSchema = z.object({
	password: z
		.string()
		.min(1, { error: () => m.account_current_password_required() })
		.max(128)
});
