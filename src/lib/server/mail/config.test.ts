import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../env';
import { mailConfigOf } from './config';

describe('mail configuration', () => {
	it('is off without an SMTP server, and says so', () => {
		expect(mailConfigOf(parseEnv({}))).toEqual({ on: false, reason: 'no_smtp' });
	});

	it('is off without ORIGIN: the messages would have no links', () => {
		expect(mailConfigOf(parseEnv({ SMTP_URL: 'smtp://relay.local:25' }))).toEqual({
			on: false,
			reason: 'no_origin'
		});
	});

	it('is on with both, with the default sender and interval', () => {
		const config = mailConfigOf(
			parseEnv({ SMTP_URL: 'smtps://u:p@mail.example.org:465', ORIGIN: 'https://ikz.example.org' })
		);
		expect(config).toMatchObject({
			on: true,
			origin: 'https://ikz.example.org',
			from: 'IKZ-Scorecard <noreply@localhost>',
			intervalMs: 60_000
		});
	});

	it('refuses a mail server address that is not smtp:// or smtps://', () => {
		expect(() => parseEnv({ SMTP_URL: 'http://mail.example.org' })).toThrow(EnvError);
		expect(() => parseEnv({ MAIL_INTERVAL_SECONDS: '1' })).toThrow(/MAIL_INTERVAL_SECONDS/);
	});
});
