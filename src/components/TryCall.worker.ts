/**
 * The "try a call" worker of tool pages: started by the layout's enhancement script the first time a
 * reader tries a call, it parses the page's Intercept policy and decides each call with the evaluator
 * the tests use (`lib/policy/evaluate.ts`, through `try-call.ts`). A worker, so nothing of it loads with
 * the page and the page script stays free of loaders; it makes no request.
 */
import { parse } from 'yaml';
import { parseArguments, tryCall } from '../lib/policy/try-call.ts';
import { withMarkers } from '../lib/text/visible-text.ts';

/** The tool a single-tool policy document is about: its one listed or hidden tool. */
function toolOf(doc: unknown): string | undefined {
	if (typeof doc !== 'object' || doc === null) return undefined;
	const { tools, hide } = doc as { tools?: unknown; hide?: unknown };
	const listed = typeof tools === 'object' && tools !== null ? Object.keys(tools) : [];
	return listed[0] ?? (Array.isArray(hide) ? String(hide[0]) : undefined);
}

self.addEventListener('message', (event: MessageEvent<{ policy: string; args: string }>) => {
	let text: string;
	try {
		const doc: unknown = parse(event.data.policy);
		const tool = toolOf(doc);
		const parsed = parseArguments(event.data.args);
		if (!tool) text = 'This policy names no tool, so there is no call to try.';
		else if (!parsed.ok) text = `Cannot try it: ${parsed.error}.`;
		else text = tryCall(doc, tool, parsed.args).text;
	} catch (error) {
		text = `Cannot try it: ${(error as Error).message}.`;
	}
	// The text quotes the tool name and arguments: the page shows it as text, with invisible and
	// bidirectional characters written as their codes.
	postMessage(withMarkers(text));
});
