import { appDb } from '../db';
import { mailConfig } from './config';
import { startMailScheduler } from './scheduler';
import { smtpMailer } from './transport';

/**
 * Starts this instance's mail tick when mail is configured; returns the function that stops it
 * (called on `sveltekit:shutdown`, which adapter-node emits on SIGTERM and SIGINT). Without
 * SMTP_URL or ORIGIN the app runs without mail and says so once.
 */
export function startMail(log: (line: string) => void = console.log): () => Promise<void> {
	const config = mailConfig();
	if (!config.on) {
		log(`E-mail is off (${config.reason === 'no_smtp' ? 'SMTP_URL' : 'ORIGIN'} not set)`);
		return async () => {};
	}
	const mailer = smtpMailer(config.smtpUrl, config.from);
	const stop = startMailScheduler({
		db: appDb,
		mailer,
		origin: config.origin,
		intervalMs: config.intervalMs,
		onError: (error) => console.error('Mail tick failed:', error)
	});
	log(`E-mail on: every ${config.intervalMs / 1000} s`);
	return async () => {
		await stop();
		mailer.close();
	};
}
