import type { SignalRule } from '../../types.ts';
import { phraseEvidence } from './_texts.ts';

/**
 * Text aimed at the model rather than the person reading the definition: fake authority markup,
 * orders to drop earlier instructions, orders to keep something from the user, obligations to do more
 * than the call, and orders to copy files, conversation or secrets into arguments or out to an address.
 *
 * Ordinary usage guidance addresses the model too ("Call this first if you have no API key", "Do not
 * use for large files", "Important: rate limited"), so each pattern needs a mark that guidance does not
 * have: markup, an override, concealment, a coerced extra step, or an imperative to move data. Verbs are
 * matched in the imperative ("pass its contents"), not the third person a tool uses to describe itself
 * ("passes its contents"). Quantifiers are bounded so every pattern runs in time linear in the text.
 */
const PATTERNS: readonly RegExp[] = [
	// Fake authority markup and chat-template tokens.
	/<\s{0,8}\/?\s{0,8}(important|system|system[ _-]?prompt|instructions?|hidden|override|(ai|assistant|model|llm)[ _-]?(notes?|instructions?)|note[ _-]?to[ _-]?(the[ _-]?)?(ai|assistant|model|llm)|(user|developer)[ _-]?instructions?)\s{0,8}>/i,
	/<\|\s{0,8}(im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\s{0,8}\|>|\[\/?(INST|SYS)\]|<<\/?SYS>>/i,
	// Closing the wrapper a client puts around descriptions, to write outside it.
	/<\/\s{0,8}(tool[ _-]?description|description|function[ _-]?description|tools|functions|tool[ _-]?definitions?)\s{0,8}>/i,
	// An HTML comment (invisible once rendered) that talks to the model.
	/<!--[^>]{0,300}?\b(you|assistant|model|llm|ai|agent|instructions?|must|always|never|ignore|important)\b/i,
	// Override.
	/\b(ignore|disregard|forget)\s+(all\s+|any\s+|everything\s+)?(of\s+)?(the\s+|your\s+|my\s+|these\s+|those\s+)?(previous|prior|above|earlier|preceding|foregoing|former|original|initial|system)\s+(instructions?|prompts?|messages?|rules|directions|directives|guidelines|guidance|context|constraints|commands)\b/i,
	/\b(ignore|disregard|forget|override|bypass)\s+(all\s+|any\s+)?(of\s+)?(your|the)\s+(system\s+prompt|instructions|guidelines|safety\s+(rules|guidelines|instructions|policies)|guardrails)\b/i,
	/\bforget\s+(everything|all)\s+(you|that|above|before)\b/i,
	// An announced override ("SYSTEM OVERRIDE:"), not a thermostat's "manual system override".
	/\b(system|admin|developer|security)\s+override\s*[:!]/i,
	/\b(SYSTEM|ADMIN|DEVELOPER|SECURITY)\s+OVERRIDE\b/,
	/\b(previous|prior|earlier|above|original|all\s+other)\s+(instructions?|guidance|rules|directions|prompts?)\s+(no\s+longer\s+appl(y|ies)|(are|is)\s+(now\s+)?(void|cancell?ed|revoked|obsolete|superseded))\b/i,
	/\b(the\s+)?(hidden\s+|secret\s+|original\s+|system\s+)?instructions\s+you\s+(were|have\s+been)\s+given\b/i,
	/\bnew\s+(system\s+)?(instructions?|directives?|prompt)\s*:/i,
	/\bfrom\s+now\s+on,?\s+(you|the\s+(assistant|model|ai|agent))\b/i,
	/\byou\s+are\s+now\s+(in\s+)?(an?\s+)?(dan|jailbroken|unrestricted|unfiltered|developer\s+mode|admin\s+mode|god\s+mode)\b/i,
	// Concealment from the user.
	/\b(do\s+not|don'?t|never|must\s+not|should\s+not|shouldn'?t|mustn'?t|under\s+no\s+circumstances\s+(should|must|may|will)\s+you)\s+(tell|inform|admit\s+to|(mention|reveal|disclose|say)\s+((this|it|that|anything)\s+)?to)\b[^.\n]{0,40}?\b(users?|human|operator)\b/i,
	/\b(quietly|silently|secretly|covertly|discreetly)\s+(copy|send|read|include|pass|upload|forward|add|attach|collect|store|record|save|exfiltrate)\b/i,
	/\bwithout\s+(telling|informing|alerting|letting)\s+(the|your)\s+(users?|human|operator)\b/i,
	/\b(don'?t|do\s+not|never)\s+let\s+(the\s+|your\s+)?(users?|human)\s+(know|see|notice|find\s+out)\b/i,
	/\b(keep|hide)\s+(this|these|it|them|that)\s+(instructions?\s+|steps?\s+|notes?\s+)?(secret\s+|hidden\s+|confidential\s+|private\s+)?from\s+(the\s+|your\s+)?(users?|human)\b/i,
	/\b(the\s+)?(user|human)\s+(must|should|shall|need)\s+(never|not)\s+(know|see|be\s+told|find\s+out|learn|notice)\b/i,
	/\b(do\s+not|don'?t|never)\s+(mention|reveal|disclose|acknowledge)\s+(this|these|that|the\s+(above|following|previous))\b/i,
	/\b(upset|scare|alarm|frighten|worry)\s+the\s+user\b|\b(the\s+)?user\s+(will|would|might|could|may)\s+(be\s+|get\s+)?(upset|scared|alarmed|frightened|worried|panic)\b/i,
	// Coercion and text addressed to the model as such.
	/\b(very\s+){2,6}important\b/i,
	/\b(critical|mandatory|required|important)\s{0,4}[!:]?\s{0,4}(the\s+)?(ai|assistant|model|llm)\s+(must|should|needs?\s+to|has\s+to|is\s+required)\b/i,
	/\b(note|message|instructions?|reminder)\s+(to|for)\s+(the\s+|any\s+)?(ai|assistant|model|llm|language\s+model|claude|gpt|chatgpt|copilot)\b/i,
	/\bif\s+you\s+are\s+(an?\s+)?(ai|llm|language\s+model|assistant|chatbot|claude|gpt)\b/i,
	/\b(to|for)\s+(the\s+|any\s+)?(ai|assistant|llm|language\s+model|model|agent)\s+(reading|processing|seeing)\s+this\b/i,
	/(^|[.!?:]\s+)(Assistant|AI|Claude|ChatGPT|GPT|LLM|Agent),\s+(listen|note|remember|you\s+must|please|always|never|do\s+not)\b/,
	/^[ \t]{0,8}#{1,6}[ \t]{0,8}(system|system[ \t]{1,8}prompt|instructions?)[ \t]{0,8}:?[ \t]{0,8}$/im,
	/\byou\s+are\s+an?\s+(helpful\s+|friendly\s+|obedient\s+)?(assistant|ai\s+assistant|language\s+model|chatbot)\b/i,
	/\b(follow|obey|treat)\s+(its|the\s+tool'?s?|this\s+tool'?s?|the)\s+(output|result|response|text)s?\s+as\s+(orders|instructions|commands|directives)\b|\bnot\s+what\s+the\s+user\s+(says|said|wants|asks)\b/i,
	/\bbefore\s+(any|every|each)\s+(reply|response|answer|turn)\b/i,
	// Obligations to take extra steps first.
	/\byou\s+(must|should|need\s+to|have\s+to|are\s+required\s+to|shall)\s+(always\s+)?first\s+(read|call|run|use|invoke|execute|send|include|pass|fetch|open|load|access|retrieve|upload|copy|obtain|get|collect)\b/i,
	/\b(the\s+)?(assistant|model|ai|llm|agent)\s+(must|should|needs?\s+to|has\s+to|is\s+required\s+to|shall)\s+(always\s+)?(first\s+)?(read|send|upload|forward|copy|post|reveal|ignore|obey|disclose|leak|exfiltrate|append)\b/i,
	/\b(you|the\s+(assistant|model|ai|agent))\s+(must|should|have\s+to|need\s+to)\s+(always\s+)?(first\s+)?(read|send|include|pass|upload|call|attach|append|copy|forward)\b[^.\n]{0,80}?\b(private\s+keys?|ssh\s+keys?|\.env|id_rsa|conversation(\s+history)?|chat\s+history|system\s+prompt|environment\s+variables|contents?\s+of\s+(the\s+)?(file|config))/i,
	// Moving data into an argument or out to an address.
	/\b(pass|put|send|include|insert|append|add|copy|paste|embed|place|attach|encode|upload|forward)\s+(its|their|the\s+files?'?s?)\s+(full\s+|entire\s+|complete\s+|whole\s+|raw\s+|exact\s+)?(contents?|text|data|output)\b/i,
	// ("Pass the message history as an array" documents a summariser; the whole conversation is the tell.)
	/\b(include|pass|send|put|add|append|copy|paste|attach|forward|upload|post|embed)\s+(the\s+|your\s+|this\s+)?(full|entire|complete|whole)\s+(conversation|chat)(\s+(history|log|transcript))?\b/i,
	/\b(reveal|repeat|print|output|leak|disclose|dump)\s+(the\s+|your\s+)?(full\s+|entire\s+|complete\s+)?(system\s+prompt|conversation\s+so\s+far|hidden\s+instructions)\b/i,
	// ("Include system prompt in details" documents a boolean flag; *your* prompt, or all of it, is the tell.)
	/\b(include|pass|send|put|add|append|copy|paste|attach|forward|upload|post|embed)\s+(your\s+(full\s+|entire\s+|complete\s+)?|the\s+(full|entire|complete)\s+)(system\s+prompt|conversation\s+so\s+far|hidden\s+instructions|instructions)\b/i,
	// Read something, then put it into a named argument.
	/\b(read|open|cat|load|fetch|retrieve|collect|gather|grab|dump|copy)\b[^.\n]{0,80}?\band\s+(then\s+)?(include|pass|put|send|add|append|attach|embed|insert|paste)\s+(it|them|both|all|everything|its\s+\w+|their\s+\w+|the\s+(keys?|contents?|tokens?|secrets?|credentials|values?|output|files?|data))\b[^.\n]{0,40}?\b(in|into|as|to|inside|within)\s+(the\s+)?[\x60'"]?\w{1,64}[\x60'"]?\s+(field|parameter|param|argument|arg)\b/i,
	/\b(bcc|cc|forward|copy|send\s+(a\s+)?cop(y|ies))\b[^.\n]{0,40}?\bto\s+[\w.+-]{1,64}@[\w-]{1,64}(\.[\w-]{1,64}){1,8}/i,
	/\balways\s+(send|forward|copy|bcc|cc|include|add)\b[^.\n]{0,60}?[\w.+-]{1,64}@[\w-]{1,64}\.[\w.-]{1,64}/i,
	/\b(send|post|upload|forward|exfiltrate|transmit)\s+(it|them|everything|all\s+of\s+it|the\s+(contents?|data|results?|output|files?|keys?|tokens?|credentials))\s+to\s+(https?:\/\/|[\w.+-]{1,64}@)/i,
];

/** Text aimed at the model in any field it reads: description, title, parameter names, descriptions, defaults and enums. */
export const instructionText: SignalRule = {
	id: 'signal/instruction-text',
	signal: 'instruction-text',
	detect(ctx) {
		return phraseEvidence(ctx, this.id, PATTERNS);
	},
};
