/**
 * The stack checker page (/check/): shows the form (hidden without JavaScript, so the text can never
 * be submitted anywhere), fills in the example, and on the first Check loads the checker itself
 * (`stack-report.ts`), so the page stays light until it is used. The pasted text never leaves the page.
 */
export {};

const form = document.getElementById('stack-form') as HTMLFormElement | null;
const input = document.getElementById('stack-config') as HTMLTextAreaElement | null;
const status = document.getElementById('stack-status');
const results = document.getElementById('stack-results');
const example = document.getElementById('stack-example');

const EXAMPLE = `{
  // Claude Desktop: claude_desktop_config.json
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Documents"]
    },
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "<your token>" }
    },
    "brave-search": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-brave-search"],
      "env": { "BRAVE_API_KEY": "<your key>" }
    },
    "slack": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-slack@2025.1.17"],
      "env": { "SLACK_BOT_TOKEN": "<your token>", "SLACK_TEAM_ID": "T01234567" }
    },
    "notes": {
      "command": "npx",
      "args": ["-y", "some-unknown-mcp"]
    },
  }
}
`;

if (form && input && status && results) {
	form.hidden = false;
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		status.textContent = 'Checking…';
		import('./StackReport.client.ts')
			.then((m) => m.check(input.value, status, results, (document.getElementById('stack-folder') as HTMLInputElement | null)?.value ?? ''))
			.catch((error: unknown) => {
				status.textContent = `The checker could not start: ${(error as Error).message}.`;
			});
	});
	input.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
			event.preventDefault();
			form.requestSubmit();
		}
	});
	example?.addEventListener('click', () => {
		input.value = EXAMPLE;
		input.focus();
		status.textContent = 'Example loaded: press Check.';
	});
}
