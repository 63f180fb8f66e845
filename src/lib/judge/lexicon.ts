/**
 * Verbs that decide a tool's category, by the category they imply. A word appears in one list only.
 * Kept as data so reviewers can read the whole vocabulary in one place.
 */
import type { Category } from '../taxonomy.ts';

const words = (s: string) => new Set(s.trim().split(/\s+/));

export const VERBS: Record<Category, ReadonlySet<string>> = {
	read: words(`
		get list read search find fetch query describe show view check inspect lookup look count download
		retrieve browse scan monitor watch wait sleep resolve analyze analyse validate verify preview status
		info whoami ping echo think reason plan calculate compute convert parse summarize summarise decompile
		disassemble paginate expand deobfuscate ask learn correlate diagnose debug research answer evaluate suggest simplify
		collect
		translate explain compare diff estimate screenshot snapshot capture crawl scrape extract recognize
		detect classify identify lint audit test is has can peek poll stat stats tail head grep match sample
		export access enumerate discover return measure rank rerank aggregate see score investigate propose render observe`),
	write: words(`
		create add update set edit modify write send post put patch upload insert save publish reply respond
		comment move rename copy merge fork push commit register approve reject submit assign unassign star
		unstar follow unfollow invite schedule reschedule enable disable toggle mark label tag untag store
		record confirm cancel close reopen lock unlock import sync restore notify share forward upsert append
		attach detach link subscribe unsubscribe like unlike react vote review configure connect disconnect
		login logout authenticate navigate click type fill select hover press scroll drag open start format dismiss
		resize tap swipe
		stop pause resume restart generate draw draft accept decline archive unarchive pin unpin mute unmute grant
		increment decrement claim book reserve request trigger dispatch emit broadcast announce
		make new init initialize prepend replace rewrite transfer activate deactivate continue end rotate regenerate
		rebuild change uncheck rerun retry boot reboot complete fix begin refresh emulate persist exchange`),
	execute: words(`
		run exec execute eval shell bash cmd spawn invoke launch compile build deploy install
		interpret provision migrate apply call rollback rescan`),
	destructive: words(`
		delete remove rm rmdir drop destroy purge wipe erase truncate unlink kill terminate uninstall revoke
		reset clear flush overwrite shred nuke deprovision teardown evict expunge discard ban cleanup clean`),
	financial: words(`
		pay charge refund purchase buy sell checkout payout withdraw deposit tip donate trade bet wager stake
		bid renew finalize finalise`),
};

/** Nouns that make a write-like verb a money movement (`send_payment`, `create_invoice`). */
export const MONEY_NOUNS = words(`
	payment payments money funds invoice invoices payout payouts refund refunds crypto usdc usdt btc eth sol
	wire remittance transaction transactions subscription order orders cart renewal renewals journal journals`);

/** Words after a money noun that make it a setting or a read, not money moving (`set_default_payment_method`). */
export const MONEY_SETTING_NOUNS = words(`method methods provider providers link links gateway gateways settings setting
	status history summary`);

/** Verbs that send something out of the system (for the recipient signal). */
export const OUTBOUND_VERBS = words(`
	send post reply forward notify email mail message sms text tweet dm invite share publish broadcast
	announce chat call dispatch emit`);

/**
 * What `generate` (or `draw`) makes when it makes something to look at rather than a record: a chart,
 * a diagram, a map, a report. Producing those computes a result and changes nothing, so the tool
 * reads; `generate_api_key`, `generate_invoice` or `generate_image` (a paid model call) still write.
 */
export const RENDERED_NOUNS = words(`
	chart charts diagram diagrams graph graphs plot plots map maps visualization visualisation
	report summary preview mermaid svg spreadsheet table tables template templates plan plans
	prd roadmap roadmaps overview landscape manifest setup code snippet commands command tests test suggestions suggestion
	description outline audio speech text url urls link links types json dql`);
export const RENDER_VERBS = words(`generate draw`);
/** Links and URLs that grant access when made (a share, public, invite, payment or upload link): not only returned text. */
const LINK_NOUNS = words(`url urls link links`);
const GRANTING = words(`share sharing shared public invite invitation payment upload signed presigned access magic`);

/** The read vote for `generate <...> chart`: whether one of the next few words is a rendered noun. */
export function rendersArtifact(verb: string, following: readonly string[]): string | undefined {
	if (!RENDER_VERBS.has(verb)) return undefined;
	const window = following.slice(0, 5);
	const at = window.findIndex((w) => RENDERED_NOUNS.has(w));
	if (at < 0) return undefined;
	const noun = window[at] as string;
	if (LINK_NOUNS.has(noun) && window.slice(0, at).some((w) => GRANTING.has(w))) return undefined;
	return noun;
}

/** The category a single word implies, if any. */
export function categoryOfVerb(word: string): Category | undefined {
	for (const [category, set] of Object.entries(VERBS) as [Category, ReadonlySet<string>][]) {
		if (set.has(word)) return category;
	}
	return undefined;
}

/**
 * Chinese and Japanese words by the category they imply (docs/labelling-guide.md, appendix). CJK text has no
 * spaces, so these are matched as substrings; the earliest match in the opening sentence decides, like the
 * first English verb. Longer words are listed before words they contain.
 */
