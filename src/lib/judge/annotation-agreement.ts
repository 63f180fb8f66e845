/**
 * How often our category agrees with the behaviour hints a server declares (`readOnlyHint`,
 * `destructiveHint`). Used by scripts/annotation-agreement.ts over the whole catalogue.
 *
 * The comparison, per tool and per declared hint (a hint counts only when it is a boolean):
 * - `readOnlyHint: true` agrees with category `read`; `readOnlyHint: false` agrees with any other category.
 * - `destructiveHint` is compared only when `readOnlyHint` is not `true` (the specification gives it
 *   meaning only for tools that change something): `true` ("may perform destructive updates") agrees
 *   with every category that changes something (write, execute, destructive, financial), because in the
 *   specification a destructive update is any update that is not purely additive, and our `write` holds
 *   updates, overwrites, closes and moves (docs/labelling-guide.md, Annotations: the hint alone never makes
 *   a tool destructive); it disagrees with `read`. `false` ("only additive updates") speaks to one axis,
 *   additive versus destructive, so it is compared on that axis only: it disagrees with `destructive`
 *   (the definition documents a deletion or revocation), and with an `execute` tool that takes a program
 *   (a command, code or a raw query: the caller decides the effects, so nothing bounds them to additive).
 *   It agrees with read, write, financial and with execute tools that start work defined elsewhere (a job
 *   or workflow run): those categories are decided by mechanism and by money, an axis the hint does not
 *   describe (creating an invoice or starting a build is additive). Guide, Annotations.
 * A tool agrees when every hint it declares agrees. Tools that declare neither hint are not counted.
 *
 * The declared class of a tool (the rows of the confusion table) is `read-only` (readOnlyHint true),
 * `destructive` (destructiveHint true, readOnlyHint not true), `additive` (destructiveHint false,
 * readOnlyHint not true) or `not-read-only` (readOnlyHint false, destructiveHint absent).
 */
import { CATEGORY_IDS, type Category } from '../taxonomy.ts';

export const DECLARED_CLASSES = ['read-only', 'destructive', 'additive', 'not-read-only'] as const;
export type DeclaredClass = (typeof DECLARED_CLASSES)[number];

/** The hints a tool declares, as booleans (anything else is treated as undeclared). */
export interface DeclaredHints {
	readOnlyHint?: boolean;
	destructiveHint?: boolean;
}

export interface AgreementInput {
	/** `<server>/<segment>`, as on the site. */
	id: string;
	category: Category;
	hints: DeclaredHints;
	/** The tool takes a program: a command, code or a raw query (signals command-input or raw-query). */
	takesProgram?: boolean;
}

/** Signals that say the caller passes a program, whose effects the caller decides. */
const PROGRAM_SIGNALS: ReadonlySet<string> = new Set(['command-input', 'raw-query']);

/** Whether a judgement's signals say the tool takes a program (the `takesProgram` of AgreementInput). */
export function takesProgram(signals: readonly { id: string }[]): boolean {
	return signals.some((s) => PROGRAM_SIGNALS.has(s.id));
}

export interface HintTally {
	/** Tools that declare the hint (and, for destructiveHint, are not declared read-only). */
	declared: number;
	agree: number;
}

export interface Disagreement {
	id: string;
	category: Category;
	hints: DeclaredHints;
	/** The hints that disagree, e.g. `readOnlyHint: true`. */
	conflicts: string[];
}

export interface AgreementReport {
	/** Tools in the input. */
	tools: number;
	/** Tools declaring readOnlyHint or destructiveHint. */
	declaring: number;
	/** Of those, tools on which every declared hint agrees. */
	agreeing: number;
	perHint: { readOnlyTrue: HintTally; readOnlyFalse: HintTally; destructiveTrue: HintTally; destructiveFalse: HintTally };
	/** Declared class x our category. */
	confusion: Record<DeclaredClass, Record<Category, number>>;
	disagreements: Disagreement[];
}

