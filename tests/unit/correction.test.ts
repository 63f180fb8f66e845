/** The "Suggest a correction" URL: prefilled, encoded, bounded; and the repository setting. */
import { describe, expect, it } from 'vitest';
import { BODY_ID_MAX, TITLE_ID_MAX, correctionUrl, encodeBounded, type CorrectionInput } from '../../src/lib/present/correction.ts';
import { REPOSITORY_URL, repositoryUrl } from '../../src/lib/present/site.ts';
import { SIGNAL_IDS } from '../../src/lib/taxonomy.ts';

const base: CorrectionInput = {
	repository: 'https://github.com/toolrisk/toolrisk',
	toolId: 'agentmail/send_message',
	category: 'write',
	level: 'medium',
	signals: ['recipient', 'raw-content'],
	classifierVersion: '1.0.0',
};

function read(url: string) {
	const u = new URL(url);
	return {
		origin: u.origin,
		path: u.pathname,
		title: u.searchParams.get('title'),
		body: u.searchParams.get('body'),
		keys: [...u.searchParams.keys()],
	};
}

describe('correctionUrl', () => {
	it('prefills the tool id and the judgement on a new issue of the repository', () => {
		const r = read(correctionUrl(base));
		expect(r.origin + r.path).toBe('https://github.com/toolrisk/toolrisk/issues/new');
		expect(r.keys).toEqual(['title', 'body']);
		expect(r.title).toBe('Correction: agentmail/send_message');
		expect(r.body).toBe(
			'Tool: agentmail/send_message\nJudgement: write, medium; signals: recipient, raw-content; classifier 1.0.0\n\nWhat is wrong:\n',
		);
	});

	it('writes spaces as + and keeps : / , ; literal, so the link is short', () => {
		const url = correctionUrl(base);
		expect(url).toBe(
			'https://github.com/toolrisk/toolrisk/issues/new?title=Correction:+agentmail/send_message&body=Tool:+agentmail/send_message%0AJudgement:+write,+medium;+signals:+recipient,+raw-content;+classifier+1.0.0%0A%0AWhat+is+wrong:%0A',
		);
	});

	it('says "none" when no signal fired', () => {
		expect(read(correctionUrl({ ...base, signals: [] })).body).toContain('signals: none;');
	});

	it.each([
		['& and = and #', 'srv/a&title=x#frag'],
		['plus and percent', 'srv/a+b%20c'],
		['newlines', 'srv/a\nJudgement: read, low'],
		['non-ASCII', 'srv/送信_😀'],
		['a lone surrogate', 'srv/a\ud800b'],
	])('encodes %s so they stay inside the value', (_, toolId) => {
		const url = correctionUrl({ ...base, toolId });
		const r = read(url);
		expect(r.keys).toEqual(['title', 'body']);
		expect(r.title).toBe(`Correction: ${toolId.replace(/\ud800/, '\ufffd')}`);
		expect(url).not.toMatch(/[\s#<>"]/);
	});

	it.each([
		['ASCII', 'a'],
		['4-byte', '😀'],
		['escaped', '&'],
	])('stays bounded for a 1,000-character %s tool name, cutting with an ellipsis', (_, ch) => {
		const url = correctionUrl({ ...base, toolId: `srv/${ch.repeat(1000)}`, signals: SIGNAL_IDS });
		expect(url.length).toBeLessThan(1200);
		const r = read(url);
		expect(r.title?.endsWith('…')).toBe(true);
		expect(r.title?.startsWith(`Correction: srv/${ch}`)).toBe(true);
		expect(r.body).toContain(`classifier 1.0.0`);
	});

	it('encodeBounded keeps whole characters within the budget', () => {
		expect(encodeBounded('abc', 3)).toBe('abc');
		expect(encodeBounded('abcdefghijklmnop', 11)).toBe('ab%E2%80%A6');
		expect(decodeURIComponent(encodeBounded('😀😀😀', 24))).toBe('😀…');
		for (const max of [TITLE_ID_MAX, BODY_ID_MAX]) expect(encodeBounded('é'.repeat(500), max).length).toBeLessThanOrEqual(max);
	});
});

describe('repository setting', () => {
	it('defaults to the project repository', () => {
		expect(repositoryUrl(undefined)).toBe('https://github.com/toolrisk/toolrisk');
		expect(repositoryUrl('')).toBe('https://github.com/toolrisk/toolrisk');
		if (!process.env['TOOLRISK_REPOSITORY']) expect(REPOSITORY_URL).toBe('https://github.com/toolrisk/toolrisk');
	});
	it('accepts an https repository URL and drops trailing slashes', () => {
		expect(repositoryUrl('https://git.example.com/me/toolrisk/')).toBe('https://git.example.com/me/toolrisk');
	});
	it.each([
		'http://github.com/a/b',
		'https://github.com/',
		'https://github.com/a/b?x=1',
		'https://github.com/a/b#x',
		'https://u:p@github.com/a/b',
		'javascript:alert(1)',
		'not a url',
	])('refuses %s', (v) => {
		expect(() => repositoryUrl(v)).toThrow(/TOOLRISK_REPOSITORY/);
	});
});
