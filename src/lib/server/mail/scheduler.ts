import type { Db } from '../db/types';
import { enqueueDueNotices } from './due-notices';
import { sendPendingMail } from './outbox';
import type { Mailer } from './transport';

/**
 * The tick every app instance runs: enqueue today's reminders and overdue notices, then send
 * what is due. Instances need not know of each other: the outbox's unique key and the claim
 * with SKIP LOCKED keep each mail to one send (docs/decisions/0026). The same code runs on
 * PGlite, where one process is the only instance.
 */
export interface SchedulerOptions {
	/** A getter, because the app may swap its connection pool (reopenServerPool). */
	db: () => Db;
	mailer: Mailer;
	origin: string;
	intervalMs: number;
	now?: () => Date;
	onError?: (error: unknown) => void;
}

export async function mailTick(options: Omit<SchedulerOptions, 'intervalMs'>) {
	const now = options.now ?? (() => new Date());
	const db = options.db();
	const enqueued = await enqueueDueNotices(db, now());
	const summary = await sendPendingMail(db, options.mailer, options.origin, now);
	return { enqueued, ...summary };
}

/** Starts the periodic tick; the timer does not keep the process alive. Returns stop(). */
export function startMailScheduler(options: SchedulerOptions): () => Promise<void> {
	let running: Promise<unknown> | null = null;
	const tick = () => {
		// A slow tick is not overlapped by the next one of the same instance.
		if (running) return;
		running = mailTick(options)
			.catch((error) => (options.onError ?? console.error)(error))
			.finally(() => (running = null));
	};
	const timer = setInterval(tick, options.intervalMs);
	timer.unref();
	tick();
	return async () => {
		clearInterval(timer);
		await running;
	};
}
