import { env, type Env } from '../env';

/**
 * Whether the app sends e-mail. Mail needs an SMTP server (SMTP_URL) and the app's public
 * address (ORIGIN) for the links in every message; without either, mail is off, the app runs
 * as before and the administration page says why.
 */
export type MailConfig =
	| { on: true; smtpUrl: string; from: string; origin: string; intervalMs: number }
	| { on: false; reason: 'no_smtp' | 'no_origin' };

export function mailConfigOf(config: Env): MailConfig {
	if (!config.SMTP_URL) return { on: false, reason: 'no_smtp' };
	if (!config.ORIGIN) return { on: false, reason: 'no_origin' };
	return {
		on: true,
		smtpUrl: config.SMTP_URL,
		from: config.MAIL_FROM,
		origin: config.ORIGIN,
		intervalMs: config.MAIL_INTERVAL_SECONDS * 1000
	};
}

export const mailConfig = (): MailConfig => mailConfigOf(env());
