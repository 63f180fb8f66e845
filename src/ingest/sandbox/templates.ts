/**
 * A ready-made empty PostgreSQL cluster, made once per scanner process by `initdb` in a sandbox of its
 * own, then copied into each server's sandbox: `initdb` takes seconds (3.5 to 5 s on a loaded 2-core
 * machine), a copy of its 28 MB (1 MB WAL segments) well under half of that. The template is read-only
 * to the servers; each gets its own copy in its own tmpfs.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLimits } from './limits.ts';
import { prepareSandbox, type SandboxHost } from './sandbox.ts';

const OUTPUT_INSIDE = '/opt/output';

const made = new Map<SandboxHost, Promise<string>>();
const folders = new Set<string>();
process.once('exit', () => removePostgresTemplates());

/**
 * Removes the templates this process made (also done when it exits; a process that is killed, as a test
 * runner's worker may be, cannot, so its tests call this when they are done).
 */
export function removePostgresTemplates(): void {
	for (const dir of folders) rmSync(dir, { recursive: true, force: true });
	folders.clear();
	made.clear();
}

/** The host folder holding `data/`, a fresh cluster, made on first use; rejects with initdb's output. */
export function postgresTemplate(host: SandboxHost): Promise<string> {
	let template = made.get(host);
	if (!template) {
		template = makeTemplate(host);
		made.set(host, template);
		template.catch(() => made.delete(host));
	}
	return template;
}

async function makeTemplate(host: SandboxHost): Promise<string> {
	const bin = host.services.postgresBin;
	if (!bin) throw new Error('PostgreSQL not found: install it (apt-get install -y postgresql)');
	const dir = mkdtempSync(join(tmpdir(), 'toolrisk-postgres-template-'));
	folders.add(dir);
	chmodSync(dir, 0o755);
	if (host.runAs) chownSync(dir, host.runAs.uid, host.runAs.gid);
	const command = prepareSandbox(host, {
		mounts: [],
		writable: [{ host: dir, inside: OUTPUT_INSIDE }],
		command: join(bin, 'initdb'),
		args: ['-D', `${OUTPUT_INSIDE}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C', '--wal-segsize=1'],
		env: {},
		dirs: [],
		services: [],
		limits: resolveLimits(),
	});
	try {
		const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
			const child = spawn(command.command, command.args, {
				env: command.env,
				cwd: command.cwd,
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: 120_000,
				killSignal: 'SIGKILL',
				...(command.uid !== undefined ? { uid: command.uid, gid: command.gid } : {}),
			});
			let text = '';
			const keep = (t: string): void => {
				text = (text + t).slice(-4_000);
			};
			child.stdout.setEncoding('utf8').on('data', keep);
			child.stderr.setEncoding('utf8').on('data', keep);
			child.once('error', (error) => resolve({ code: -1, output: error.message }));
			child.once('close', (code) => resolve({ code, output: text }));
		});
		if (code !== 0)
			throw new Error(`PostgreSQL: initdb failed in the sandbox (exit code ${code}): ${output.trim().split('\n').slice(-10).join('\n')}`);
		return dir;
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		folders.delete(dir);
		throw error;
	} finally {
		command.cleanup();
	}
}
