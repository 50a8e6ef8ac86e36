/**
 * Every write the app acknowledged, to be compared with the database afterwards. A write
 * that got no answer (outage) may or may not have been committed: its value is accepted too,
 * but only if it came after the last acknowledged one.
 */
export interface Expectation {
	/** Value (controller saves) or state (approver transitions) last acknowledged. */
	acked: string | null;
	version: number | null;
	/** Attempts after the last acknowledgement whose outcome is unknown. */
	uncertain: string[];
	acks: number;
}

export class Ledger {
	readonly entries = new Map<string, Expectation>();

	private entry(key: string) {
		let e = this.entries.get(key);
		if (!e) {
			e = { acked: null, version: null, uncertain: [], acks: 0 };
			this.entries.set(key, e);
		}
		return e;
	}

	attempt(key: string, value: string) {
		this.entry(key).uncertain.push(value);
	}

	ack(key: string, value: string, version: number | null = null) {
		const e = this.entry(key);
		e.acked = value;
		e.version = version;
		e.uncertain = [];
		e.acks++;
	}

	/** The attempt was answered with a refusal: it certainly changed nothing. */
	refused(key: string, value: string) {
		const e = this.entry(key);
		const i = e.uncertain.lastIndexOf(value);
		if (i >= 0) e.uncertain.splice(i, 1);
	}

	get acknowledged() {
		return [...this.entries.values()].reduce((n, e) => n + e.acks, 0);
	}
}
