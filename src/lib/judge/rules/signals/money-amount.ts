import type { SignalRule } from '../../types.ts';
import { lastTwo, paramEvidence } from './_helpers.ts';

const LAST = new Set([
	'amount',
	'amounts',
	'price',
	'prices',
	'cost',
	'currency',
	'fee',
	'fees',
	'cents',
	'budget',
	'tip',
	'bid',
	'wager',
	'payment',
	'usd',
	'eur',
	'gbp',
	'btc',
	'eth',
	'usdc',
	'sats',
	'satoshis',
	'lamports',
	'wei',
	'gwei',
	'salary',
	'donation',
]);

/** Parameters that carry a money amount or a currency. */
export const moneyAmount: SignalRule = {
	id: 'signal/money-amount',
	signal: 'money-amount',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last] = lastTwo(p.tokens);
			return last !== undefined && LAST.has(last) ? [paramEvidence(this.id, p)] : [];
		});
	},
};
