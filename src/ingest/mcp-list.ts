/**
 * Lists the tools of one MCP server: start it (stdio) or reach it (streamable HTTP), `initialize`, then
 * follow `tools/list` cursors to the end. Nothing else is ever sent: no tool is called, no resource read.
 *
 * The server is untrusted code. Every step has a hard time limit, the listing has size and page limits,
 * and a stdio server runs in its own process group, which is killed as a whole when the listing ends or
 * fails, so helpers it started (an `npx` shim, a shell, a browser) do not outlive the scan.
 *
 * Why not the SDK's `StdioClientTransport`: it spawns the server in our own process group with no way to
 * ask for a new one, and its `close()` signals only the direct child (after up to 4 s of grace periods),
 * so grandchildren survive it; it also tolerates non-JSON lines on stdout (it reports them and carries
 * on), where a scan should stop and say the server is broken. The transport below keeps the SDK's
 * framing (newline-delimited JSON-RPC, validated with the SDK's own message schema) and the SDK's
 * `Client` still drives initialisation and version negotiation.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
	JSONRPCMessageSchema,
	McpError,
	type ClientCapabilities,
	type JSONRPCMessage,
	type MessageExtraInfo,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** Why a scan failed; tests and the CLI branch on it, people read the message. */
export type ScanErrorKind =
	/** A step took longer than its limit. */
	| 'timeout'
	/** The server process exited (or its connection closed) before the listing was complete. */
	| 'crashed'
	/** The server broke the protocol: non-JSON on stdout, an invalid or error response. */
	| 'protocol'
	/** Too many tools, too many bytes. */
	| 'too-large'
	/** A cursor came back twice, or the pages never end. */
	| 'cursor-loop'
	/** The server command could not be started. */
	| 'spawn'
	/** An HTTP server could not be reached or answered with an HTTP error. */
	| 'http'
	/** Two listed tools share a name (a content file cannot hold that). */
	| 'duplicate-tools'
	/** The listing does not make a valid content file. */
	| 'invalid'
	/** The npm package could not be resolved or installed. */
	| 'install';

/** A failed scan: a reason kind to branch on and a message for people, with the server's last stderr lines. */
export class ScanError extends Error {
	override name = 'ScanError';
	readonly kind: ScanErrorKind;
	/** The last lines the server wrote to stderr (capped), already included in the message. */
	readonly stderrTail: string;
	/** Where it failed: starting and initialising (`connect`) or listing tools (`list`); set by the listing. */
	phase: 'connect' | 'list' | undefined;
	/** The message without the stderr lines. */
	readonly detail: string;
	constructor(kind: ScanErrorKind, message: string, options: { stderrTail?: string; cause?: unknown } = {}) {
		const tail = options.stderrTail ?? '';
		super(tail ? `${message}\nLast lines the server wrote to stderr:\n${indent(tail)}` : message, { cause: options.cause });
		this.kind = kind;
		this.stderrTail = tail;
		this.detail = message;
		this.phase = undefined;
	}
}

/** How to reach the server. `env` is the complete environment of a stdio server: nothing is inherited. */
export type ListTarget =
	| {
			kind: 'stdio';
			command: string;
			args: readonly string[];
			env: Readonly<Record<string, string>>;
			cwd?: string;
			/** Start the process as this host user and group (a root scanner starting a sandbox as nobody). */
			uid?: number;
			gid?: number;
			/** How messages name the server (default: the command line). */
			label?: string;
	  }
	| { kind: 'http'; url: string; headers?: Readonly<Record<string, string>> };

