import type { SignalRule } from '../../types.ts';

/** Things written by third parties that a tool may hand back to the agent. */
const SOURCES = new Set([
	'email',
	'emails',
	'mail',
	'message',
	'messages',
	'thread',
	'threads',
	'comment',
	'comments',
	'issue',
	'issues',
	'webpage',
	'page',
	'pages',
	'web',
	'url',
	'website',
	'html',
	'feed',
	'feeds',
	'post',
	'posts',
	'tweet',
	'tweets',
	'review',
	'reviews',
	'chat',
	'chats',
	'conversation',
	'conversations',
	'document',
	'documents',
	'doc',
	'docs',
	'content',
	'pr',
	'notification',
	'notifications',
	'transcript',
	'ticket',
	'tickets',
	'article',
	'articles',
	'news',
	'contents',
	'history',
	'replies',
	'pull',
	'commits',
	'attachment',
	'attachments',
]);
const FETCHING = new Set([
	'get',
	'list',
	'read',
	'fetch',
	'search',
	'browse',
	'view',
	'retrieve',
	'scrape',
	'crawl',
	'navigate',
	'open',
	'check',
	'download',
	'query',
	'lookup',
	'find',
	'extract',
	'load',
	'show',
	'poll',
	'watch',
]);
const DESCRIPTION =
	/\b(fetch(es)? (the )?(content|a url|web)|web search|search(es)? the web|scrape|crawl|reads? (the )?(email|message|web ?page))/i;

/** Tools whose results carry content written by others (web pages, email, messages, issues). */
export const untrustedContent: SignalRule = {
	id: 'signal/untrusted-content',
	signal: 'untrusted-content',
	detect(ctx) {
		const verb = ctx.nameTokens.find((t) => FETCHING.has(t));
		const source = ctx.nameTokens.find((t) => SOURCES.has(t));
		if (verb !== undefined && source !== undefined) {
			return [{ rule: this.id, source: 'name', field: 'name', match: `${verb} … ${source}` }];
		}
		const m = DESCRIPTION.exec(ctx.description.slice(0, 600));
		return m ? [{ rule: this.id, source: 'description', field: 'description', match: m[0] }] : [];
	},
};
