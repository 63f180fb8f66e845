import { clip } from '../../tokens.ts';
import type { CategoryVote, RuleContext } from '../../types.ts';
import { descriptionVerb, openingSentence } from './description-verb.ts';
import { nameVerb } from './name-verb.ts';

/** Delegating a task to an agent that acts with its own tools (guide, execute: `delegate_task`). */
const AGENT =
	/\b(delegat\w*|hands?|sends?|runs?|starts?|launch\w*|spawns?|asks?)\b[^.]{0,60}\b(coding agent|ai agent|automation agent|agent that|agent which|claude code|codex cli)\b/i;
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
		(taskParameter(ctx) && !answers ? NAMED_AGENT.exec(ctx.description.slice(0, 300)) : null);
	if (m)
		return {
			category: 'execute',
			evidence: { rule: 'category/drives-program', source: 'description', field: 'description', match: clip(m[0], 60) },
		};
	for (const p of ctx.parameters) {
		const value = p.enum?.find((v) => typeof v === 'string' && CODE_ACTION.test(v));
		if (typeof value === 'string')
			return { category: 'execute', evidence: { rule: 'category/drives-program', source: 'schema', field: p.path, match: value } };
	}
	return undefined;
}