/** Limits and hooks; every field has a default suited to scanning third-party servers. */
export interface ListOptions {
	/** Starting the process and answering `initialize`. Default 60 s. */
	connectTimeoutMs?: number;
	/** One `tools/list` page. Default 60 s. */
	pageTimeoutMs?: number;
	/** The whole listing, connection included. Default 180 s. */
	totalTimeoutMs?: number;
	/** Default 1000 pages. */
	maxPages?: number;
	/** Default 20,000 tools. */
	maxTools?: number;
	/** JSON size of all listed tools together, and of any single message. Default 20 MB. */
	maxBytes?: number;
	/** Bytes of stderr read before the scan stops the server (it is read, never stored, beyond the tail). Default 8 MB. */
	maxStderrBytes?: number;
	/** Called with the pid of a stdio server once it runs (tests use it to check that it was killed). */
	onSpawn?: (pid: number) => void;
	/**
	 * Capabilities to declare in `initialize`. Default none: the listing every client gets. Some servers
	 * list extra tools only to clients that declare e.g. `sampling`, `elicitation` or `roots`; requests
	 * the server then sends us are answered "method not found".
	 */
	clientCapabilities?: ClientCapabilities;
	/**
	 * Skip stdout lines that are not JSON-RPC messages (a startup banner printed with console.log, a log
	 * line in JSON) instead of failing, as the MCP SDKs' stdio clients do: the TypeScript SDK's
	 * `StdioClientTransport` reports the line's parse error to `onerror` and reads on; the Python SDK's
	 * `stdio_client` logs it and continues. The count and the first few lines are returned
	 * (`skippedStdoutLines`, `skippedStdoutSample`), and a failure after skipping says what was skipped.
	 * Default false: a strict scan says the server is broken.
	 */
	skipNonJsonLines?: boolean;
}

/** A JSON object as the server sent it. */
export type RawObject = Record<string, unknown>;

/** A tool definition as the server sent it; only `name` has been checked. */
export type RawTool = RawObject & { name: string };

/** The listing, with tool definitions exactly as the server returned them, in order. */
export interface ListResult {
	tools: RawTool[];
	pages: number;
	protocolVersion: string;
	serverInfo: { name: string; version?: string; [key: string]: unknown };
	/** Stdout lines that were not JSON-RPC messages, skipped (only with `skipNonJsonLines`). */
	skippedStdoutLines?: number;
	/** The first of them (at most {@link SKIPPED_SAMPLE_LINES}, each cut to 200 characters, control characters shown as escapes). */
	skippedStdoutSample?: string[];
}

/** How many skipped stdout lines a result or an error message quotes. */
export const SKIPPED_SAMPLE_LINES = 3;

const DEFAULTS = {
	connectTimeoutMs: 60_000,
	pageTimeoutMs: 60_000,
	totalTimeoutMs: 180_000,
	maxPages: 1000,
	maxTools: 20_000,
	maxBytes: 20 * 1024 * 1024,
	maxStderrBytes: 8 * 1024 * 1024,
};

/** The client name servers see in `initialize`. */
const CLIENT_INFO = { name: 'toolrisk-scan', version: '1.0.0' };
const STDERR_KEEP_CHARS = 16_000;
const STDERR_SHOW_LINES = 15;
const STDERR_SHOW_CHARS = 2_000;
/** A thrown error's own line as Node prints it (`Error: ...`, `TypeError [ERR_X]: ...`), or quoted in a log line (`failed: Error: ...`). */
const ERROR_HEADLINE = /(?:^|[\s:])(?:Uncaught )?(?:[A-Z]\w*)?Error\b(?: \[\w+\])?: \S/;

/**
 * A `tools/list` result, loosely: the tool objects are kept whole. `Client.listTools()` parses them with
 * the SDK's tool schema, which drops fields it does not know (and rejects schemas it finds odd); a
 * catalogue must keep what the server said.
 */
const rawListToolsResult = z.looseObject({
	tools: z.array(z.unknown()),
	nextCursor: z.string().nullable().optional(),
});

/**
 * Lists every tool of the server behind `target`. Throws a {@link ScanError}; never calls a tool. When it
 * returns or throws, a stdio server and its whole process group have been killed.
 */
