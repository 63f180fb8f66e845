/**
 * Reading files of a fetched repository mirror (a bare git directory) at one commit, without a work
 * tree and without running anything from it: `git rev-parse`, `ls-tree` and `cat-file` only.
 */
import { spawnSync } from 'node:child_process';

function git(gitDir: string, args: string[]): string {
	const r = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${(r.stderr || r.error?.message || 'failed').trim()}`);
	return r.stdout;
}

export interface GitCommit {
	commit: string;
	/** Committer date, ISO 8601 date. */
	date: string;
	/** Tags pointing at the commit. */
	tags: string[];
}

/** The full commit a revision (tag, branch, commit) names, its date and its tags. */
export function resolveCommit(gitDir: string, rev: string): GitCommit {
	const commit = git(gitDir, ['rev-parse', '--verify', `${rev}^{commit}`]).trim();
	const date = git(gitDir, ['log', '-1', '--format=%cI', commit]).trim().slice(0, 10);
	const tags = git(gitDir, ['tag', '--points-at', commit])
		.split('\n')
		.filter((t) => t !== '');
	return { commit, date, tags };
}

/** Paths of the files under `path` (a file or folder) at `commit`, sorted. */
export function listFiles(gitDir: string, commit: string, path: string): string[] {
	return git(gitDir, ['ls-tree', '-r', '--name-only', commit, '--', path])
		.split('\n')
		.filter((p) => p !== '')
		.sort();
}

/** One file's text at `commit`. */
export function readFile(gitDir: string, commit: string, path: string): string {
	return git(gitDir, ['cat-file', 'blob', `${commit}:${path}`]);
}
