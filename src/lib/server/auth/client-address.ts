import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit the login throttle counts per "address". IPv4 addresses count singly. An IPv6
 * client usually holds a whole /64 (the privacy extensions pick a new address inside it
 * every day, and anyone can choose any of its 2^64 addresses), so counting single IPv6
 * addresses would give an attacker unlimited fresh starts: the /64 prefix counts instead.
 * IPv4 written as IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports it) counts as IPv4.
 * Anything else (no address, a proxy's odd header value) counts as itself.
 */
export function throttleAddress(address: string): string {
	const value = address.trim().toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	if (isIPv4(value)) return value;
	// A zone (`fe80::1%eth0`) is local detail, not part of the network.
	const bare = value.split('%')[0]!;
	if (!isIPv6(bare)) return value;
	return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros (`2001:db8:0:0:…`). */
function expandIPv6(address: string): string[] {
	let text = address;
	// An embedded IPv4 tail (`::ffff:1.2.3.4` is handled above; `64:ff9b::1.2.3.4` here).
	const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (v4) {
		const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
		text =
			text.slice(0, -v4[1]!.length) +
			`${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.split('::') as [string, string | undefined];
	const left = head === '' ? [] : head.split(':');
	const right = tail === undefined || tail === '' ? [] : tail.split(':');
	const missing = 8 - left.length - right.length;
	const groups = tail === undefined ? left : [...left, ...Array(missing).fill('0'), ...right];
	return groups.map((g) => parseInt(g, 16).toString(16));
}
