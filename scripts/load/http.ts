/**
 * A minimal browser stand-in: one session cookie, the Origin header SvelteKit's CSRF check
 * wants on form posts, and form actions called as `use:enhance` does (JSON answer).
 */
const SESSION_COOKIE = 'ikz_session';

export interface Answer {
	status: number;
	ms: number;
	body: string;
	/** For form actions: success | failure | redirect | error, and the action's status (JSON answer). */
	type?: string;
	actionStatus?: number;
	location?: string | null;
	setCookie: string[];
}

export interface RequestOptions {
	form?: Record<string, string | string[]>;
	/** Form action called like `use:enhance` (JSON answer) instead of a plain form post. */
	enhance?: boolean;
	timeoutMs?: number;
	body?: FormData;
	headers?: Record<string, string>;
}

export async function request(
	base: string,
	path: string,
	cookie: string | null,
	options: RequestOptions = {}
): Promise<Answer> {
	const headers: Record<string, string> = { 'accept-language': 'de', ...options.headers };
	if (cookie) headers.cookie = `${SESSION_COOKIE}=${cookie}`;
	let body: URLSearchParams | FormData | undefined = options.body;
	if (options.form) {
		const params = new URLSearchParams();
		for (const [k, v] of Object.entries(options.form))
			for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
		body = params;
	}
	if (body) {
		headers.origin = base;
		if (options.enhance) headers['x-sveltekit-action'] = 'true';
		headers.accept = options.enhance ? 'application/json' : 'text/html';
	}
	const started = performance.now();
	const response = await fetch(base + path, {
		method: body ? 'POST' : 'GET',
		headers,
		body,
		redirect: 'manual',
		signal: AbortSignal.timeout(options.timeoutMs ?? 30_000)
	});
	const text = await response.text();
	const ms = performance.now() - started;
	let type: string | undefined;
	let actionStatus: number | undefined;
	if (options.enhance && response.headers.get('content-type')?.includes('json')) {
		try {
			({ type, status: actionStatus } = JSON.parse(text) as { type?: string; status?: number });
		} catch {
			type = undefined;
		}
	}
	return {
		status: response.status,
		ms,
		body: text,
		type,
		actionStatus,
		location: response.headers.get('location'),
		setCookie: response.headers.getSetCookie()
	};
}

export function sessionFrom(answer: Answer): string | null {
	for (const c of answer.setCookie) {
		const m = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(c);
		if (m && m[1]) return m[1];
	}
	return null;
}

/**
 * Logs in through the form action, as the login page does; returns the session token. The
 * instances read the client address from X-Forwarded-For, so the throttle test's failures
 * (from its own address) never slow down the load users.
 */
export async function login(base: string, email: string, password: string, address = '10.0.0.1') {
	const answer = await request(base, '/login?/login', null, {
		form: { email, password, redirectTo: '/' },
		headers: { 'x-forwarded-for': address }
	});
	return { answer, token: answer.status === 303 ? sessionFrom(answer) : null };
}
