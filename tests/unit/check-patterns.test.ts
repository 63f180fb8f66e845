/**
 * The RE2 shapes of argument checks (src/lib/policy/check-patterns.ts), decided through the engine's
 * own decision (`evaluateIntercept`): a one-rule policy per pattern, a call per value. Also the
 * deployment parameters: their validation and the escaping of what a user types.
 */
import { describe, expect, it } from 'vitest';
import {
	deploymentParameterProblems,
	escapeRe2,
	hostnamePattern,
	httpsHostPattern,
	PATH_PATTERNS,
	recipientDomainPattern,
	rootedPathPattern,
	schemaPattern,
	SHELL_SINGLE_COMMAND,
	SQL_REFUSED_WORDS,
	sqlReadOnlyPattern,
	wordNotIn,
	HTTPS_URL,
} from '../../src/lib/policy/check-patterns.ts';
import { evaluateIntercept } from '../../src/lib/policy/evaluate.ts';
import { checkRe2 } from '../../src/lib/policy/re2.ts';

/** Whether the engine lets `value` through a rule `args.v regex pattern`. */
function passes(pattern: string, value: unknown): boolean {
	const policy = {
		version: '1',
		default: 'deny',
		tools: { t: { rules: [{ name: 'check', conditions: [{ path: 'args.v', op: 'regex', value: pattern }] }] } },
	};
	const d = evaluateIntercept(policy, { tool: 't', args: { v: value } });
	if (d.reason === 'invalid-policy') throw new Error(`invalid policy for ${pattern.slice(0, 80)}`);
	return d.allowed;
}

const table = (pattern: string, ok: readonly string[], refused: readonly string[]) => {
	it.each(ok)('lets through %j', (v) => expect(passes(pattern, v)).toBe(true));
	it.each(refused)('refuses %j', (v) => expect(passes(pattern, v)).toBe(false));
};

describe('SQL: one read-only statement', () => {
	const sql = sqlReadOnlyPattern();
	it('compiles under RE2', () => expect(checkRe2(sql)).toEqual({ ok: true }));
	table(
		sql,
		[
			'SELECT * FROM users',
			'select*from t',
			'WITH recent AS (SELECT id FROM orders) SELECT count(*) FROM recent',
			'SELECT\n  id,\n  name\nFROM t\nWHERE x = 1;\n',
			'  (SELECT 1) UNION (SELECT 2)',
			'EXPLAIN SELECT * FROM t',
			'SHOW TABLES',
			'DESCRIBE users',
			'SELECT updated_at, deleted, inserted_by FROM audit',
			'SELECT TOP 10 c.id, c.name FROM c WHERE c.active = true',
			"SELECT $1::int, now() - interval '1 day'",
			'SELECT * FROM `project.dataset.table` LIMIT 10',
			'SELECT 1 -- a comment\nFROM t',
			`SELECT ${Array.from({ length: 400 }, (_, i) => `c${i}`).join(', ')} FROM wide`,
		],
		[
			'SELECT 1; DROP TABLE users',
			'SELECT 1;DROP TABLE users',
			'SELECT 1 DROP TABLE users',
			'EXPLAIN ANALYZE DELETE FROM users',
			'EXPLAIN (ANALYZE) SELECT 1',
			'SELECT 1 -- hidden\nDELETE FROM users',
			'SELECT 1 /* ; */ UPDATE users SET admin = true',
			'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
			'SELECT * INTO backup FROM users',
			'SELECT * FROM users FOR UPDATE',
			"SELECT nextval('seq')",
			"SELECT pg_read_file('/etc/passwd')",
			'DELETE FROM users',
			'insert into t values (1)',
			'SELECTED * FROM t',
			'SELECT 1;;',
			"SELECT 'delete' AS action",
			'',
		],
	);
	it('does not refuse a function it does not list (the page says so)', () => {
		expect(passes(sql, 'SELECT archive_old_orders()')).toBe(true);
	});
});

describe('wordNotIn', () => {
	const words = ['do', 'dog', 'delete', 'd_x'];
	const re = new RegExp(`^(?:${wordNotIn(words)})$`);
	it.each(['d', 'D', 'dOgs', 'deletes', 'dele', 'x', 'd_', 'd_xy', 'DO_', 'dx'])('matches %j (not a listed word)', (w) =>
		expect(re.test(w)).toBe(true),
	);
	it.each(['do', 'DO', 'Dog', 'dElEtE', 'd_x', ''])('does not match %j', (w) => expect(re.test(w)).toBe(false));
	it('agrees with a plain set lookup on every short word over a small alphabet', () => {
		const alphabet = ['d', 'o', 'g', 'e', '_', 'x'];
		const all: string[] = [''];
		for (let n = 0; n < 4; n++) for (const w of all.filter((x) => x.length === n)) for (const c of alphabet) all.push(w + c);
		for (const w of all.filter(Boolean)) expect(re.test(w), w).toBe(!words.includes(w.toLowerCase()));
	});
	it('refuses words that are not lower-case letters and underscores', () => {
		expect(() => wordNotIn(['Drop'])).toThrow(/lower-case/);
	});
	it('lists only lower-case words', () => {
		for (const w of SQL_REFUSED_WORDS) expect(w).toMatch(/^[a-z_]+$/);
	});
});

