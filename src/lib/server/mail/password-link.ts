import type { AppLocale } from '../../format/number';
import { mailConfig } from './config';
import { absoluteLink, renderPasswordLink } from './templates';
import { smtpMailer, type Mailer } from './transport';

/**
 * Sends a new account's set-password link straight away, not through the outbox: the link is a
 * credential, and the database keeps only its hash (decision 0026). When mail is off or the
 * server refuses it, the caller shows the link once to the administrator instead.
 */
export async function mailPasswordLink(
	to: { email: string; displayName: string; locale: AppLocale },
	token: string,
	validHours: number,
	mailer?: Mailer
): Promise<'sent' | 'mail_off' | 'failed'> {
	const config = mailConfig();
	if (!config.on) return 'mail_off';
	const link = absoluteLink(config.origin, `/set-password/${token}`, to.locale);
	const transport = mailer ?? smtpMailer(config.smtpUrl, config.from);
	try {
		await transport.send(to.email, renderPasswordLink(to, link, validHours, config.origin));
		return 'sent';
	} catch (error) {
		console.error('Set-password mail not sent:', error instanceof Error ? error.message : error);
		return 'failed';
	} finally {
		if (!mailer) transport.close();
	}
}
