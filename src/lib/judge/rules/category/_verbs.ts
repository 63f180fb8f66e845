/**
 * What a verb means where it stands, shared by the name and description rules: the same word can be a
 * noun (`cloud_run_list_services`), start work (`trigger_pipeline`), evaluate a stored read
 * (`run_report`), render something to look at (`generate_chart`) or begin something harmless
 * (`start_session`). Each case is a rule of docs/labelling-guide.md; none names a tool.
 */
import type { Category } from '../../../taxonomy.ts';
import { categoryOfVerb, rendersArtifact } from '../../lexicon.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/));

/**
 * Verbs that are often nouns inside a name (`genai_eval_list_runs`, `nfs_file_share_get`): when one follows a
 * word that is not a verb and is followed directly by a verb, it names a thing and the next verb decides.
 */
export const NOUNISH = words(`run runs eval share click monitor test build deploy archive check record label tag comment
	post review schedule snapshot status audit scan crawl report search sync export import request`);

/** Attributes of a run, build or deployment: after a noun-like verb they show it is a noun (`run options`, `build status`). */
const ATTRIBUTES = words(`options id ids history status details detail logs log results output outputs settings info count state duration
	timeline number`);
/** The noun-like verbs this applies to: a run, a build, a deployment, a test, an evaluation, a crawl. */
const RUN_NOUNS = words(`run runs build builds deploy test eval crawl`);

const ARTICLE_OR_TO = words(`to and or then also`);

/** Verbs that say only that something begins; what begins decides (`start_search` reads, `start_process` runs). */
const STARTERS = words(`start begin`);
/** What a starter can begin that runs code or commands. */
const EXECUTION_NOUNS = words(`process processes terminal shell command script job container worker`);

/** Verbs that start work defined elsewhere (guide, execute: "Starting work"). */
const WORK_STARTERS = words(`start begin trigger kick launch run dispatch queue rerun retry replay execute exec eval invoke test rollback`);
/** The work they start: jobs, workflows, pipelines, crawls, builds, test runs, scans, monitor checks, agents. */
const WORK = words(`job jobs workflow workflows pipeline pipelines crawl crawls build builds test tests scan scans monitor monitors
	training trainings automation automations agent agents deployment deployments migration migrations batch regression regressions`);
/** Creating these sets up automation that runs after the call (decided: recurring jobs, monitors, triggers). */
const SCHEDULED = words(`training trainings monitor monitors automation automations trigger triggers agent agents`);
/** Words after an automation word that make it a qualifier (`agent identity`, `monitor settings`). */
const QUALIFIED = words(`identity name names profile profiles settings setting description descriptions config configuration memory
	status details avatar persona`);
/** What a started read keeps doing after the call (`start_render_profile`): a state change, not a one-off read. */
const ONGOING = words(`profile profiling profiler highlight highlighting recording record trace tracing tracking capture session`);
/** Verbs that are nouns after another noun ("their trust score"): a verb only where a sentence or name starts with them. */
const NOUN_AFTER_NOUN = words(`score`);
/** What `run` or `execute` evaluates without running caller code: a stored report, query or audit (guide: `report_run`). */
const EVALUATED = words(`audit audits report reports query queries card cards question questions analysis lighthouse template templates
	check checks screener screeners analyzer analyzers analyser analysers probe probes`);
const FORMATTED_TEXT = words(`citation citations text json markdown date dates number numbers string strings query sql reference
	references bibliography`);
const TEST_NOUNS = words(`case cases suite suites plan plans result results report reports step steps`);
const CREDENTIALS = words(`secret secrets key keys token tokens credential credentials password passwords`);
const MACHINES = words(`droplet droplets server servers instance instances vm vms machine machines`);
const VERSION_CONTROL = words(`git branch branches ref refs commit tree`);
/** Requests an MCP server sends back to its own client. */
const CLIENT_REQUESTS = words(`elicitation elicitations`);
/** Discussions that are resolved (a state change), unlike names or addresses. */
const DISCUSSIONS = words(`thread threads discussion discussions conversation conversations comment comments issue issues alert
	alerts incident incidents`);
/** Data a request asks to be returned. */
const REQUESTED_DATA = words(`node nodes data details info information children child metadata properties`);
/** Launching or opening an installed app changes the state later tools act on: write (decided). */
const APPS = words(`app apps application applications`);
/** What `generate` makes that is stored or issued rather than shown: a key, a token, an invoice. */
const ISSUED = words(`key keys token tokens secret secrets invoice invoices credential credentials password passwords certificate
	certificates`);

