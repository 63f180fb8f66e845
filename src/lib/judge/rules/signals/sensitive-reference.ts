import type { SignalRule } from '../../types.ts';
import { phraseEvidence } from './_texts.ts';

/**
 * Places where secrets live, named in text the model reads: SSH keys, cloud and package-registry
 * credentials, `.env` files, MCP client configurations (which hold every other server's keys), system
 * account files, browser cookie and password stores, keychains, wallets and shell history.
 *
 * A definition has no reason to point the model at these unless the tool itself manages them; when it
 * does, the reference still fires (the page shows it, and a person decides). Templates such as
 * `.env.example` are not secrets, and `process.env` is code, not a file, so neither fires. Words that
 * merely mention a kind of secret ("API key", "token", "environment variables") do not fire either:
 * they are everyday parameter documentation; the credentials signal covers secret-carrying parameters.
 */
const PATTERNS: readonly RegExp[] = [
	// SSH: the folder, private key files, authorised keys.
	/(?<![\w-])(~|\$HOME|%USERPROFILE%|\$\{HOME\})?[\\/]?\.ssh\b([\\/][\w.-]{0,64})?/i,
	/\bid_(rsa|dsa|ecdsa|ed25519)(_sk)?\b(\.pub)?/i,
	/\bauthorized_keys\b/i,
	// Cloud, cluster, container and package-registry credentials.
	/\.aws[\\/](credentials|config)\b|\baws[ _-]shared[ _-]credentials[ _-]file\b/i,
	/\.(azure|kube|docker|gnupg|password-store)[\\/][\w.\\/-]{0,64}|\bgcloud[\\/][\w.\\/-]{0,64}|\bapplication_default_credentials\.json\b/i,
	/(?<![\w.-])(~[\\/])?\.(npmrc|pypirc|netrc|pgpass|git-credentials|vault-token|yarnrc|my\.cnf)\b/i,
	/\.config[\\/](gh|hub|gcloud|op)[\\/][\w.-]{0,64}/i,
	// Environment files (not templates, not `process.env`).
	/(?<![\w.$-])\.env(\.(local|development|dev|production|prod|staging|test))?(?![\w-]|\.(example|sample|template|dist|defaults?|schema|tpl)\b)/i,
	/\/proc\/(self|\d+)\/environ\b/i,
	// Windows credential stores (DPAPI blobs, vaults).
	/\\Microsoft\\(Credentials|Protect|Vault)\b/i,
	// MCP client configurations.
	/\b(mcp|mcp_config|claude_desktop_config|cline_mcp_settings)\.json\b|\.cursor[\\/][\w.-]{0,64}|\.codeium[\\/]windsurf\b/i,
	// System account files.
	/\/etc\/(passwd|shadow|sudoers|gshadow|master\.passwd)\b/i,
	// Browser cookie and password stores.
	/\bcookies\.sqlite\b|\bLogin Data\b|\bkey[34]\.db\b|\blogins\.json\b|\b(Chrome|Chromium|Brave|Edge|Firefox|Opera|Vivaldi)\b[^.\n]{0,40}?\bCookies\b/,
	/\b(browser'?s?|chrome|firefox|safari|edge)\s+(cookie\s+(store|jar|database|db|file)|(cookies|saved\s+passwords)\s+(database|db|file|store))\b|\b(saved|stored)\s+browser\s+(passwords|cookies)\b/i,
	// Keychains and credential managers: the files, the dumping commands, and orders to read them.
	/\b(login|system)\.keychain(-db)?\b|\bLibrary[\\/]Keychains\b|\bsecurity\s+(find|dump)-(generic-password|internet-password|keychain)\b/i,
	/\b(read|dump|export|access|open|extract|copy|search)\s+(the\s+)?(user'?s\s+)?(macos\s+|os\s+|system\s+|login\s+|gnome\s+)?(keychain|keyring|kwallet|credential\s+manager)\b/i,
	// Wallets and shell history.
	/\bwallet\.dat\b|\.(ethereum|electrum|bitcoin)[\\/][\w.\\/-]{0,64}|\bsolana[\\/]id\.json\b/i,
	/(?<![\w-])\.(bash|zsh|sh|python|psql|mysql|node_repl)_history\b/i,
];

/**
 * Names match only what a parameter called `content_from_reading_ssh_id_rsa` spells: key files and
 * account files. Names like `ssh_key` or `aws_credentials` are ordinary credential parameters.
 */
const IDENTIFIER_PATTERNS: readonly RegExp[] = [
	/\bid (rsa|dsa|ecdsa|ed25519)\b/i,
	/\betc (passwd|shadow)\b/i,
	/\bmcp json\b|\bclaude desktop config\b/i,
];

/** Secret files and stores named anywhere the model reads. */
export const sensitiveReference: SignalRule = {
	id: 'signal/sensitive-reference',
	signal: 'sensitive-reference',
	detect(ctx) {
		return phraseEvidence(ctx, this.id, PATTERNS, IDENTIFIER_PATTERNS);
	},
};