/** The hints of an annotations object that are booleans. */
export function declaredHints(annotations: unknown): DeclaredHints {
	if (typeof annotations !== 'object' || annotations === null) return {};
	const a = annotations as Record<string, unknown>;
	return {
		...(typeof a['readOnlyHint'] === 'boolean' ? { readOnlyHint: a['readOnlyHint'] } : {}),
		...(typeof a['destructiveHint'] === 'boolean' ? { destructiveHint: a['destructiveHint'] } : {}),
	};
}

/** The row of the confusion table, or undefined when the tool declares neither hint. */
export function declaredClass(hints: DeclaredHints): DeclaredClass | undefined {
	if (hints.readOnlyHint === true) return 'read-only';
	if (hints.destructiveHint === true) return 'destructive';
	if (hints.destructiveHint === false) return 'additive';
	if (hints.readOnlyHint === false) return 'not-read-only';
	return undefined;
}

const CHANGING: ReadonlySet<Category> = new Set(['write', 'destructive', 'financial', 'execute']);

/** Whether "only additive updates" can hold for a tool of `category` (see the module comment). */
function additivePossible(category: Category, takesProgram: boolean): boolean {
	if (category === 'destructive') return false;
	return !(category === 'execute' && takesProgram);
}

/** The declared hints that disagree with `category` (empty: it agrees, or declares nothing). */
export function conflicts(category: Category, hints: DeclaredHints, takesProgram = false): string[] {
	const out: string[] = [];
	if (hints.readOnlyHint === true && category !== 'read') out.push('readOnlyHint: true');
	if (hints.readOnlyHint === false && category === 'read') out.push('readOnlyHint: false');
	if (hints.readOnlyHint !== true) {
		if (hints.destructiveHint === true && !CHANGING.has(category)) out.push('destructiveHint: true');
		if (hints.destructiveHint === false && !additivePossible(category, takesProgram)) out.push('destructiveHint: false');
	}
	return out;
}

export function agreement(tools: Iterable<AgreementInput>): AgreementReport {
	const tally = (): HintTally => ({ declared: 0, agree: 0 });
	const perHint = { readOnlyTrue: tally(), readOnlyFalse: tally(), destructiveTrue: tally(), destructiveFalse: tally() };
	const confusion = Object.fromEntries(
		DECLARED_CLASSES.map((c) => [c, Object.fromEntries(CATEGORY_IDS.map((k) => [k, 0]))]),
	) as AgreementReport['confusion'];
	const disagreements: Disagreement[] = [];
	let count = 0;
	let declaring = 0;
	let agreeing = 0;
	for (const tool of tools) {
		count += 1;
		const row = declaredClass(tool.hints);
		if (row === undefined) continue;
		declaring += 1;
		confusion[row][tool.category] += 1;
		const { readOnlyHint: ro, destructiveHint: de } = tool.hints;
		const found = conflicts(tool.category, tool.hints, tool.takesProgram === true);
		const count1 = (t: HintTally, bad: string): void => {
			t.declared += 1;
			if (!found.includes(bad)) t.agree += 1;
		};
		if (ro === true) count1(perHint.readOnlyTrue, 'readOnlyHint: true');
		if (ro === false) count1(perHint.readOnlyFalse, 'readOnlyHint: false');
		if (ro !== true && de === true) count1(perHint.destructiveTrue, 'destructiveHint: true');
		if (ro !== true && de === false) count1(perHint.destructiveFalse, 'destructiveHint: false');
		if (found.length === 0) agreeing += 1;
		else disagreements.push({ id: tool.id, category: tool.category, hints: tool.hints, conflicts: found });
	}
	disagreements.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { tools: count, declaring, agreeing, perHint, confusion, disagreements };
}

/** `83.4% (1234/1480)`, or `n/a` when nothing was compared. */
export function percent(agree: number, of: number): string {
	return of === 0 ? 'n/a' : `${((100 * agree) / of).toFixed(1)}% (${agree}/${of})`;
}
