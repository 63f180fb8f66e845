/** Every signal rule, in the order findings are listed. Adding a rule means adding it here. */
import type { SignalId } from '../taxonomy.ts';
import { commandInput } from './rules/signals/command-input.ts';
import { credentials } from './rules/signals/credentials.ts';
import { crossToolReference } from './rules/signals/cross-tool-reference.ts';
import { definitionChanged } from './rules/signals/definition-changed.ts';
import { filePath } from './rules/signals/file-path.ts';
import { freeFormObject } from './rules/signals/free-form-object.ts';
import { hiddenText } from './rules/signals/hidden-text.ts';
import { instructionText } from './rules/signals/instruction-text.ts';
import { manyParameters } from './rules/signals/many-parameters.ts';
import { moneyAmount } from './rules/signals/money-amount.ts';
import { rawContent } from './rules/signals/raw-content.ts';
import { rawQuery } from './rules/signals/raw-query.ts';
import { recipient } from './rules/signals/recipient.ts';
import { sensitiveReference } from './rules/signals/sensitive-reference.ts';
import { untrustedContent } from './rules/signals/untrusted-content.ts';
import { urlInput } from './rules/signals/url-input.ts';
import type { SignalRule } from './types.ts';

export const SIGNAL_RULES: readonly SignalRule[] = [
	credentials,
	rawContent,
	urlInput,
	filePath,
	commandInput,
	rawQuery,
	recipient,
	moneyAmount,
	manyParameters,
	freeFormObject,
	untrustedContent,
	instructionText,
	hiddenText,
	sensitiveReference,
	crossToolReference,
	definitionChanged,
];

/**
 * Signals that are tool-poisoning indicators: each is text in the definition that works on the model
 * at `tools/list`, before and without any call. So they raise the level to at least high
 * (`level/poisoning-indicator`) and the policy hides the tool instead of limiting its calls.
 *
 * - instruction-text, hidden-text: text aimed at the model, or hidden from the reviewer.
 * - sensitive-reference: the rule only fires on text naming where secrets live; a definition that points
 *   the model at `~/.ssh` or `mcp.json` has either been poisoned or asks a person to allow it on purpose.
 * - cross-tool-reference (shadowing): the text changes how *other* tools are used, so denying or
 *   rate-limiting this tool's calls does nothing; only keeping its description from the model does.
 */
export const POISONING_SIGNALS: ReadonlySet<SignalId> = new Set<SignalId>([
	'instruction-text',
	'hidden-text',
	'sensitive-reference',
	'cross-tool-reference',
]);