export async function listTools(target: ListTarget, options: ListOptions = {}): Promise<ListResult> {
	if (target.kind === 'http' && !/^https?:$/.test(URL.parse(target.url)?.protocol ?? '')) {
		throw new ScanError('http', `${JSON.stringify(target.url)} is not an http(s) URL`);
	}
	const limits = { ...DEFAULTS, ...definedOnly(options) };
	const session = new Session(target, limits, options.onSpawn, options.clientCapabilities ?? {}, options.skipNonJsonLines === true);
	try {
		return await session.run();
	} finally {
		await session.dispose();
	}
}

type Limits = typeof DEFAULTS;

/** One listing: the client, the transport and the first fatal problem seen. */
class Session {
	readonly #limits: Limits;
	readonly #inner: ProcessGroupStdioTransport | StreamableHTTPClientTransport;
	readonly #transport: RecordingTransport;
	readonly #client: Client;
	readonly #label: string;
	#fatal: ScanError | undefined;
	#rejectFatal: (error: ScanError) => void = () => {};
	readonly #fatalPromise: Promise<never>;
	readonly #started = Date.now();

	constructor(
		target: ListTarget,
		limits: Limits,
		onSpawn: ((pid: number) => void) | undefined,
		capabilities: ClientCapabilities,
		skipNonJson = false,
	) {
		this.#limits = limits;
		this.#client = new Client(CLIENT_INFO, { capabilities });
		this.#fatalPromise = new Promise<never>((_, reject) => {
			this.#rejectFatal = reject;
		});
		this.#fatalPromise.catch(() => {});
		const fail = (error: ScanError): void => this.#fail(error);
		if (target.kind === 'stdio') {
			this.#label = target.label ?? [target.command, ...target.args].join(' ');
			this.#inner = new ProcessGroupStdioTransport(target, limits.maxBytes, fail, onSpawn, skipNonJson, limits.maxStderrBytes);
		} else {
			this.#label = target.url;
			this.#inner = new StreamableHTTPClientTransport(new URL(target.url), {
				requestInit: { headers: { ...target.headers } },
				fetch: cappedFetch(limits.maxBytes * 2, fail),
			});
		}
		this.#transport = new RecordingTransport(this.#inner);
		this.#client.onerror = () => {
			// Out-of-band reports (a late response, an unknown notification): not fatal on their own. The
			// stdio transport reports the fatal ones (garbage on stdout) through `fail` directly.
		};
	}

	#fail(error: ScanError): void {
		if (this.#fatal) return;
		this.#fatal = error;
		this.#rejectFatal(error);
	}

	#stderr(): string {
		return this.#inner instanceof ProcessGroupStdioTransport ? this.#inner.stderrTail() : '';
	}

	/** Runs `work` against the step limit and the overall limit; any fatal event wins. */
	async #step<T>(what: string, stepMs: number, work: Promise<T>): Promise<T> {
		work.catch(() => {});
		const remaining = this.#limits.totalTimeoutMs - (Date.now() - this.#started);
		const overall = remaining < stepMs;
		const ms = Math.max(0, overall ? remaining : stepMs);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				reject(
					new ScanError(
						'timeout',
						overall
							? `${this.#label}: the scan exceeded its overall limit of ${seconds(this.#limits.totalTimeoutMs)} while ${what}`
							: `${this.#label}: no answer within ${seconds(stepMs)} while ${what}`,
						{ stderrTail: this.#stderr() },
					),
				);
			}, ms);
		});
		timeout.catch(() => {});
		try {
			return await Promise.race([work, this.#fatalPromise, timeout]);
		} catch (error) {
			const failure = this.#withSkipped(this.#fatal ?? this.#explain(error, what));
			failure.phase ??= what.startsWith('listing') ? 'list' : 'connect';
			throw failure;
		} finally {
			clearTimeout(timer);
		}
	}

	/** A failure after skipped stdout lines says what they were (help text, a banner that came instead of JSON-RPC). */
	#withSkipped(failure: ScanError): ScanError {
		const inner = this.#inner;
		if (!(inner instanceof ProcessGroupStdioTransport) || inner.skippedLines === 0) return failure;
		const first = inner.skippedSample.map((l) => JSON.stringify(l)).join(', ');
		const what = `${plural(inner.skippedLines, 'line')} that ${inner.skippedLines === 1 ? 'is' : 'are'} not JSON-RPC`;
		const note = `; it had also written ${what} to stdout, skipped as the SDK's client does (the first: ${first})`;
		const rebuilt = new ScanError(failure.kind, `${failure.detail}${note}`, { stderrTail: failure.stderrTail, cause: failure.cause });
		rebuilt.phase = failure.phase;
		return rebuilt;
	}

	/** Turns what the SDK threw into a ScanError with a reason. */
	#explain(error: unknown, what: string): ScanError {
		if (error instanceof ScanError) {
			return error.stderrTail || !this.#stderr()
				? error
				: new ScanError(error.kind, error.message, { stderrTail: this.#stderr(), cause: error });
		}
		const detail = error instanceof Error ? error.message : String(error);
		const stderrTail = this.#stderr();
		if (error instanceof StreamableHTTPError || (error instanceof TypeError && /fetch failed/i.test(detail))) {
			const cause = error instanceof TypeError && error.cause instanceof Error ? ` (${error.cause.message})` : '';
			return new ScanError('http', `${this.#label}: HTTP request failed while ${what}: ${detail}${cause}`, { cause: error });
		}
		if (error instanceof McpError && error.code === -32000) {
			return new ScanError('crashed', `${this.#label}: the connection closed while ${what}`, { stderrTail, cause: error });
		}
		if (error instanceof McpError && error.code === -32001) {
			return new ScanError('timeout', `${this.#label}: no answer in time while ${what}`, { stderrTail, cause: error });
		}
		if (error instanceof McpError) {
			return new ScanError('protocol', `${this.#label}: the server answered with an error while ${what}: ${detail}`, {
				stderrTail,
				cause: error,
			});
		}
		if (error instanceof z.ZodError || (error instanceof Error && error.name === 'ZodError')) {
			return new ScanError(
				'protocol',
				`${this.#label}: the server's answer is not a valid MCP result while ${what}: ${short(detail, 600)}`,
				{
					stderrTail,
					cause: error,
				},
			);
		}
		return new ScanError('protocol', `${this.#label}: failed while ${what}: ${detail}`, { stderrTail, cause: error });
	}

	async run(): Promise<ListResult> {
		const { connectTimeoutMs, pageTimeoutMs, maxPages, maxTools, maxBytes } = this.#limits;
		// The SDK has its own request timeouts; ours are shorter, so its are only a backstop.
		const sdkTimeout = { timeout: Math.max(connectTimeoutMs, pageTimeoutMs) + 5_000 };
		await this.#step('starting and initialising', connectTimeoutMs, this.#client.connect(this.#transport, sdkTimeout));
		const init = this.#transport.initializeResult ?? {};
		const protocolVersion = typeof init['protocolVersion'] === 'string' ? init['protocolVersion'] : '';
		const serverInfo = isObject(init['serverInfo']) && typeof init['serverInfo']['name'] === 'string' ? init['serverInfo'] : undefined;
		if (!protocolVersion || !serverInfo) {
			throw new ScanError('protocol', `${this.#label}: the initialize result has no protocolVersion or serverInfo.name`, {
				stderrTail: this.#stderr(),
			});
		}
		const tools: RawTool[] = [];
		const seen = new Set<string>();
		let cursor: string | undefined;
		let pages = 0;
		let bytes = 0;
		do {
			if (pages >= maxPages) {
				throw new ScanError('cursor-loop', `${this.#label}: tools/list still returned a nextCursor after ${maxPages} pages; giving up`);
			}
			const page = pages + 1;
			const params = cursor === undefined ? {} : { cursor };
			const result = await this.#step(
				`listing tools (page ${page})`,
				pageTimeoutMs,
				this.#client.request({ method: 'tools/list', params }, rawListToolsResult, sdkTimeout),
			);
			pages = page;
			result.tools.forEach((tool, i) => {
				if (!isObject(tool) || typeof tool['name'] !== 'string') {
					throw new ScanError(
						'protocol',
						`${this.#label}: tools/list page ${page}, tool ${i}: expected an object with a string "name", got ${short(JSON.stringify(tool) ?? String(tool), 200)}`,
					);
				}
				tools.push(tool as RawTool);
			});
			bytes += Buffer.byteLength(JSON.stringify(result.tools));
			if (tools.length > maxTools) {
				throw new ScanError(
					'too-large',
					`${this.#label}: the server listed more than ${maxTools} tools (${tools.length} after ${plural(pages, 'page')}); refusing to continue`,
				);
			}
			if (bytes > maxBytes) {
				throw new ScanError(
					'too-large',
					`${this.#label}: the tool definitions exceed ${megabytes(maxBytes)} of JSON (${megabytes(bytes)} after ${plural(pages, 'page')}); refusing to continue`,
				);
			}
			// An empty string is treated like no cursor: servers that send "" mean "no more pages".
			cursor = typeof result.nextCursor === 'string' && result.nextCursor !== '' ? result.nextCursor : undefined;
			if (cursor !== undefined) {
				if (seen.has(cursor)) {
					throw new ScanError(
						'cursor-loop',
						`${this.#label}: tools/list returned cursor ${JSON.stringify(short(cursor, 80))} twice (page ${pages}); the pages would never end`,
					);
				}
				seen.add(cursor);
			}
		} while (cursor !== undefined);
		const inner = this.#inner instanceof ProcessGroupStdioTransport ? this.#inner : undefined;
		const skipped = inner?.skippedLines ?? 0;
		return {
			tools,
			pages,
			protocolVersion,
			serverInfo: serverInfo as ListResult['serverInfo'],
			...(skipped > 0 && inner ? { skippedStdoutLines: skipped, skippedStdoutSample: [...inner.skippedSample] } : {}),
		};
	}

	/** Closes the client and kills whatever the server started. Never throws. */
	async dispose(): Promise<void> {
		const inner = this.#inner;
		if (inner instanceof ProcessGroupStdioTransport) {
			// Kill first: a polite close would wait on a server that may be the reason we are stopping.
			await inner.terminate(this.#fatal !== undefined ? 0 : 300);
		}
		await withTimeout(
			this.#client.close().catch(() => {}),
			5_000,
		);
	}
}

