import { OUTBOUND_VERBS, categoryOfVerb } from '../../lexicon.ts';
import type { SignalRule } from '../../types.ts';
import { joined, paramEvidence } from './_helpers.ts';

const NAMES = new Set([
	'to',
	'cc',
	'bcc',
	'recipient',
	'recipients',
	'email',
	'emails',
	'emailaddress',
	'phone',
	'phones',
	'phonenumber',
	'mobile',
	'chatid',
	'channel',
	'channelid',
	'channels',
	'room',
	'roomid',
	'handle',
	'destination',
	'target',
	'touser',
	'toaddress',
	'receiver',
	'receivers',
	'number',
	'webhook',
	'webhookurl',
	'groupid',
	'userid',
	'username',
]);
const OUTBOUND_DESCRIPTION =
	/^\W*(send|sends|post|posts|reply|replies|forward|forwards|notify|notifies|deliver|delivers|broadcast|broadcasts)\b/i;

/** On tools that send something out, the parameters that choose who receives it. */
export const recipient: SignalRule = {
	id: 'signal/recipient',
	signal: 'recipient',
	detect(ctx) {
		// The tool sends when its deciding word (the first verb or outbound word of its name) is an outbound verb;
		// a name without any verb falls back to the description's opening.
		const deciding = ctx.nameTokens.find((t) => OUTBOUND_VERBS.has(t) || categoryOfVerb(t) !== undefined);
		const outbound = deciding !== undefined ? OUTBOUND_VERBS.has(deciding) : OUTBOUND_DESCRIPTION.test(ctx.description.slice(0, 200));
		if (!outbound) return [];
		return ctx.parameters.filter((p) => p.depth === 0 && NAMES.has(joined(p.tokens))).map((p) => paramEvidence(this.id, p));
	},
};