export const CJK_VERBS: Record<Category, readonly string[]> = {
	read: [
		'查询',
		'获取',
		'读取',
		'列出',
		'查看',
		'搜索',
		'检索',
		'检查',
		'解析',
		'计算',
		'推荐',
		'规划',
		'定位',
		'转换',
		'测量',
		'识别',
		'取得',
		'一覧',
		'検索',
		'表示',
		'参照',
		'確認',
		'抽出',
		'返します',
	],
	write: [
		'创建',
		'新建',
		'更新',
		'修改',
		'编辑',
		'设置',
		'添加',
		'上传',
		'保存',
		'发送',
		'推送',
		'发布',
		'绑定',
		'移动',
		'重命名',
		'归档',
		'下载',
		'作成',
		'変更',
		'編集',
		'設定',
		'追加',
		'保存',
		'送信',
		'投稿',
		'アップロード',
		'移動',
	],
	execute: ['执行', '运行', '部署', '触发', '启动', '安装', '构建', '実行', '起動', '開始', 'デプロイ', 'インストール', 'ビルド'],
	destructive: ['删除', '销毁', '移除', '清空', '重置', '吊销', '撤销', '削除', '破棄', '初期化', 'リセット', '失効'],
	financial: [
		'支付',
		'付款',
		'扣费',
		'收费',
		'退款',
		'购买',
		'下单',
		'续费',
		'充值',
		'转账',
		'支払い',
		'決済',
		'返金',
		'購入',
		'注文',
		'送金',
		'課金',
	],
};

/**
 * French verbs by the category they imply (docs/labelling-guide.md, appendix), written without accents (matching
 * folds them: "Récupère" -> "recupere"), in the forms descriptions use: third person ("Récupère"), infinitive
 * ("Récupérer") and imperative. Consulted only for a description detected as French (src/lib/text/languages.ts),
 * so "change" or "compare" in an English sentence keep their English reading.
 */
export const FRENCH_VERBS: Record<Category, ReadonlySet<string>> = {
	read: words(`
		recupere recuperer recuperez liste lister listez recherche rechercher recherchez cherche chercher trouve trouver
		identifie identifier affiche afficher obtient obtenir obtenez retourne retourner renvoie renvoyer consulte consulter
		lit lire calcule calculer verifie verifier analyse analyser compare comparer extrait extraire telecharge telecharger
		produit produire estimer decrit decrire donne donner fournit fournir propose compile compiler
		proposer explique expliquer`),
	write: words(`
		cree creer creez ajoute ajouter ajoutez modifie modifier modifiez met mettre enregistre enregistrer envoie envoyer
		envoyez publie publier deplace deplacer renomme renommer assigne assigner associe associer importe importer change
		changer soumet soumettre annule annuler ferme fermer ouvre ouvrir activer desactive desactiver copie copier
		duplique dupliquer remplace remplacer partage partager invite inviter planifie planifier saisit saisir`),
	execute: words(`
		execute executer lance lancer declenche declencher deploie deployer installe installer demarre demarrer`),
	destructive: words(`
		supprime supprimer supprimez efface effacer detruit detruire vider purge purger reinitialise reinitialiser
		revoque revoquer`),
	financial: words(`paie payer rembourse rembourser achete acheter vend vendre`),
};

/** Words of a Latin-script sentence, lower-cased and without accents ("Récupère" -> "recupere"). */
export function foldedWords(text: string): string[] {
	return (text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.match(/\p{L}+/gu) ?? []) as string[];
}

/** The category a French word implies, if any. */
export function categoryOfFrenchVerb(word: string): Category | undefined {
	for (const [category, set] of Object.entries(FRENCH_VERBS) as [Category, ReadonlySet<string>][]) if (set.has(word)) return category;
	return undefined;
}

/** Han or kana: a description (or sentence) written in Chinese or Japanese. */
export const CJK = /[\u3040-\u30ff\u3400-\u9fff]/gu;

/**
 * Explicit read-only markers (English, Chinese, Japanese): the tool says it changes nothing. They settle a
 * tool as read only when nothing stronger is documented (classify.ts, `category/read-only-marker`).
 */
export const READ_ONLY_MARKER =
	/\b(read[- ]?only|dry[- ]run|preview only|makes no changes|no changes (are|will be) made|does not (modify|change|write|alter)|doesn'?t (modify|change|write)|no side[- ]effects|non[- ]destructive|never (modifies|changes|writes)|without making (any )?changes)\b|只读|不产生任何变更|不会修改|不修改|预演|试运行|仅查询|无副作用|読み取り専用|変更しません|変更を加えません|ドライラン|プレビューのみ|副作用なし/i;

/**
 * Words before `code` that make it an identifier rather than source code (`country_code`, `promo_code`, `totp_code`):
 * one list for the program-input category rule and the command-input signal.
 */
/**
 * A `code` parameter whose own description names it an identifier ("Coupon code", "The verification code sent by SMS"):
 * the words before `code` are the lexicon's identifier words, so the name alone (`code`) does not make it a program.
 */
export function identifierCodeDescription(description: string | undefined): boolean {
	const m = /^\W*(?:(?:the|a|an|optional|filter by|by)[:,]?\s+)*((?:[\w-]+\s+){1,2})codes?\b/i.exec(description ?? '');
	if (!m) return false;
	return (m[1] as string)
		.trim()
		.toLowerCase()
		.split(/[\s-]+/)
		.some((w) => IDENTIFIER_CODE_WORDS.has(w) || IDENTIFIER_CODE_WORDS.has(w.replace(/s$/, '')));
}

export const IDENTIFIER_CODE_WORDS: ReadonlySet<string> = words(
	`access airport area auth authorization bar color colour confirmation country coupon currency device dial discount error event exit hs http invitation invite iso item lang language locale login mfa otp pairing phone post postal product promo qr referral region reset response security service short sku station status tax totp unit verification zip`,
);
