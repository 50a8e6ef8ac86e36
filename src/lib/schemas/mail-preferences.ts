import { z } from 'zod';
import { mailKinds } from '$lib/domain/mail/kinds';

/** The account's e-mail settings as posted: language, and the kinds left switched on. */
export const mailPreferencesSchema = z.object({
	locale: z.enum(['de', 'en']),
	on: z.array(z.enum(mailKinds)).max(mailKinds.length).default([])
});

export type MailPreferencesPost = z.infer<typeof mailPreferencesSchema>;
