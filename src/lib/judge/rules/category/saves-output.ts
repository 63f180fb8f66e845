import type { CategoryVote, RuleContext } from '../../types.ts';

const WHERE = new Set(['path', 'file', 'filename', 'dir', 'directory', 'folder', 'filepath']);
const SAVE_WORDS = new Set(['save', 'saveto', 'savepath', 'savedir', 'savefile', 'savepng', 'saveimages']);
const OUTPUT = new Set(['output', 'out', 'local', 'dest', 'destination', 'download', 'export', 'target']);
/** "store" only as a verb ("stores it", "store the output"): "a project-scoped store" is the place read from. */
const SAVE_VERB =
	/\b(sav(e|es|ed|ing)|writ(e|es|ten|ing)|stor(es|ed|ing)|store (the|it|them|its|output|results?|a|an)|export(s|ed)? to)\b/i;
/** Tools named for capturing or exporting something: an undocumented file-name parameter is where the capture goes. */
const CAPTURES = new Set(['screenshot', 'snapshot', 'capture', 'export', 'pdf']);
const FILE_NAMES = new Set(['filename', 'filepath', 'file', 'path', 'outputpath', 'outputfile', 'output']);
const SAVES =
	/\b(sav(e|es|ed|ing)|writ(e|es|ten|ing)|stor(e|es|ed|ing)) (the \w+ |it |them |results? |output )?(to|into|at|in) (a |the |this )?(file|path|disk|directory|folder|location)|\bfile (path|name) to (save|write)|\bsaved? (as|to)\b/i;

/** A file-name parameter documented as naming the file the tool makes ("Name for the exported report file"). */
const NAMES_NEW_FILE = /^\W*(the )?name (for|of) the (exported|saved|output|generated|new|created|downloaded) ([\w-]+ )?file\b/i;
/** A description that opens by naming an output file or path ("Output path for …", "The output file"). */
const OUTPUT_PATH = /^\W*(the |an? )?(output|destination) (file )?(path|file|directory|folder|dir|location)\b/i;

/**
 * An observation or read tool that can write its output to a file the caller names is write (decided after the
 * first pass): a parameter named for saving (`saveTo`, `savePng`), an output path (`outputPath`, `local_path`), or
 * one whose description says the result is saved or written to a file.
 */
export function savesOutput(ctx: RuleContext): CategoryVote | undefined {
	for (const p of ctx.parameters) {
		if (p.depth > 0) continue;
		const t = p.tokens;
		const joined = t.join('');
		const named =
			SAVE_WORDS.has(joined) || t[0] === 'save' || (t.length >= 2 && OUTPUT.has(t[0] as string) && WHERE.has(t.at(-1) as string));
		const where = WHERE.has(t.at(-1) as string);
		// `output: "Output path for tasks.json file"`: an output parameter documented as a path or file is where the tool writes.
		const outputPath = OUTPUT.has(t[0] as string) && p.description !== undefined && OUTPUT_PATH.test(p.description);
		const described =
			p.description !== undefined &&
			(SAVES.test(p.description) ||
				(where && SAVE_VERB.test(p.description)) ||
				(FILE_NAMES.has(joined) && NAMES_NEW_FILE.test(p.description)));
		// `take_screenshot(filename)` with the filename undocumented: the name of the tool is the documentation.
		const captureTarget =
			p.description === undefined &&
			!p.knownOnly &&
			(p.types.length === 0 || p.types.includes('string')) &&
			FILE_NAMES.has(joined) &&
			ctx.nameTokens.some((w) => CAPTURES.has(w));
		if (named || described || captureTarget || outputPath)
			return {
				category: 'write',
				evidence: { rule: 'category/saves-output', source: p.knownOnly ? 'known-parameter' : 'schema', field: p.path, match: p.name },
			};
	}
	return undefined;
}