/** What `apply` puts into effect that runs or provisions something (guide, execute: applying infrastructure changes). */
const APPLIED_WORK = words(`plan plans manifest manifests migration migrations terraform infrastructure infra changeset changesets
	kustomization stack stacks deployment deployments`);
/** What `apply` sets on a document, page or item: an edit (guide, write: formatting and layout, `range_format`). */
const APPLIED_EDITS = words(`style styles styling format formatting formats theme themes template templates label labels layout layouts
	patch patches fix fixes edit edits suggestion suggestions design preset presets filter filters color colors colour font fonts
	discount discounts coupon coupons tag tags`);
/** What `build` constructs as content in an account (a page, a menu): write; "build the project" compiles (execute). */
const BUILT_CONTENT = words(`page pages menu menus form forms post posts section sections profile profiles`);
/** What `build` computes and hands back (a map, a payload, a summary): read, like "generate a chart". */
const BUILT_VIEWS = words(`map maps payload payloads summary summaries report reports graph graphs chart charts diagram diagrams
	query queries prompt prompts overview`);
/**
 * What `call` invokes: a function, endpoint or contract (execute). Otherwise "call" is a noun ("in one call") or an
 * instruction to the caller.
 */
const CALLABLE = words(`function functions endpoint endpoints api apis method methods contract contracts procedure procedures rpc
	lambda lambdas webhook webhooks service services`);
/** Words before `call` that make it a noun ("in one call", "a single call", "per call"). */
const CALL_NOUN_BEFORE = words(`one a single each per every same separate first api tool extra additional subsequent later`);
/** Words after `call` that make it an instruction to the caller ("call this tool", "ALWAYS call when …", "call it once"). */
const CALL_INSTRUCTION_AFTER = words(`this it when before after first once whenever if`);
/** What finalising makes billable (guide, financial: finalising an invoice); finalising an upload or a draft is a write. */
const BILLED = words(`invoice invoices order orders payment payments bill bills purchase purchases checkout subscription subscriptions
	charge charges transaction transactions quote quotes`);
/** Claiming a piece of work (`checkout_task`) is not a purchase. */
const CLAIMED = words(`task tasks ticket tickets issue issues job jobs item items book books lock`);
/** What a snapshot of stores as a new image (guide, write: creating a stored copy); a page or screen snapshot only observes. */
const IMAGED = words(`droplet droplets server servers instance instances vm vms machine machines volume volumes disk disks database
	databases cluster clusters`);
/** Shapes computed from coordinates (guide, read: computing from inputs without storing anything). */
const GEOMETRY = words(`polygon polygons geometry geometries multipolygon buffer isochrone isochrones`);
/** What a test sends when it is tested (a test delivery). */
const SENT = words(`webhook webhooks notification notifications email emails`);
/** Where testing runs a test suite. */
const TEST_TARGETS = words(`sim simulator simulators emulator emulators device devices`);
/** Stored records that a conversion turns into another kind of record. */
const CONVERTED_RECORDS = words(`issue issues task tasks ticket tickets lead leads deal deals backup backups subtask subtasks`);
/** A remote repository: fetching from it writes refs and objects locally (`git fetch`). */
const REMOTES = words(`remote remotes origin upstream refs`);

export interface VerbReading {
	category: Category;
	/** The verb starts work defined elsewhere (a job, workflow, crawl): execute whatever else the name says. */
	startsWork?: boolean;
	/** What the evidence quotes: the verb, or the verb and the word that decided its reading. */
	match: string;
}

/**
 * How the verb at `i` reads, or undefined when the word is not a verb here (not in the lexicon, or a noun).
 * `stem` is the lexicon form of `list[i]` (descriptions say "Sends"; names say "send").
 */
