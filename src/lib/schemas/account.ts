import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

/** The length rules are checked here; the list of common passwords on the server (passwordProblems). */
export const passwordChangeSchema = z
	.object({
		currentPassword: text()
			.min(1, { error: () => m.account_current_password_required() })
			.max(128),
		newPassword: text()
			.refine((v) => [...v].length >= 12, { error: () => m.account_password_too_short() })
			.refine((v) => [...v].length <= 128, { error: () => m.account_password_too_long() }),
		repeatPassword: text().max(256)
	})
	.refine((v) => v.newPassword === v.repeatPassword, {
		path: ['repeatPassword'],
		error: () => m.account_password_mismatch()
	});

export const sessionSchema = z.object({ sessionId: text().min(1).max(128) });

export const totpCodeSchema = z.object({
	code: text()
		.trim()
		.min(1, { error: () => m.twofa_code_required() })
		.max(20),
	redirectTo: text().max(2000).default('')
});

export const totpEnrolSchema = z.object({
	secret: text().min(16).max(64),
	code: text()
		.trim()
		.min(1, { error: () => m.twofa_code_required() })
		.max(20)
});

export const totpDisableSchema = z.object({
	password: text()
		.min(1, { error: () => m.account_current_password_required() })
		.max(128)
});
