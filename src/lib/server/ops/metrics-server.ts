import { createServer, type Server } from 'node:http';
import { registry } from './metrics';

/**
 * Serves GET /metrics on its own port (decision 0027): bound to loopback by default, outside the
 * app's origin, so neither the public nor the reverse proxy reaches it and no token is needed.
 */
export function startMetricsServer(port: number, host: string): Promise<Server> {
	const server = createServer((req, res) => {
		if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
			return;
		}
		registry.metrics().then(
			(body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
			() => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n')
		);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			// Never keeps the process alive on shutdown.
			server.unref();
			resolve(server);
		});
	});
}