/**
 * A stdio transport that runs the server as the leader of a new process group (a new session, in fact),
 * so the whole group can be killed. Messages are newline-delimited JSON-RPC, validated with the SDK's
 * schema; the first line that is not JSON-RPC, a message over the size limit, or the process exiting
 * is reported through `fail` as fatal.
 */
class ProcessGroupStdioTransport implements Transport {
	onclose?: (() => void) | undefined;
	onerror?: ((error: Error) => void) | undefined;
	onmessage?: (<T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void) | undefined;

	readonly #target: Extract<ListTarget, { kind: 'stdio' }>;
	readonly #maxLineBytes: number;
	readonly #fail: (error: ScanError) => void;
	readonly #onSpawn: ((pid: number) => void) | undefined;
	#child: ChildProcess | undefined;
	#closed: Promise<void> = Promise.resolve();
	#exited = false;
	#stopping = false;
	/** A fatal problem was reported; further output is ignored. */
	#broken = false;
	#partial: Buffer[] = [];
	#partialBytes = 0;
	#stdoutBytes = 0;
	#lineNumber = 0;
	#stderr = '';

	readonly #skipNonJson: boolean;
	/** Stdout lines that were not JSON-RPC messages, skipped. */
	skippedLines = 0;
	/** The first of them, cut and with control characters escaped. */
	readonly skippedSample: string[] = [];
	readonly #maxStderrBytes: number;
	#stderrBytes = 0;
	readonly #label: string;

