/**
 * `annotations:agreement`: over the whole catalogue, how often our category agrees with the hints the
 * servers declare (readOnlyHint, destructiveHint); the comparison is defined in
 * src/lib/judge/annotation-agreement.ts. Prints per-hint agreement, a confusion table and every disagreement.
 *
 * Two bases are reported:
 * - independent: the classifier run on each definition with its annotations removed, so the figure
 *   measures our rules (name, description, schema) against the declarations, not the declarations
 *   against themselves. This is the headline figure.
 * - catalogue: the category the site shows (declared hints are evidence there: destructiveHint raises,
 *   readOnlyHint breaks ties). Its disagreements are declarations our evidence contradicts; each must
 *   carry the `annotation-contradiction` signal, and the script says whether it does.
 *
 * Exit codes: 0 printed, 1 a content file is invalid, 2 bad usage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
	agreement,
	declaredHints,
	DECLARED_CLASSES,
	percent,
	type AgreementInput,
	type AgreementReport,
} from '../src/lib/judge/annotation-agreement.ts';
import { CLASSIFIER_VERSION, classifyTool } from '../src/lib/judge/classify.ts';
import { buildCatalogue } from '../src/lib/catalogue.ts';
import { parseServerFile } from '../src/lib/content/server-file.ts';
import { CATEGORY_IDS } from '../src/lib/taxonomy.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: node scripts/annotation-agreement.ts [--content <dir>] [--json] [--basis independent|catalogue|both] [--no-list]

Compares our category with the readOnlyHint / destructiveHint every catalogued tool declares.
  --content <dir>   content folder (default content/servers, or $TOOLRISK_CONTENT_DIR)
  --json            print the reports as JSON
  --basis <b>       which categories to compare (default both; see the header of this script)
  --no-list         summary only, without the list of disagreements`;

function main(argv: string[]): number {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: {
				content: { type: 'string' },
				json: { type: 'boolean' },
				basis: { type: 'string' },
				'no-list': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
			strict: true,
		});
	} catch (error) {
		console.error(`annotations:agreement: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const { values } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const basis = values.basis ?? 'both';
	if (!['independent', 'catalogue', 'both'].includes(basis)) {
		console.error(`annotations:agreement: --basis: expected independent, catalogue or both\n\n${USAGE}`);
		return 2;
	}
	const dir = values.content ?? process.env['TOOLRISK_CONTENT_DIR'] ?? join(ROOT, 'content', 'servers');
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.startsWith('.'))
		.sort()
		.map((f) => parseServerFile(JSON.parse(readFileSync(join(dir, f), 'utf8')), join(dir, f)));
	const catalogue = buildCatalogue(files, (slug) => join(dir, `${slug}.json`));

	const independentInput: AgreementInput[] = [];
	const catalogueInput: AgreementInput[] = [];
	for (const tool of catalogue.tools) {
		const hints = declaredHints(tool.entry.definition.annotations);
		catalogueInput.push({ id: tool.id, category: tool.judgement.category, hints });
		if (basis !== 'catalogue') {
			const { annotations: _dropped, ...bare } = tool.entry.definition;
			const judgement = classifyTool({ definition: bare, knownParameters: tool.entry.knownParameters });
			independentInput.push({ id: tool.id, category: judgement.category, hints });
		}
	}
	const independent = basis === 'catalogue' ? undefined : agreement(independentInput);
	const cat = basis === 'independent' ? undefined : agreement(catalogueInput);
	const signalled = cat
		? cat.disagreements.filter((d) => catalogue.tool(d.id)?.judgement.signals.some((s) => s.id === 'annotation-contradiction')).length
		: 0;

	if (values.json) {
		console.log(
			JSON.stringify(
				{
					classifier: CLASSIFIER_VERSION,
					servers: catalogue.servers.length,
					independent,
					catalogue: cat,
					contradictionSignalled: cat ? signalled : undefined,
				},
				null,
				2,
			),
		);
		return 0;
	}
	console.log(`classifier ${CLASSIFIER_VERSION}: ${catalogue.servers.length} servers, ${catalogue.tools.length} tools in ${dir}`);
	if (independent) print('independent (our rules on the definition without its annotations)', independent, values['no-list'] === true);
	if (cat) {
		print('catalogue (the category the site shows; declared hints are evidence)', cat, values['no-list'] === true);
		console.log(`annotation-contradiction signal on ${signalled} of ${cat.disagreements.length} catalogue disagreements`);
	}
	return 0;
}

function print(title: string, r: AgreementReport, noList: boolean): void {
	const { perHint: h } = r;
	console.log(`\n== ${title}`);
	console.log(
		`agreement: ${percent(r.agreeing, r.declaring)} of the tools declaring readOnlyHint or destructiveHint (${r.tools} tools in all)`,
	);
	console.log(`  readOnlyHint: true     -> read            ${percent(h.readOnlyTrue.agree, h.readOnlyTrue.declared)}`);
	console.log(`  readOnlyHint: false    -> not read        ${percent(h.readOnlyFalse.agree, h.readOnlyFalse.declared)}`);
	console.log(
		`  destructiveHint: true  -> destructive, financial or execute (not read-only)  ${percent(h.destructiveTrue.agree, h.destructiveTrue.declared)}`,
	);
	console.log(
		`  destructiveHint: false -> read or write (not read-only)                      ${percent(h.destructiveFalse.agree, h.destructiveFalse.declared)}`,
	);
	const width = 14;
	console.log(`\n  ${'declared \\ ours'.padEnd(width)}${CATEGORY_IDS.map((c) => c.padStart(12)).join('')}`);
	for (const row of DECLARED_CLASSES)
		console.log(`  ${row.padEnd(width)}${CATEGORY_IDS.map((c) => String(r.confusion[row][c]).padStart(12)).join('')}`);
	if (noList) return;
	console.log(`\n  disagreements (${r.disagreements.length}): tool id | our category | declared hints`);
	for (const d of r.disagreements) {
		const hints = Object.entries(d.hints)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ');
		console.log(`  ${d.id} | ${d.category} | ${hints} (conflict: ${d.conflicts.join(', ')})`);
	}
}

process.exitCode = main(process.argv.slice(2));
