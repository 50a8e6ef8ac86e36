/**
 * npm run user:create -- --email admin@stadt.de --name "Vorname Nachname"
 * Creates an administrator (e.g. the first one on a production database). The password comes
 * from IKZ_NEW_PASSWORD or, on a terminal, from a prompt without echo.
 */
import { z } from 'zod';
import { passwordProblems, type PasswordProblem } from '../src/lib/server/auth/password';
import { createUser, findUserByEmail } from '../src/lib/server/auth/users';
import { openDatabase } from '../src/lib/server/db/client';
import { parseEnv } from '../src/lib/server/env';

const USAGE =
	'Usage: npm run user:create -- --email <address> --name "<display name>" ' +
	'(password from IKZ_NEW_PASSWORD or prompted)';

const problemText: Record<PasswordProblem, string> = {
	too_short: 'it is shorter than 12 characters',
	too_long: 'it is longer than 128 characters',
	too_common: 'it is on the list of common passwords'
};

function parseArgs(args: readonly string[]): { email: string; name: string } {
	const values: Record<string, string> = {};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		const match = /^--(email|name)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`Unknown argument ${arg}. ${USAGE}`);
		const value = match[2] ?? args[++i];
		if (value === undefined || value.startsWith('--'))
			throw new Error(`--${match[1]} needs a value. ${USAGE}`);
		values[match[1]!] = value;
	}
	const email = values.email?.trim() ?? '';
	const name = values.name?.trim() ?? '';
	if (!email || !name) throw new Error(`--email and --name are required. ${USAGE}`);
	if (!z.email().safeParse(email).success) throw new Error(`"${email}" is not an e-mail address.`);
	if (name.length > 200) throw new Error('The name can be at most 200 characters long.');
	return { email, name };
}

/** Reads a line from the terminal without showing it. */
function promptHidden(question: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const stdin = process.stdin;
		let value = '';
		const cleanup = () => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stdout.write('\n');
		};
		const onData = (chunk: string) => {
			for (const c of chunk) {
				if (c === '\r' || c === '\n') {
					cleanup();
					resolve(value);
					return;
				}
				if (c === '\u0003' || c === '\u0004') {
					cleanup();
					reject(new Error('Cancelled.'));
					return;
				}
				if (c === '\u007f' || c === '\b') value = [...value].slice(0, -1).join('');
				else value += c;
			}
		};
		process.stdout.write(question);
		stdin.setEncoding('utf8');
		stdin.setRawMode(true);
		stdin.resume();
		stdin.on('data', onData);
	});
}

async function readPassword(): Promise<string> {
	const fromEnv = process.env.IKZ_NEW_PASSWORD;
	if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
	if (!process.stdin.isTTY)
		throw new Error('No password: set IKZ_NEW_PASSWORD or run the command in a terminal.');
	const first = await promptHidden('Password (at least 12 characters): ');
	checkPassword(first);
	const second = await promptHidden('Repeat the password: ');
	if (first !== second) throw new Error('The two passwords do not match.');
	return first;
}

function checkPassword(password: string): void {
	const problems = passwordProblems(password);
	if (problems.length > 0)
		throw new Error(`Password rejected: ${problems.map((p) => problemText[p]).join('; ')}.`);
}

function oneLine(message: string): string {
	return message
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join(' ');
}

async function main(): Promise<void> {
	const { email, name } = parseArgs(process.argv.slice(2));
	const password = await readPassword();
	checkPassword(password);
	const env = parseEnv();
	const handle = await openDatabase({
		databaseUrl: env.DATABASE_URL,
		dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR
	});
	try {
		await handle.migrate();
		if (await findUserByEmail(handle.db, email))
			throw new Error(`An account for ${email} already exists in ${handle.describe}.`);
		const user = await createUser(handle.db, {
			email,
			displayName: name,
			password,
			roles: [{ role: 'admin', organisationId: null, fieldId: null }],
			actorUserId: null
		});
		console.log(`Created administrator ${user.email} (id ${user.id}) in ${handle.describe}.`);
	} finally {
		await handle.close();
	}
}

main().catch((error: unknown) => {
	const message = error instanceof Error ? error.message : String(error);
	console.error(`Creating the user failed: ${oneLine(message)}`);
	process.exit(1);
});