describe('paths', () => {
	describe('relative', () =>
		table(
			PATH_PATTERNS.relative,
			['reports/2026/q1.csv', '.env', './src/index.ts', 'docs/', 'my file.txt', 'données/rapport.csv', 'a..b/c', 'file~'],
			[
				'../etc/passwd',
				'a/../../b',
				'a/..',
				'/etc/passwd',
				'~/.ssh/id_rsa',
				'~root/x',
				'%2e%2e/etc/passwd',
				'..%2fetc',
				'..\\..\\windows\\win.ini',
				'C:\\Windows\\system32',
				'C:foo',
				'\\\\server\\share',
				'a/.../b',
				'a/. ./b',
				'a\u0000/b',
				'a\nb',
				'',
				'a//b',
			],
		));
	describe('absolute', () =>
		table(
			PATH_PATTERNS.absolute,
			['/', '/etc/passwd', '/home/u/project/', '/srv/data/a b.txt'],
			['relative/x', '/a/../b', '/a/%2e%2e/b', '~/x', 'C:\\x', '//x'],
		));
	describe('local', () =>
		table(PATH_PATTERNS.local, ['', '/', '/etc/passwd', 'a/b', './a'], ['../a', '/a/..', '~/a', '%2e%2e', '..\\a', 'D:/x']));
	describe('file name', () => table(PATH_PATTERNS.fileName, ['report.pdf', '.env', 'a b.txt'], ['a/b', '..', '/x', 'a\\b', '~x', 'x%2f']));
	describe('rooted at /srv/agent', () =>
		table(
			rootedPathPattern('/srv/agent/'),
			['/srv/agent', '/srv/agent/', '/srv/agent/a/b.txt'],
			['/srv/agentx', '/srv/agent/../etc/passwd', '/srv', '/etc/passwd', 'srv/agent/a', '/srv/agent/%2e%2e/x'],
		));
	it('the root / is any absolute path', () => expect(rootedPathPattern('/')).toBe(PATH_PATTERNS.absolute));
	it('a root with RE2 syntax in it is matched literally', () => {
		const p = rootedPathPattern('/data (1)/a+b');
		expect(passes(p, '/data (1)/a+b/x')).toBe(true);
		expect(passes(p, '/data 1/aab/x')).toBe(false);
	});
});

describe('shell: one command', () =>
	table(
		SHELL_SINGLE_COMMAND,
		['ls -la /tmp', 'git status', 'npm test -- --run', 'rm -rf /'],
		[
			'ls; rm -rf /',
			'a && b',
			'a || b',
			'cat x | sh',
			'echo $(id)',
			'echo `id`',
			'echo x > ~/.bashrc',
			'a\nb',
			'sort < /etc/shadow',
			'a & b',
		],
	));

describe('URLs and hosts', () => {
	describe('https', () =>
		table(
			HTTPS_URL,
			['https://example.com', 'https://api.example.com/v1?q=a#b'],
			['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://x', ' https://x', 'https://', 'https://a b'],
		));
	describe('https on api.example.com and *.corp.example', () =>
		table(
			httpsHostPattern(['api.example.com', '*.corp.example']),
			['https://api.example.com', 'https://API.EXAMPLE.COM/x', 'https://api.example.com:8443/x?y', 'https://a.b.corp.example/'],
			[
				'http://api.example.com/',
				'https://evil.com/',
				'https://api.example.com@evil.com/',
				'https://api.example.com.evil.com/',
				'https://corp.example/',
				'https://apixexample.com/',
			],
		));
	describe('host names', () =>
		table(hostnamePattern(['db.internal']), ['db.internal', 'DB.internal'], ['db.internal.evil', 'dbxinternal', 'evil']));
});

describe('recipients and schemas', () => {
	describe('recipient at example.com', () =>
		table(
			recipientDomainPattern(['example.com']),
			['ops@example.com', 'A.B+tag@Example.COM'],
			['a@evil.com', 'a@example.com.evil.com', 'a@evil.com,b@example.com', '"Ops" <ops@example.com>', 'a@b@example.com', 'a @example.com'],
		));
	describe('schema public or analytics', () =>
		table(schemaPattern(['public', 'analytics']), ['public', 'PUBLIC', 'analytics'], ['pg_catalog', 'public2', 'public;drop']));
});

describe('deployment parameters', () => {
	it('escapes every character RE2 gives a meaning', () => {
		const text = 'a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o';
		expect(passes(`^${escapeRe2(text)}$`, text)).toBe(true);
		expect(passes(`^${escapeRe2('a.b')}$`, 'axb')).toBe(false);
	});
	it.each([
		[{}, []],
		[
			{ rootFolder: '/srv/agent', urlHosts: ['api.example.com', '*.corp.example'], recipientDomains: ['example.com'], schemas: ['public'] },
			[],
		],
		[{ rootFolder: 'srv' }, ['rootFolder: "srv" must be an absolute folder starting with /']],
		[{ rootFolder: '/srv/../etc' }, [expect.stringMatching(/^rootFolder: .*\.\. segments/)]],
		[{ urlHosts: [] }, [expect.stringMatching(/^urlHosts: give at least one/)]],
		[{ urlHosts: ['https://x.com'] }, [expect.stringMatching(/^urlHosts: "https:\/\/x.com" is not a host name/)]],
		[{ recipientDomains: ['ex ample.com'] }, [expect.stringMatching(/^recipientDomains: /)]],
		[{ schemas: ['public;drop'] }, [expect.stringMatching(/^schemas: /)]],
	])('%o: %o', (params, problems) => {
		expect(deploymentParameterProblems(params)).toEqual(problems);
	});
});