export function readVerb(list: readonly string[], i: number, stem: string): VerbReading | undefined {
	const category = categoryOfVerb(stem);
	if (!category) return undefined;
	const word = list[i] as string;
	const prev = list[i - 1];
	const next = list[i + 1];
	if (
		i > 0 &&
		NOUNISH.has(stem) &&
		prev !== undefined &&
		!categoryOfVerb(prev) &&
		next !== undefined &&
		categoryOfVerb(next) &&
		!WORK.has(next)
	)
		return undefined; // "test cases", "test suite", "test results" name things; the verb is elsewhere.
	if (stem === 'test' && next !== undefined && TEST_NOUNS.has(next)) return undefined;
	// "Exchange" is a verb here only when a code or credential is exchanged for tokens (an OAuth code exchange stores a new
	// grant, like refreshing a token); otherwise it names a market ("Exchange-Traded Funds", `exchange_info`).
	if (stem === 'exchange' && !list.slice(i + 1, i + 8).some((w) => CREDENTIALS.has(w) || w === 'code' || w === 'codes')) return undefined;
	// "access tokens", "access keys": a kind of credential, not the verb "access".
	if (stem === 'access' && next !== undefined && CREDENTIALS.has(next)) return undefined;
	if (NOUN_AFTER_NOUN.has(stem) && prev !== undefined && !categoryOfVerb(prev) && !ARTICLE_OR_TO.has(prev)) return undefined;
	// "run options", "build status", "deploy logs": a verb that is often a noun, followed by one of its attributes, names a thing.
	if (RUN_NOUNS.has(stem) && next !== undefined && ATTRIBUTES.has(next)) return undefined;
	const after = list.slice(i + 1, i + 6);
	// Asking the user through the client (an elicitation) changes nothing outside the conversation (decided).
	const asked = after.slice(0, 3).find((w) => CLIENT_REQUESTS.has(w));
	if (asked && category !== 'read') return { category: 'read', match: `${word} … ${asked}` };
	// Requesting nodes, data or details of something asks for them to be returned (DevTools "request child nodes"); requesting
	// a review, access, reviewers or a deletion asks someone to act (write).
	if (stem === 'request') {
		const data = after.slice(0, 3).find((w) => REQUESTED_DATA.has(w));
		if (data) return { category: 'read', match: `${word} … ${data}` };
	}
	// Resolving a discussion changes its state; resolving a name or address only reads.
	if (stem === 'resolve') {
		const discussion = after.slice(0, 4).find((w) => DISCUSSIONS.has(w));
		if (discussion) return { category: 'write', match: `${word} … ${discussion}` };
	}
	if (stem === 'call') {
		const callable = after.slice(0, 4).find((w) => CALLABLE.has(w));
		if (!callable && ((prev !== undefined && CALL_NOUN_BEFORE.has(prev)) || (next !== undefined && CALL_INSTRUCTION_AFTER.has(next))))
			return undefined; // "in one call", "call this tool first": not what the tool does.
	}
	if (stem === 'apply') {
		const work = after.slice(0, 5).find((w) => APPLIED_WORK.has(w));
		const edit = after.slice(0, 5).find((w) => APPLIED_EDITS.has(w));
		if (edit && !work) return { category: 'write', match: `${word} … ${edit}` };
	}
	if (stem === 'build') {
		const window = after.slice(0, 5);
		const content = window.find((w) => BUILT_CONTENT.has(w));
		if (content) return { category: 'write', match: `${word} … ${content}` };
		const view = window.find((w) => BUILT_VIEWS.has(w));
		if (view) return { category: 'read', match: `${word} … ${view}` };
	}
	// Creating or merging a geometry (a buffer polygon, a union of polygons) computes a shape and hands it back.
	if (stem === 'create' || stem === 'merge') {
		const shape = after.slice(0, 4).find((w) => GEOMETRY.has(w));
		if (shape) return { category: 'read', match: `${word} … ${shape}` };
	}
	if (stem === 'finalize' || stem === 'finalise') {
		if (![prev, ...after].some((w) => w !== undefined && BILLED.has(w))) return { category: 'write', match: word };
	}
	if (stem === 'snapshot') {
		const imaged = [prev, ...after.slice(0, 4)].find((w) => w !== undefined && IMAGED.has(w));
		if (imaged) return { category: 'write', match: `${word} … ${imaged}` };
	}
	// Ranking or watching work items changes their order or subscribes the caller; ranking search results only reads.
	if ((stem === 'rank' || stem === 'watch') && after.slice(0, 3).some((w) => CLAIMED.has(w)))
		return { category: 'write', match: `${word} … ${after.slice(0, 3).find((w) => CLAIMED.has(w))}` };
	// A test delivery to a webhook sends it; testing on a simulator or device runs the test suite.
	if (stem === 'test') {
		const sent = after.slice(0, 3).find((w) => SENT.has(w));
		if (sent) return { category: 'write', match: `${word} … ${sent}` };
		const device = after.slice(0, 4).find((w) => TEST_TARGETS.has(w));
		if (device) return { category: 'execute', match: `${word} … ${device}`, startsWork: true };
	}
	// Converting a stored record into another kind (an issue into a subtask, a backup into a snapshot) changes it; converting
	// a format or a unit only computes.
	if (stem === 'convert') {
		const record = after.slice(0, 3).find((w) => CONVERTED_RECORDS.has(w));
		if (record) return { category: 'write', match: `${word} … ${record}` };
	}
	// Expanding or splitting a task into subtasks creates the subtasks (records); expanding a macro or a URL only computes.
	if (stem === 'expand' || stem === 'split') {
		const into = after.indexOf('into');
		const record = into >= 0 ? after.slice(into + 1, into + 3).find((w) => CONVERTED_RECORDS.has(w)) : undefined;
		if (record) return { category: 'write', match: `${word} … into ${record}` };
	}
	if (stem === 'fetch' && (prev === 'git' || after.slice(0, 5).some((w) => REMOTES.has(w))))
		return { category: 'write', match: `${word} … remote` };
	if (STARTERS.has(stem) && next !== undefined) {
		const begun = categoryOfVerb(next) ?? (EXECUTION_NOUNS.has(next) ? 'execute' : undefined);
		if (begun === 'read' && ONGOING.has(list[i + 2] ?? '')) return { category: 'write', match: `${word} … ${list[i + 2]}` };
		if (begun && !WORK.has(next)) return { category: begun, match: `${word} ${next}` };
	}
	if (WORK_STARTERS.has(stem)) {
		const work =
			after.find((w) => (WORK.has(w) && w !== stem && w !== `${stem}s`) || (w === 'run' && after.includes('task'))) ??
			(prev !== undefined && WORK.has(prev) ? prev : undefined);
		if (work) return { category: 'execute', match: `${word} … ${work}`, startsWork: true };
		const evaluated = (stem === 'run' || stem === 'execute' || stem === 'exec' || stem === 'eval') && after.find((w) => EVALUATED.has(w));
		if (evaluated) return { category: 'read', match: `${word} … ${evaluated}` };
		const app = stem === 'launch' && after.find((w) => APPS.has(w));
		if (app) return { category: 'write', match: `${word} … ${app}` };
	}
	if (stem === 'create' || stem === 'schedule' || stem === 'update') {
		// "update your agent identity": a scheduled word followed by what it qualifies names a setting, not the automation.
		const scheduled =
			after.find((w, k) => SCHEDULED.has(w) && !QUALIFIED.has(after[k + 1] ?? '')) ??
			(prev !== undefined && SCHEDULED.has(prev) ? prev : undefined);
		if (scheduled) return { category: 'execute', match: `${word} … ${scheduled}` };
	} // Rotating or regenerating a credential invalidates the old one (guide, destructive: `key_rotate`).
	if (stem === 'rotate' || stem === 'regenerate' || stem === 'reset') {
		const secret = [prev, ...list.slice(i + 1)].find((w) => w !== undefined && CREDENTIALS.has(w));
		if (secret) return { category: 'destructive', match: `${word} … ${secret}` };
	}
	// Rebuilding a machine replaces its disk with an image (guide, destructive: `vm_rebuild`).
	if (stem === 'rebuild') {
		const machine = [prev, ...after].find((w) => w !== undefined && MACHINES.has(w));
		if (machine) return { category: 'destructive', match: `${word} … ${machine}` };
	} // A formatter that returns reformatted text reads; formatting a range or a document writes (guide, write: `range_format`).
	if (stem === 'format') {
		const text = after.slice(0, 3).find((w) => FORMATTED_TEXT.has(w));
		if (text) return { category: 'read', match: `${word} … ${text}` };
	}
	// "checkout" of a branch is version control, not a purchase.
	if (stem === 'checkout' && [prev, ...after].some((w) => w !== undefined && (VERSION_CONTROL.has(w) || CLAIMED.has(w))))
		return { category: 'write', match: word };
	if (stem === 'generate' || stem === 'draw') {
		if (after.some((w) => ISSUED.has(w))) return { category: 'write', match: word };
	}
	const rendered = rendersArtifact(stem, list.slice(i + 1));
	if (rendered) return { category: 'read', match: `${word} … ${rendered}` };
	return { category, match: word };
}
