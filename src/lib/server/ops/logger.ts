import { pino, type DestinationStream, type Logger } from 'pino';
import { env } from '../env';

export type { Logger };

/**
 * One JSON line per event on stdout, for the operator's log collector. Fields that could carry
 * a secret are censored even if someone logs a whole request or form by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
	return pino(
		{
			level,
			base: { app: 'ikz-scorecard', pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: {
				paths: [
					'password',
					'*.password',
					'token',
					'*.token',
					'cookie',
					'*.cookie',
					'authorization',
					'*.authorization',
					'headers.cookie',
					'headers.authorization',
					'*.headers.cookie',
					'*.headers.authorization'
				],
				censor: '[redacted]'
			}
		},
		destination
	);
}

let instance: Logger | undefined;

/** The app's logger (LOG_LEVEL); created on first use. */
export function logger(): Logger {
	instance ??= createLogger(env().LOG_LEVEL);
	return instance;
}