	constructor(
		target: Extract<ListTarget, { kind: 'stdio' }>,
		maxBytes: number,
		fail: (error: ScanError) => void,
		onSpawn?: (pid: number) => void,
		skipNonJson = false,
		maxStderrBytes = DEFAULTS.maxStderrBytes,
	) {
		this.#target = target;
		this.#label = target.label ?? [target.command, ...target.args].join(' ');
		this.#maxStderrBytes = maxStderrBytes;
		this.#skipNonJson = skipNonJson;
		this.#maxLineBytes = maxBytes;
		this.#fail = (error) => {
			this.#broken = true;
			fail(error);
		};
		this.#onSpawn = onSpawn;
	}

	/** The last stderr lines, for error messages. */
	stderrTail(): string {
		const lines = this.#stderr
			.replace(/\r\n?/g, '\n')
			.split('\n')
			.map(cleanLine)
			.filter((l) => l.trim() !== '');
		const tail = lines.slice(-STDERR_SHOW_LINES);
		const shown = tail.join('\n');
		const cut = shown.length > STDERR_SHOW_CHARS ? `…${shown.slice(-STDERR_SHOW_CHARS)}` : shown;
		// A long stack pushes the error's own line out of the tail; it says what failed, so it is kept in front.
		if (tail.some((l) => ERROR_HEADLINE.test(l))) return cut;
		const headline = lines.slice(0, -STDERR_SHOW_LINES).findLast((l) => ERROR_HEADLINE.test(l));
		return headline === undefined ? cut : `${short(headline, 400)}\n…\n${cut}`;
	}

	start(): Promise<void> {
		if (this.#child) throw new Error('transport already started');
		const { command, args, env, cwd } = this.#target;
		return new Promise<void>((resolve, reject) => {
			let child: ChildProcess;
			try {
				child = spawn(command, [...args], {
					env: { ...env },
					stdio: ['pipe', 'pipe', 'pipe'],
					detached: true,
					shell: false,
					...(this.#target.uid !== undefined ? { uid: this.#target.uid } : {}),
					...(this.#target.gid !== undefined ? { gid: this.#target.gid } : {}),
					windowsHide: true,
					...(cwd === undefined ? {} : { cwd }),
				});
			} catch (error) {
				reject(new ScanError('spawn', `could not start ${JSON.stringify(command)}: ${(error as Error).message}`, { cause: error }));
				return;
			}
			this.#child = child;
			this.#closed = new Promise<void>((done) => child.once('close', () => done()));
			child.once('error', (error) => {
				if (child.pid === undefined) {
					this.#exited = true;
					reject(new ScanError('spawn', `could not start ${JSON.stringify(command)}: ${error.message}`, { cause: error }));
				} else {
					this.onerror?.(error);
				}
			});
			child.once('spawn', () => {
				if (child.pid !== undefined) {
					liveGroups.add(child.pid);
					this.#onSpawn?.(child.pid);
				}
				resolve();
			});
			child.once('close', (code, signal) => {
				this.#exited = true;
				if (child.pid === undefined) return; // never started: the error event reported it
				liveGroups.delete(child.pid);
				if (!this.#stopping && !this.#broken) {
					const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
					this.#fail(
						new ScanError('crashed', `${this.#label}: the server ${how} before the listing was complete`, {
							stderrTail: this.stderrTail(),
						}),
					);
				}
				this.onclose?.();
			});
			child.stdin?.on('error', () => {
				// EPIPE when the server has gone; the close event reports it.
			});
			child.stdout?.on('data', (chunk: Buffer) => this.#onStdout(chunk));
			const decoder = new StringDecoder('utf8');
			child.stderr?.on('data', (chunk: Buffer) => {
				this.#stderrBytes += chunk.length;
				this.#stderr = (this.#stderr + decoder.write(chunk)).slice(-STDERR_KEEP_CHARS);
				if (this.#stderrBytes > this.#maxStderrBytes && !this.#stopping && !this.#broken) {
					this.#fail(
						new ScanError(
							'too-large',
							`${this.#label}: the server wrote more than ${megabytes(this.#maxStderrBytes)} to stderr; refusing to read more`,
							{
								stderrTail: this.stderrTail(),
							},
						),
					);
				}
			});
		});
	}

	#onStdout(chunk: Buffer): void {
		if (this.#stopping || this.#broken) return;
		this.#stdoutBytes += chunk.length;
		// Room for the listing (checked precisely by the caller) plus framing; stops endless output.
		const maxStdout = this.#maxLineBytes * 2 + 1024 * 1024;
		if (this.#stdoutBytes > maxStdout) {
			this.#fail(new ScanError('too-large', `the server wrote more than ${megabytes(maxStdout)} to stdout; refusing to read more`));
			return;
		}
		let start = 0;
		let newline = chunk.indexOf(10);
		while (newline !== -1) {
			const piece = chunk.subarray(start, newline);
			const line = this.#partialBytes ? Buffer.concat([...this.#partial, piece]) : piece;
			this.#partial = [];
			this.#partialBytes = 0;
			this.#onLine(line.toString('utf8').replace(/\r$/, ''));
			if (this.#stopping || this.#broken) return;
			start = newline + 1;
			newline = chunk.indexOf(10, start);
		}
		if (start < chunk.length) {
			this.#partial.push(chunk.subarray(start));
			this.#partialBytes += chunk.length - start;
			// A message may hold a little more than the tools themselves (framing, nextCursor, _meta).
			const maxMessage = this.#maxLineBytes + 64 * 1024;
			if (this.#partialBytes > maxMessage) {
				this.#fail(
					new ScanError('too-large', `the server sent a single message larger than ${megabytes(maxMessage)}; refusing to read it`),
				);
			}
		}
	}

	#onLine(line: string): void {
		this.#lineNumber += 1;
		if (line.trim() === '') return;
		let json: unknown;
		const skip = (): void => {
			this.skippedLines += 1;
			if (this.skippedSample.length < SKIPPED_SAMPLE_LINES) this.skippedSample.push(short(cleanLine(line), 200));
		};
		try {
			json = JSON.parse(line);
		} catch {
			if (this.#skipNonJson) {
				skip();
				return;
			}
			this.#fail(
				new ScanError(
					'protocol',
					`${this.#label}: the server wrote something that is not JSON to stdout (line ${this.#lineNumber}: ${JSON.stringify(short(line, 200))}); stdout is reserved for JSON-RPC messages, logs belong on stderr`,
					{ stderrTail: this.stderrTail() },
				),
			);
			return;
		}
		if (!JSONRPCMessageSchema.safeParse(json).success) {
			// The SDK's client skips these too: its read buffer throws on the line and the transport reads on.
			if (this.#skipNonJson) {
				skip();
				return;
			}
			this.#fail(
				new ScanError(
					'protocol',
					`${this.#label}: the server wrote JSON to stdout that is not a JSON-RPC 2.0 message (line ${this.#lineNumber}: ${JSON.stringify(short(line, 200))})`,
					{ stderrTail: this.stderrTail() },
				),
			);
			return;
		}
		// The parsed object itself, not the schema's output: nothing is stripped.
		this.onmessage?.(json as JSONRPCMessage);
	}

	send(message: JSONRPCMessage): Promise<void> {
		const stdin = this.#child?.stdin;
		if (!stdin || this.#exited || !stdin.writable) return Promise.reject(new Error('the server process is not running'));
		return new Promise<void>((resolve) => {
			if (stdin.write(`${JSON.stringify(message)}\n`)) resolve();
			else stdin.once('drain', () => resolve());
		});
	}

	/** The SDK's close: same as terminate with a short grace period. */
	async close(): Promise<void> {
		await this.terminate(300);
	}

	/**
	 * Ends the server: closes its stdin, sends SIGTERM to the group, and after `graceMs` SIGKILL to the
	 * group (always, even if the leader has exited: a grandchild may not have). Waits for the leader's
	 * exit, at most a few seconds.
	 */
	async terminate(graceMs: number): Promise<void> {
		const child = this.#child;
		if (!child || child.pid === undefined) return;
		const pid = child.pid;
		const first = !this.#stopping;
		this.#stopping = true;
		if (first) {
			try {
				child.stdin?.end();
			} catch {
				// already gone
			}
			if (graceMs > 0 && !this.#exited) {
				killGroup(pid, 'SIGTERM');
				await withTimeout(this.#closed, graceMs);
			}
		}
		killGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
		await withTimeout(this.#closed, 3_000);
	}
}

/**
 * Wraps a transport to keep the raw `initialize` result (the SDK's parsed copy drops fields of
 * `serverInfo` it does not model).
 */
class RecordingTransport implements Transport {
	onclose?: (() => void) | undefined;
	onerror?: ((error: Error) => void) | undefined;
	onmessage?: (<T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void) | undefined;
	initializeResult: RawObject | undefined;
	readonly #inner: Transport;
	#initializeId: string | number | undefined;

	constructor(inner: Transport) {
		this.#inner = inner;
	}

	get sessionId(): string | undefined {
		return this.#inner.sessionId;
	}

	setProtocolVersion(version: string): void {
		this.#inner.setProtocolVersion?.(version);
	}

	start(): Promise<void> {
		this.#inner.onclose = () => this.onclose?.();
		this.#inner.onerror = (error) => this.onerror?.(error);
		this.#inner.onmessage = (message, extra) => {
			if ('id' in message && message.id === this.#initializeId && 'result' in message && isObject(message.result)) {
				this.initializeResult = message.result;
			}
			this.onmessage?.(message, extra);
		};
		return this.#inner.start();
	}

	send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
		if ('method' in message && message.method === 'initialize' && 'id' in message) this.#initializeId = message.id;
		return this.#inner.send(message, options);
	}

	close(): Promise<void> {
		return this.#inner.close();
	}
}

