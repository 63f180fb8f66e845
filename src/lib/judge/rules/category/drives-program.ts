import { clip } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { descriptionVerb, openingSentence } from './description-verb.ts';
import { nameVerb } from './name-verb.ts';

/** Delegating a task to an agent that acts with its own tools (guide, execute: `delegate_task`). */
const AGENT =
	/\b(delegat\w*|hands?|sends?|runs?|starts?|launch\w*|spawns?|asks?)\b[^.]{0,60}\b(coding agent|ai agent|automation agent|agent that|agent which|claude code|codex cli)\b/i;
/**
 * Anywhere in the description: the agent or assistant the task goes to decides which calls to make or may use tools
 * ("BrowserStack's agent decides which calls to make", "The assistant may use tools, metrics, logs"): the guide's
 * `delegate_task`, unlike `ask_model`, where no tools run on the caller's behalf.
 */
const AGENT_ACTS =
	/\b(?:agent|assistant)\b[^.]{0,30}\b(?:(?:decides?|chooses?|picks?|determines?)\b[^.]{0,20}\b(?:calls?|tools?|commands?|actions?)\b|(?:may|can|will)\s+(?:use|call|run|invoke)\s+(?:its own |other )?tools\b)/i;
/** An agent named in the description, for a tool that takes a natural-language task for it. */
const NAMED_AGENT = /\b(\w+ )?agent\b/i;
/** The description says what comes back. */
const RETURNS = /\breturns?\b/i;
const TASK = new Set(['task', 'prompt', 'instruction', 'instructions', 'goal', 'objective']);
const taskParameter = (ctx: RuleContext) => ctx.parameters.some((p) => p.depth === 0 && p.required && TASK.has(p.tokens.at(-1) ?? ''));
/** Feeding a running program its input (guide, execute: `process_input`); "code interpreter" alone names a sandbox, not input. */
const INTERPRETER =
	/\b(input|commands?|keystrokes|code)\b(?! interpreter)[^.]{0,40}\b(running (process|terminal|repl|interpreter|shell)|repl|interpreter)\b/i;
/** A nested action or mode that runs caller-written script (`actions[].type: executeJavascript`). */
const CODE_ACTION = /^(execute|exec|eval|evaluate|run)[-_ ]?(java)?script$|^(execute|run)[-_ ]?(js|javascript|code)$/i;

/** An app package or bundle, and its installation. */
const INSTALLED_APP = /(?:\.apk|\.ipa|\.aab|\bapp bundle)\b/i;
const INSTALLS = /\binstall(?:s|ed|ing|ation)?\b/i;
/**
 * Execute when the tool hands work to a program that decides what to do: an agent given a task, a running
 * interpreter given input, or an action list that can run caller-written script.
 */
export function drivesProgram(ctx: RuleContext): CategoryVote | undefined {
	const opening = openingSentence(ctx.description);
	// An agent only named beside a task parameter, on a tool whose deciding verb reads (plan, analyze, get) and that says what
	// it returns ("returns a structured implementation plan"), answers: like `ask_model`, no tools run for the caller.
	const verb = nameVerb(ctx) ?? descriptionVerb(ctx);
	const answers = verb?.category === 'read' && RETURNS.test(ctx.description);
	const m =
		AGENT.exec(opening) ??
		INTERPRETER.exec(opening) ??
		(taskParameter(ctx) && !answers ? NAMED_AGENT.exec(ctx.description.slice(0, 300)) : null) ??
		AGENT_ACTS.exec(ctx.description.slice(0, 4000));
	if (m)
		return {
			category: 'execute',
			evidence: { rule: 'category/drives-program', source: 'description', field: 'description', match: clip(m[0], 60) },
		};
	for (const p of ctx.parameters) {
		// An app file the tool installs on a device before acting ("The path to the .apk or .ipa file. Required for app
		// installation"): installing an app runs new code on the device (guide, execute: installing an app).
		if (p.depth === 0 && INSTALLED_APP.test(p.description ?? '') && INSTALLS.test(p.description ?? ''))
			return { category: 'execute', evidence: { rule: 'category/drives-program', source: 'schema', field: p.path, match: p.name } };
		const value = p.enum?.find((v) => typeof v === 'string' && CODE_ACTION.test(v));
		if (typeof value === 'string')
			return { category: 'execute', evidence: { rule: 'category/drives-program', source: 'schema', field: p.path, match: value } };
	}
	return undefined;
}
