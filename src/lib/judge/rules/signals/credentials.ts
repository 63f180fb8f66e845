import type { SignalRule } from '../../types.ts';
import { joined, lastTwo, paramEvidence } from './_helpers.ts';

const SECRET_WORDS = new Set([
	'password',
	'passwd',
	'passphrase',
	'secret',
	'credential',
	'credentials',
	'apikey',
	'cookie',
	'bearer',
	'otp',
	'totp',
	'pat',
]);
const KEY_QUALIFIERS = new Set([
	'api',
	'access',
	'secret',
	'private',
	'bot',
	'app',
	'auth',
	'signing',
	'encryption',
	'license',
	'ssh',
	'client',
	'service',
	'account',
	'master',
	'admin',
	'subscription',
	'webhook',
	'session',
]);
/** `token` preceded by these is pagination or sizing, not a credential. */
const NOT_AUTH_TOKEN = new Set([
	'page',
	'next',
	'prev',
	'previous',
	'continuation',
	'pagination',
	'cursor',
	'max',
	'sync',
	'start',
	'end',
	'cancellation',
]);
const DESCRIPTION =
	/\b(api[ -]?key|access[ -]token|auth(entication)?[ -]token|bearer[ -]token|personal access token|password|secret key|client secret|private key)\b/i;

/** Parameters that carry a secret: passwords, API keys, auth tokens, private keys. */
export const credentials: SignalRule = {
	id: 'signal/credentials',
	signal: 'credentials',
	detect(ctx) {
		return ctx.parameters.flatMap((p) => {
			const [last, prev] = lastTwo(p.tokens);
			const whole = joined(p.tokens);
			const byName =
				(last !== undefined && SECRET_WORDS.has(last)) ||
				['apikey', 'accesstoken', 'authtoken', 'refreshtoken', 'privatekey', 'clientsecret', 'authorization', 'auth'].includes(whole) ||
				(last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) ||
				(last === 'token' && (prev === undefined || !NOT_AUTH_TOKEN.has(prev)));
			if (byName) return [paramEvidence(this.id, p)];
			const stringish = p.types.length === 0 || p.types.includes('string');
			const m = stringish && p.description ? DESCRIPTION.exec(p.description) : null;
			return m ? [paramEvidence(this.id, p, `${p.name}: "${m[0]}"`)] : [];
		});
	},
};
