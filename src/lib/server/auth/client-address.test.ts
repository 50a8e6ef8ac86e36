import { describe, expect, it } from 'vitest';
import { throttleAddress } from './client-address';

describe('throttleAddress', () => {
	it('counts an IPv4 address singly, also when a dual-stack socket reports it as IPv6', () => {
		expect(throttleAddress('192.0.2.1')).toBe('192.0.2.1');
		expect(throttleAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
		expect(throttleAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
	});

	it('counts all addresses of one IPv6 /64 together, however they are written', () => {
		const prefix = '2001:db8:aa:bb::/64';
		for (const address of [
			'2001:db8:aa:bb::1',
			'2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff',
			'2001:DB8:AA:BB:1:2:3:4',
			'2001:db8:aa:bb:0:0:0:0'
		]) {
			expect(throttleAddress(address), address).toBe(prefix);
		}
		expect(throttleAddress('2001:db8:aa:bc::1')).not.toBe(prefix);
	});

	it('handles compressed zeros at either end, zones and embedded IPv4', () => {
		expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
		expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
		expect(throttleAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
		expect(throttleAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
	});

	it('keeps anything that is not an address as it is', () => {
		expect(throttleAddress('unknown')).toBe('unknown');
		expect(throttleAddress('')).toBe('');
	});
});
