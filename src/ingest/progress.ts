/** The progress of a batch scan (scripts/batch-scan.ts): a status line rewritten in place on a terminal, plain lines otherwise. */
import type { ScanRecord } from '../lib/content/scan-report.ts';

export interface ProgressStream {
	write(text: string): unknown;
	/** Terminal width, when it is one. */
	columns?: number | undefined;
}

export class Progress {
	readonly #total: number;
	readonly #tty: boolean;
	readonly #out: ProgressStream;
	readonly #running = new Set<string>();
	#done = 0;
	#failed = 0;

	constructor(total: number, tty: boolean, out: ProgressStream) {
		this.#total = total;
		this.#tty = tty;
		this.#out = out;
	}

	#status(): string {
		const remaining = this.#total - this.#done - this.#failed;
		return `[${this.#done + this.#failed}/${this.#total}] catalogued ${this.#done} · failed ${this.#failed} · remaining ${remaining} · running ${[...this.#running].join(', ') || '-'}`;
	}

	#redraw(): void {
		if (this.#tty) this.#out.write(`\r\u001b[K${this.#status().slice(0, (this.#out.columns || 120) - 1)}`);
	}

	line(text: string): void {
		if (this.#tty) this.#out.write('\r\u001b[K');
		this.#out.write(`${text}\n`);
		this.#redraw();
	}

	start(pkg: string): void {
		this.#running.add(pkg);
		if (!this.#tty) this.#out.write(`start ${pkg}\n`);
		this.#redraw();
	}

	finish(pkg: string, record: ScanRecord): void {
		this.#running.delete(pkg);
		if (record.outcome === 'catalogued') this.#done += 1;
		else this.#failed += 1;
		const first = record.reason.split('\n')[0] ?? '';
		const what = `${record.outcome}${record.outcome === 'catalogued' ? ` (${record.tools} tools)` : ''}`;
		const head = `${record.package}${record.version ? `@${record.version}` : ''} ${what} in ${(record.durationMs / 1000).toFixed(1)} s: ${first.slice(0, 200)}`;
		this.line(this.#tty ? head : `${head}\n  ${this.#status()}`);
	}

	end(): void {
		if (this.#tty) this.#out.write('\r\u001b[K');
	}
}
