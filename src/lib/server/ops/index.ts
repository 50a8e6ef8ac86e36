import { env } from '../env';
import { createAccessLog } from './access-log';
import { withErrorLog } from './error-log';
import { logger } from './logger';
import { collectProcessMetrics } from './metrics';
import { startMetricsServer } from './metrics-server';
import { registerAppGauges } from './app-gauges';

export { exceptProbes } from './probes';
export { registerGauge } from './metrics';
export { logger } from './logger';

export const handleAccessLog = createAccessLog({
	log: logger,
	trustedHeader: () => env().REQUEST_ID_HEADER
});

export const logServerErrors = (inner: Parameters<typeof withErrorLog>[0]) =>
	withErrorLog(inner, logger);

/** After the database is up: metrics (if METRICS_PORT is set). Returns a stop function. */
export async function startOperations(kind: 'postgres' | 'pglite'): Promise<() => void> {
	const { METRICS_PORT, METRICS_HOST } = env();
	if (METRICS_PORT === undefined) return () => {};
	collectProcessMetrics();
	registerAppGauges(kind);
	const server = await startMetricsServer(METRICS_PORT, METRICS_HOST);
	logger().info({ port: METRICS_PORT, host: METRICS_HOST }, 'metrics served on /metrics');
	return () => server.close();
}
