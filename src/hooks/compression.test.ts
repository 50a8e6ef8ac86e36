import { describe, expect, it } from 'vitest';
import { encodingFor } from './compression';

const answer = (contentType: string, status = 200, extra: Record<string, string> = {}) => ({
	status,
	headers: new Headers({ 'content-type': contentType, ...extra })
});

describe('encodingFor', () => {
	it('prefers brotli, falls back to gzip, honours q=0', () => {
		const html = answer('text/html; charset=utf-8');
		expect(encodingFor('gzip, deflate, br, zstd', html, 'GET')).toBe('br');
		expect(encodingFor('gzip', html, 'GET')).toBe('gzip');
		expect(encodingFor('br;q=0, gzip;q=0.5', html, 'GET')).toBe('gzip');
		expect(encodingFor('identity', html, 'GET')).toBeNull();
		expect(encodingFor(null, html, 'GET')).toBeNull();
	});

	it('compresses page data and API JSON but not images or archives', () => {
		expect(encodingFor('gzip', answer('application/json'), 'GET')).toBe('gzip');
		expect(encodingFor('gzip', answer('text/csv; charset=utf-8'), 'GET')).toBe('gzip');
		expect(encodingFor('gzip', answer('image/png'), 'GET')).toBeNull();
		expect(encodingFor('gzip', answer('application/zip'), 'GET')).toBeNull();
	});

	it('leaves bodiless, tiny and already encoded answers alone', () => {
		expect(encodingFor('gzip', answer('text/html', 303), 'POST')).toBeNull();
		expect(encodingFor('gzip', answer('text/html', 304), 'GET')).toBeNull();
		expect(encodingFor('gzip', answer('text/html'), 'HEAD')).toBeNull();
		expect(
			encodingFor('gzip', answer('text/html', 200, { 'content-length': '200' }), 'GET')
		).toBeNull();
		expect(
			encodingFor('gzip', answer('text/html', 200, { 'content-encoding': 'gzip' }), 'GET')
		).toBeNull();
	});
});
