/**
 * A stdio-to-HTTP relay that runs inside a server's sandbox: `node http-relay.ts <url> [<server pid>]`.
 *
 * A server that speaks streamable HTTP listens on the sandbox's private loopback, which the scanner
 * outside cannot reach (and must not: a network path into the sandbox is a path out of it). So the
 * sandbox's stdio is this relay's: it reads newline-delimited JSON-RPC messages on stdin, POSTs each to
 * the server as a streamable HTTP client (session id and protocol version headers, JSON or
 * server-sent-event answers), and writes every message the server answers as one line on stdout. The
 * scanner then lists tools exactly as with a stdio server, with the same limits on what it reads.
 *
 * Requests are relayed one at a time, in order; nothing but what the scanner sends is ever sent. While
 * the server is starting (connection refused), a request is retried until the server's process is gone.
 * Node built-ins only: the sandbox holds nothing of the project but this file.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [url = '', pidArg] = process.argv.slice(2);
const serverPid = pidArg ? Number(pidArg) : undefined;
/** Largest answer body read (the scanner's own limit is lower; this only keeps the relay alive). */
const MAX_BODY = 64 * 1024 * 1024;
const RETRY_MS = 100;

let sessionId: string | undefined;
let protocolVersion: string | undefined;

type Message = Record<string, unknown>;

function fail(text: string): never {
	process.stderr.write(`toolrisk relay: ${text}\n`);
	process.exit(1);
}

/** Whether the server process still runs (a zombie, not yet reaped because the relay is its parent, has ended). */
function serverRuns(): boolean {
	if (serverPid === undefined) return true;
	try {
		const stat = readFileSync(`/proc/${serverPid}/stat`, 'utf8');
		return !/^\d+ \(.*\) [ZX]/s.test(stat);
	} catch {
		return false;
	}
}

function write(message: unknown): void {
	process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Writes one JSON-RPC message the server sent (its text re-serialised on one line; non-JSON passed on as is). */
function forward(text: string): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		process.stdout.write(`${text.replace(/\r?\n/g, ' ')}\n`);
		return;
	}
	for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
		const result = (message as Message | null)?.['result'] as Message | undefined;
		if (result && typeof result['protocolVersion'] === 'string' && typeof result['serverInfo'] === 'object')
			protocolVersion = result['protocolVersion'];
		write(message);
	}
}

async function readCapped(body: ReadableStream<Uint8Array>): Promise<string> {
	const chunks: Uint8Array[] = [];
	let total = 0;
	for await (const chunk of body) {
		total += chunk.byteLength;
		if (total > MAX_BODY) fail(`the server sent an answer larger than ${MAX_BODY} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Reads a server-sent-event stream, forwarding each event's data, until it ends or answers `id`. */
async function readEvents(body: ReadableStream<Uint8Array>, id: unknown): Promise<void> {
	const decoder = new TextDecoder();
	let buffer = '';
	let data: string[] = [];
	let total = 0;
	const reader = body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > MAX_BODY) fail(`the server sent an event stream larger than ${MAX_BODY} bytes`);
		buffer += decoder.decode(value, { stream: true });
		let newline = buffer.search(/\r?\n/);
		while (newline !== -1) {
			const line = buffer.slice(0, newline);
			buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
			if (line === '') {
				if (data.length > 0) {
					const text = data.join('\n');
					data = [];
					forward(text);
					if (id !== undefined && answers(text, id)) {
						await reader.cancel().catch(() => {});
						return;
					}
				}
			} else if (line.startsWith('data:')) {
				data.push(line.slice(5).replace(/^ /, ''));
			}
			newline = buffer.search(/\r?\n/);
		}
	}
	if (data.length > 0) forward(data.join('\n'));
}

function answers(text: string, id: unknown): boolean {
	try {
		const message = JSON.parse(text) as Message;
		return message['id'] === id && ('result' in message || 'error' in message);
	} catch {
		return false;
	}
}

async function post(message: Message): Promise<Response> {
	const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
	if (sessionId) headers['mcp-session-id'] = sessionId;
	if (protocolVersion) headers['mcp-protocol-version'] = protocolVersion;
	for (;;) {
		try {
			return await fetch(url, { method: 'POST', headers, body: JSON.stringify(message) });
		} catch (error) {
			const code = (error as { cause?: { code?: string } }).cause?.code;
			if ((code === 'ECONNREFUSED' || code === 'ECONNRESET') && serverRuns()) {
				await new Promise((r) => setTimeout(r, RETRY_MS));
				continue;
			}
			if (!serverRuns()) fail(`the server exited before answering on ${url}`);
			fail(`POST ${url} failed: ${(error as Error).message}${code ? ` (${code})` : ''}`);
		}
	}
}

async function relay(message: Message): Promise<void> {
	const id = message['id'];
	const response = await post(message);
	const session = response.headers.get('mcp-session-id');
	if (session) sessionId = session;
	if (response.status === 202 || response.status === 204 || !response.body) {
		await response.body?.cancel();
		return;
	}
	if (!response.ok) {
		const text = (await readCapped(response.body)).slice(0, 500);
		if (id !== undefined && typeof message['method'] === 'string') {
			write({ jsonrpc: '2.0', id, error: { code: -32000, message: `HTTP ${response.status} from ${url}: ${text}` } });
		} else {
			process.stderr.write(`toolrisk relay: HTTP ${response.status} from ${url}: ${text}\n`);
		}
		return;
	}
	if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) await readEvents(response.body, id);
	else {
		const text = await readCapped(response.body);
		if (text.trim() !== '') forward(text);
	}
}

if (!/^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) fail(`expected a loopback http URL, got ${JSON.stringify(url)}`);

let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
	if (line.trim() === '') return;
	let message: Message;
	try {
		message = JSON.parse(line) as Message;
	} catch {
		fail('the scanner sent a line that is not JSON');
	}
	queue = queue.then(() => relay(message));
});
lines.on('close', () => {
	void queue.then(() => process.exit(0));
});
