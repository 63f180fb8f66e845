/** Every signal rule, in the order findings are listed. Adding a rule means adding it here. */
import { commandInput } from './rules/signals/command-input.ts';
import { credentials } from './rules/signals/credentials.ts';
import { filePath } from './rules/signals/file-path.ts';
import { freeFormObject } from './rules/signals/free-form-object.ts';
import { hiddenText } from './rules/signals/hidden-text.ts';
import { instructionText } from './rules/signals/instruction-text.ts';
import { manyParameters } from './rules/signals/many-parameters.ts';
import { moneyAmount } from './rules/signals/money-amount.ts';
import { rawContent } from './rules/signals/raw-content.ts';
import { rawQuery } from './rules/signals/raw-query.ts';
import { recipient } from './rules/signals/recipient.ts';
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
];
