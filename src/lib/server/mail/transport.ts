import type { Transporter } from 'nodemailer';
import type { RenderedMail } from './templates';

/** Sends one message; throws when the server does not accept it. */
export interface Mailer {
	send(to: string, mail: RenderedMail): Promise<void>;
	close(): void;
}

/**
 * A mailer over SMTP (nodemailer); the URL carries host, port, TLS and credentials. nodemailer
 * (39 modules) is loaded with the first message, not before the app answers (decision 0048).
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
	let transport: Promise<Transporter> | undefined;
	const open = () =>
		(transport ??= import('nodemailer').then(({ default: nodemailer }) =>
			nodemailer.createTransport(smtpUrl)
		));
	return {
		async send(to, mail) {
			const opened = await open();
			await opened.sendMail({
				from,
				to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html
			});
		},
		close: () => void transport?.then((opened) => opened.close())
	};
}
