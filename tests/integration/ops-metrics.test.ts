import { afterAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	collectProcessMetrics,
	recordRequest,
	registerGauge
} from '../../src/lib/server/ops/metrics';
import { startMetricsServer } from '../../src/lib/server/ops/metrics-server';

describe('metrics endpoint', () => {
	let server: Server | undefined;
	afterAll(() => server?.close());

	it('serves request counts per route id, queue gauges and process metrics on loopback', async () => {
		collectProcessMetrics();
		let outbox = 3;
		registerGauge('ikz_test_outbox', 'Mails waiting', async () => outbox);
		registerGauge('ikz_test_broken', 'A gauge whose source is down', async () => {
			throw new Error('database down');
		});
		recordRequest({ method: 'GET', route: '/cities/[city]', status: 200, seconds: 0.12 });
		recordRequest({ method: 'GET', route: '/cities/[city]', status: 200, seconds: 0.03 });
		recordRequest({ method: 'BREW', route: null, status: 404, seconds: 0.001 });
		// Port 0: any free port, so parallel runs never collide.
		server = await startMetricsServer(0, '127.0.0.1');
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

		const response = await fetch(`${base}/metrics`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		const body = await response.text();
		expect(body).toContain(
			'ikz_http_requests_total{method="GET",route="/cities/[city]",status="200"} 2'
		);
		expect(body).toContain(
			'ikz_http_requests_total{method="OTHER",route="unmatched",status="404"} 1'
		);
		expect(body).toMatch(
			/ikz_http_request_duration_seconds_bucket\{le="0.25",method="GET",route="\/cities\/\[city\]"\} 2/
		);
		expect(body).toContain('ikz_test_outbox 3');
		expect(body).toContain('process_resident_memory_bytes');
		expect(body).toContain('nodejs_eventloop_lag_seconds');
		// A failing source neither fails the scrape nor reports an empty queue (prom-client prints "Nan").
		expect(body).toMatch(/^ikz_test_broken NaN$/im);

		outbox = 0;
		expect(await (await fetch(`${base}/metrics`)).text()).toContain('ikz_test_outbox 0');
		expect((await fetch(`${base}/other`)).status).toBe(404);
	});
});
