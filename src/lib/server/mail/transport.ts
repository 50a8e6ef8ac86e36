import nodemailer from 'nodemailer';
import type { RenderedMail } from './templates';

/** Sends one message; throws when the server does not accept it. */
export interface Mailer {
	send(to: string, mail: RenderedMail): Promise<void>;
	close(): void;
}

/** A mailer over SMTP (nodemailer); the URL carries host, port, TLS and credentials. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	return {
		async send(to, mail) {
			await transport.sendMail({
				from,
				to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html
			});
		},
		close: () => transport.close()
	};
}
