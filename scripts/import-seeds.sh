#!/usr/bin/env bash
# Re-imports the five seed servers from ../shared/seed-servers (research files reconstructed from the
# servers' public sources; see each file's notes, which are kept in provenance.notes).
# Usage: bash scripts/import-seeds.sh [path/to/seed-servers] [obtained-at date]
set -euo pipefail
case "${1:-}" in
	-h | --help) echo 'usage: bash scripts/import-seeds.sh [path/to/seed-servers] [obtained-at date]   re-imports the five seed servers'; exit 0 ;;
	-*) printf 'import-seeds.sh: unknown option %s\nRun with --help for usage.\n' "$1" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
seeds="${1:-../shared/seed-servers}"
date="${2:-2026-11-22}"
notes() { node -e 'const d=require(process.argv[1]); process.stdout.write(d.notes ?? "")' "$(realpath "$seeds/$1.json")"; }
run() { node scripts/with-node.mjs node scripts/import.ts "$@" --obtained-at "$date"; }

run "$seeds/agentmail.json" --slug agentmail --name Agentmail --npm agentmail-mcp@0.2.2 \
	--schema-status reconstructed --repository https://github.com/agentmail-to/agentmail-mcp \
	--source-title "agentmail-mcp src/index.ts at 2e1279b (npm agentmail-mcp 0.2.2)" --source-url https://github.com/agentmail-to/agentmail-mcp \
	--source-title "agentmail-toolkit node/src/schemas.ts and tools.ts at 90b49620 (npm agentmail-toolkit 0.2.7)" --source-url https://github.com/agentmail-to/agentmail-toolkit \
	--claimed 11 --claim-source "policylayer.com/tools/agentmail" --notes "$(notes agentmail)"

run "$seeds/agentwork.json" --slug agentwork --name Agentwork --pypi agentwork-mcp@0.1.3 --partial \
	--source-title "Glama connector page (descriptions and parameter tables)" --source-url https://glama.ai/mcp/connectors/io.github.ferm-ai/agentwork-mcp \
	--source-title "PolicyLayer tool page for agentwork_send_message" --source-url https://policylayer.com/tools/io-github-ferm-ai-agentwork-mcp/agentwork-send-message \
	--source-title "PyPI agentwork-mcp 0.1.3" --source-url https://pypi.org/project/agentwork-mcp/0.1.3/ \
	--claimed 9 --claim-source "PolicyLayer and Glama list 9 tools" --notes "$(notes agentwork)"

run "$seeds/automagik-tools.json" --slug automagik-tools --name "Automagik Tools" --pypi automagik-tools@0.9.7 \
	--schema-status reconstructed --output-schema-status reconstructed --repository https://github.com/namastexlabs/automagik-tools \
	--source-title "namastexlabs/automagik-tools at tag v0.9.7 (10de18b9)" --source-url https://github.com/namastexlabs/automagik-tools/tree/v0.9.7 \
	--claimed 122 --claim-source "policylayer.com (122 tools)" --notes "$(notes automagik-tools)"

run "$seeds/notify-mcp-server.json" --slug notify-mcp-server --name "Notify MCP Server" --pypi mcp-notify@0.1.11 --oci ghcr.io/aahl/mcp-notify:latest \
	--schema-status reconstructed --repository https://github.com/aahl/mcp-notify \
	--source-title "aahl/mcp-notify mcp_notify/*.py at 669dcc53" --source-url https://github.com/aahl/mcp-notify \
	--claimed 21 --claim-source "policylayer.com (21 tools)" --notes "$(notes notify-mcp-server)"

run "$seeds/wingman-gateway.json" --slug wingman-gateway --name Gateway --remote https://agent.wingmanprotocol.com/mcp --remote-sse https://agent.wingmanprotocol.com/mcp/sse \
	--partial --repository https://github.com/WingmanProtocol-Agent-Gateway/wingman-agent-gateway \
	--source-title "PolicyLayer tool page for send_message" --source-url https://policylayer.com/tools/com-wingmanprotocol-agent-gateway/send-message \
	--source-title "PolicyLayer tool page for check_inbox" --source-url https://policylayer.com/tools/com-wingmanprotocol-agent-gateway/check-inbox \
	--source-title "PolicyLayer tool page for confirm_delivery" --source-url https://policylayer.com/tools/com-wingmanprotocol-agent-gateway/confirm-delivery \
	--source-title "wingman-agent-gateway README and server.json at a3a6b923" --source-url https://github.com/WingmanProtocol-Agent-Gateway/wingman-agent-gateway \
	--claimed 42 --claim-source "policylayer.com (42 tools)" --notes "$(notes wingman-gateway)"
