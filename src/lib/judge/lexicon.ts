/**
 * Verbs that decide a tool's category, by the category they imply. A word appears in one list only.
 * Kept as data so reviewers can read the whole vocabulary in one place.
 */
import type { Category } from '../taxonomy.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/));

export const VERBS: Record<Category, ReadonlySet<string>> = {
	read: words(`
		get list read search find fetch query describe show view check inspect lookup look count download
		retrieve browse scan monitor watch wait sleep resolve analyze analyse validate verify preview status
		info whoami ping echo think reason plan calculate compute convert format parse summarize summarise
		translate explain compare diff estimate screenshot snapshot capture crawl scrape extract recognize
		detect classify identify lint audit test is has can peek poll stat stats tail head grep match sample
		export access enumerate discover return measure rank rerank aggregate`),
	write: words(`
		create add update set edit modify write send post put patch upload insert save publish reply respond
		comment move rename copy merge fork push commit register approve reject submit assign unassign star
		unstar follow unfollow invite schedule reschedule enable disable toggle mark label tag untag store
		record confirm cancel close reopen lock unlock import sync restore notify share forward upsert append
		attach detach link subscribe unsubscribe like unlike react vote review configure connect disconnect
		login logout authenticate navigate click type fill select hover press scroll drag open start
		stop pause resume restart generate draw draft accept decline archive unarchive pin unpin mute unmute grant
		increment decrement claim book reserve request trigger dispatch emit broadcast announce
		make new init initialize prepend replace rewrite transfer activate deactivate continue end`),
	execute: words(`
		run exec execute eval evaluate shell bash cmd spawn invoke script launch compile build deploy install
		interpret provision migrate apply call perform`),
	destructive: words(`
		delete remove rm rmdir drop destroy purge wipe erase truncate unlink kill terminate uninstall revoke
		reset clear flush overwrite shred nuke deprovision teardown evict expunge discard ban`),
	financial: words(`
		pay charge refund purchase buy sell checkout payout withdraw deposit tip donate trade bet wager stake
		bid`),
};

/** Nouns that make a write-like verb a money movement (`send_payment`, `create_invoice`). */
export const MONEY_NOUNS = words(`
	payment payments money funds invoice invoices payout payouts refund refunds crypto usdc usdt btc eth sol
	wire remittance transaction transactions subscription order orders cart`);

/** Verbs that send something out of the system (for the recipient signal). */
export const OUTBOUND_VERBS = words(`
	send post reply forward notify email mail message sms text tweet dm invite share publish broadcast
	announce chat call dispatch emit`);

/**
 * What `generate` (or `draw`) makes when it makes something to look at rather than a record: a chart,
 * a diagram, a map, a report. Producing those computes a result and changes nothing, so the tool
 * reads; `generate_api_key`, `generate_invoice` or `generate_image` (a paid model call) still write.
 */
export const RENDERED_NOUNS = words(`
	chart charts diagram diagrams graph graphs plot plots map maps visualization visualisation
	report summary preview mermaid svg`);
export const RENDER_VERBS = words(`generate draw`);

/** The read vote for `generate <...> chart`: whether one of the next few words is a rendered noun. */
export function rendersArtifact(verb: string, following: readonly string[]): string | undefined {
	if (!RENDER_VERBS.has(verb)) return undefined;
	return following.slice(0, 4).find((w) => RENDERED_NOUNS.has(w));
}

/** The category a single word implies, if any. */
export function categoryOfVerb(word: string): Category | undefined {
	for (const [category, set] of Object.entries(VERBS) as [Category, ReadonlySet<string>][]) {
		if (set.has(word)) return category;
	}
	return undefined;
}
