import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** A message as the SMTP server received it, parsed. */
export interface Received {
	/** Envelope recipients (RCPT TO), lower-cased. */
	to: string[];
	from: string;
	subject: string;
	text: string;
	html: string;
}

/**
 * A real SMTP server on a local port, started by a test: it accepts every message and keeps it
 * parsed. `refuse` makes it answer 451 (temporary failure) to the next messages.
 */
export async function startSmtpSink(port: number) {
	const received: Received[] = [];
	let refusals = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			if (refusals > 0) {
				refusals -= 1;
				stream.resume();
				stream.on('end', () => {
					const error = new Error('try again later') as Error & { responseCode: number };
					error.responseCode = 451;
					callback(error);
				});
				return;
			}
			simpleParser(stream)
				.then((mail) => {
					received.push({
						to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
						from: mail.from?.text ?? '',
						subject: mail.subject ?? '',
						text: mail.text ?? '',
						html: typeof mail.html === 'string' ? mail.html : ''
					});
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		received,
		url: `smtp://127.0.0.1:${port}`,
		refuse: (n: number) => (refusals = n),
		clear: () => (received.length = 0),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
