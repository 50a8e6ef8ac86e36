import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';

export class DataDirLockedError extends Error {
	constructor(dataDir: string, pid: number) {
		super(
			`The data folder "${dataDir}" is in use by another process (pid ${pid}). ` +
				'PGlite cannot share a data folder between processes: stop that process, ' +
				'or set DATA_DIR to another folder.'
		);
		this.name = 'DataDirLockedError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite has no lock between processes, and two writers corrupt the folder. A pid file taken
 * with O_EXCL guards it; a file left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const lockPath = `${dataDir}/pglite.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(lockPath, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
			if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
				throw new DataDirLockedError(dataDir, holder);
			}
			rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Could not take the lock ${lockPath}`);
}
