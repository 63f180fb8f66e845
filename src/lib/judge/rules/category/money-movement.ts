import { MONEY_NOUNS, MONEY_SETTING_NOUNS, VERBS } from '../../lexicon.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { nameVerb } from './name-verb.ts';

/** Verbs that move money on a money noun; refreshing synced balances or transactions only re-reads them. */
const MOVING = new Set([...VERBS.write, ...VERBS.execute, 'process', 'initiate', 'place', 'issue'].filter((v) => v !== 'refresh'));
const DESCRIPTION =
	/\b(pay(s|ment(?! (links?|methods?|pages?|forms?|settings?|providers?)\b))?|charges?|refunds?|purchases?|buys?|transfers? (funds|money|tokens|usdc|eth|btc|sol)|send(s)? (money|funds|payment|crypto|tokens)|payouts?|withdraw(s|al)?)\b/i;
/** A charge the description documents without an amount parameter (guide: `domain_register` "Requires payment"). */
const DOCUMENTED_CHARGE =
	/\b(requires? (an? )?(\w+ )?(\w+ )?payment|automatically pay(s|ing)?|paid automatically|pays? (for|the) |charged? (to|against) (the |your |a )?(saved |default )?(card|payment method|account|wallet)|billed to)\b/i;
/** "Transaction" in the database sense (guide, financial: Excludes). */
const DATABASE = /\b(database|sql|db|commit|rollback|isolation|postgres|mysql|sqlite|schema|table)\b/i;
/** Documented drafts change no balance (guide, write: drafts). */
const DRAFT = /\bdraft\b/i;

/**
 * A write-like verb on a money noun (`send_payment`, `create_invoice`), or a description that says
 * money moves while the schema takes an amount, makes the tool financial. Not: a read (`list_orders`), a money
 * setting (`set_default_payment_method`, a payment link), a documented draft, a database transaction, a sort order.
 */
export function moneyMovement(ctx: RuleContext, hasAmount: boolean): CategoryVote | undefined {
	const named = nameVerb(ctx);
	const tokens = ctx.nameTokens;
	if (named?.category !== 'read') {
		const verb = tokens.find((t) => MOVING.has(t));
		const at = tokens.findIndex((t) => MONEY_NOUNS.has(t));
		const creditNote = tokens.findIndex((t, i) => t === 'credit' && tokens[i + 1] === 'note');
		const noun = creditNote >= 0 ? 'credit note' : tokens[at];
		const next = creditNote >= 0 ? undefined : tokens[at + 1];
		const setting = next !== undefined && MONEY_SETTING_NOUNS.has(next);
		// The database sense may be said only by the parameters (a `query` described as SQL, a `transactionId` from begin_transaction).
		const paramText = ctx.parameters.map((p) => `${p.tokens.join(' ')} ${p.description ?? ''}`).join(' ');
		const database =
			(noun === 'transaction' || noun === 'transactions') && DATABASE.test(`${tokens.join(' ')} ${ctx.description} ${paramText}`);
		const sortOrder = (noun === 'order' || noun === 'orders') && tokens[at - 1] === 'sort';
		if (verb !== undefined && noun !== undefined && !setting && !database && !sortOrder && !DRAFT.test(ctx.description)) {
			return {
				category: 'financial',
				evidence: { rule: 'category/money-movement', source: 'name', field: 'name', match: `${verb} … ${noun}` },
			};
		}
	}
	const opening = ctx.description.slice(0, 400);
	// A tool named for a money setting (a payment link, a payment method) mentions payment without moving money (guide,
	// `payment_link_create`); only a documented charge makes it financial.
	const namesSetting = tokens.some((t, i) => MONEY_NOUNS.has(t) && MONEY_SETTING_NOUNS.has(tokens[i + 1] ?? ''));
	const m = (hasAmount && !namesSetting ? DESCRIPTION.exec(opening) : null) ?? DOCUMENTED_CHARGE.exec(opening);
	if (m && !(named?.category === 'read' && !/\b(automatically pay|paid automatically)/i.test(opening)))
		return {
			category: 'financial',
			evidence: { rule: 'category/money-movement', source: 'description', field: 'description', match: m[0] },
		};
	return undefined;
}
