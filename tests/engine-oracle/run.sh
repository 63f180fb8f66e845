#!/bin/sh
# Records the Intercept engine's own decisions for tests/fixtures/engine-oracle/cases.json.
#
#   tests/engine-oracle/run.sh <git dir or clone of github.com/policylayer/intercept>
#
# Builds a throw-away module (in a temporary folder, never in this repository) from the engine's
# files at the pinned commit plus the three files here, and writes decisions.json next to cases.json.
# Needs Go >= 1.19 and gopkg.in/yaml.v3: from the module proxy, or set YAML_V3_DIR to a local copy
# (Debian: apt-get install golang-go golang-gopkg-yaml.v3-dev; YAML_V3_DIR=/usr/share/gocode/src/gopkg.in/yaml.v3).
set -eu
COMMIT=77f042909607bfca53837d6d5921c5a40c2c1dc6
SRC=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
GITDIR=$SRC; [ -d "$SRC/.git" ] && GITDIR="$SRC/.git"
for f in internal/engine/engine.go internal/engine/operators.go internal/engine/resolve.go internal/conv/conv.go \
	internal/config/config.go internal/config/validate.go internal/proxy/handler.go internal/proxy/response.go \
	internal/proxy/filter.go internal/transport/transport.go internal/events/events.go internal/state/store.go; do
	mkdir -p "$WORK/$(dirname "$f")"
	git --git-dir="$GITDIR" show "$COMMIT:$f" > "$WORK/$f"
done
# log/slog needs Go 1.21; logging does not affect decisions, so it is replaced by a no-op package.
sed -i 's#"log/slog"#slog "github.com/policylayer/intercept/internal/slogstub"#' "$WORK/internal/events/events.go" "$WORK/internal/proxy/handler.go"
mkdir -p "$WORK/internal/slogstub" "$WORK/cmd/oracle"
cp "$HERE/slogstub.go" "$WORK/internal/slogstub/slog.go"
cp "$HERE/memstore.go" "$WORK/internal/state/memstore.go"
cp "$HERE/oracle.go" "$WORK/cmd/oracle/main.go"
printf 'module github.com/policylayer/intercept\n\ngo 1.19\n\nrequire gopkg.in/yaml.v3 v3.0.1\n' > "$WORK/go.mod"
if [ -n "${YAML_V3_DIR:-}" ]; then printf 'replace gopkg.in/yaml.v3 => %s\n' "$YAML_V3_DIR" >> "$WORK/go.mod"; fi
(cd "$WORK" && GOFLAGS=-mod=mod go build -o oracle ./cmd/oracle)
"$WORK/oracle" < "$ROOT/tests/fixtures/engine-oracle/cases.json" > "$ROOT/tests/fixtures/engine-oracle/decisions.json"
echo "wrote tests/fixtures/engine-oracle/decisions.json"