/** A fetch that fails the scan once responses, all together, exceed `maxBytes`. */
function cappedFetch(maxBytes: number, fail: (error: ScanError) => void): FetchLike {
	let total = 0;
	return async (url, init) => {
		const response = await fetch(url, init);
		if (!response.body) return response;
		const counter = new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				total += chunk.byteLength;
				if (total > maxBytes) {
					const error = new ScanError(
						'too-large',
						`${String(url)}: the server sent more than ${megabytes(maxBytes)}; refusing to read more`,
					);
					fail(error);
					controller.error(error);
					return;
				}
				controller.enqueue(chunk);
			},
		});
		return new Response(response.body.pipeThrough(counter), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers,
		});
	};
}

/** Process groups still running; killed if this process exits first (a crash, Ctrl-C). */
const liveGroups = new Set<number>();
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

/** Signals a whole process group (the leader's pid, negated); on Windows, the process tree. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
	if (process.platform === 'win32') {
		spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
		return;
	}
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// gone already
		}
	}
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([
		promise.then(() => {}),
		new Promise<void>((resolve) => {
			timer = setTimeout(resolve, ms);
		}),
	]).finally(() => clearTimeout(timer));
}

function definedOnly(options: ListOptions): Partial<Limits> {
	const out: Partial<Limits> = {};
	for (const key of Object.keys(DEFAULTS) as (keyof Limits)[]) {
		const value = options[key];
		if (value !== undefined) {
			if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${key}: expected a positive number, got ${value}`);
			out[key] = value;
		}
	}
	return out;
}

function isObject(value: unknown): value is RawObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strips terminal control sequences and other control characters from a server's log line. */
function cleanLine(line: string): string {
	return line.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function short(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((l) => `  | ${l}`)
		.join('\n');
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}
