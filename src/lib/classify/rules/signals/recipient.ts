import { OUTBOUND_VERBS } from '../../lexicon.ts';
import type { SignalRule } from '../../types.ts';
import { joined, paramEvidence } from './_helpers.ts';

const NAMES = new Set(['to', 'cc', 'bcc', 'recipient', 'recipients', 'email', 'emails', 'emailaddress', 'phone', 'phones', 'phonenumber', 'mobile', 'chatid', 'channel', 'channelid', 'channels', 'room', 'roomid', 'handle', 'destination', 'target', 'touser', 'toaddress', 'receiver', 'receivers', 'number', 'webhook', 'webhookurl', 'groupid', 'userid', 'username']);
const OUTBOUND_DESCRIPTION = /\b(send|sends|sending|post|posts|reply|replies|forward|forwards|notify|notifies|deliver|delivers|broadcast|message to)\b/i;

/** On tools that send something out, the parameters that choose who receives it. */
export const recipient: SignalRule = {
	id: 'signal/recipient',
	signal: 'recipient',
	detect(ctx) {
		const outbound = ctx.nameTokens.some((t) => OUTBOUND_VERBS.has(t)) || OUTBOUND_DESCRIPTION.test(ctx.description.slice(0, 400));
		if (!outbound) return [];
		return ctx.parameters.filter((p) => p.depth === 0 && NAMES.has(joined(p.tokens))).map((p) => paramEvidence(this.id, p));
	},
};
