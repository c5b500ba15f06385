#!/usr/bin/env bash
# Build Safeboard's front-end assets from web/src (govuk-frontend + Sass) into
# web/static (committed output). Safe to run repeatedly, from any directory.
#
#   web/static/css/safeboard.css          compiled, compressed, no source map
#   web/static/js/govuk-frontend.min.js   GOV.UK Frontend ES module bundle
#   web/static/js/init.js                 sets body classes, calls initAll()
#   web/static/assets/                    images + manifest.json (no fonts)
#
# Needs node + npm; only the npm registry is contacted (npm ci).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/web/src"
OUT="$ROOT/web/static"
GOVUK="$SRC/node_modules/govuk-frontend/dist/govuk"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-assets: $tool not found" >&2; exit 1; }
done

echo "==> npm ci ($SRC)"
# Neither govuk-frontend nor sass needs install scripts.
(cd "$SRC" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

mkdir -p "$OUT/css" "$OUT/js"

echo "==> sass -> $OUT/css/safeboard.css"
"$SRC/node_modules/.bin/sass" \
  --pkg-importer=node \
  --style=compressed \
  --no-source-map \
  "$SRC/safeboard.scss" "$OUT/css/safeboard.css"

echo "==> js -> $OUT/js/"
# The bundle is self-contained (no imports). Drop the trailing source map
# comment, as the .map file is not shipped.
sed -e 's|//# sourceMappingURL=[^ ]*$||' \
  "$GOVUK/govuk-frontend.min.js" >"$OUT/js/govuk-frontend.min.js"

# Loaded with <script type="module" src="/static/js/init.js">. CSP forbids the
# inline script in GOV.UK's page template, so set the body classes here: only
# browsers that run ES modules get them, matching the template's
# 'noModule' in HTMLScriptElement.prototype check.
cat >"$OUT/js/init.js" <<'EOF'
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
EOF

echo "==> assets -> $OUT/assets/ (only what the CSS references; no fonts, no crown icons)"
# The favicon, app icons and manifest of govuk-frontend carry the GOV.UK crown,
# which is reserved for GOV.UK: Safeboard ships its own icon (web/static/safeboard-icon.svg).
rm -rf "$OUT/assets"
mkdir -p "$OUT/assets/images"
cp "$GOVUK/assets/images/govuk-crest.svg" "$OUT/assets/images/govuk-crest.svg"

echo "==> checks"
css="$OUT/css/safeboard.css"
if grep -qiE 'GDS Transport|\.woff' "$css"; then
  echo "build-assets: CSS references GDS Transport fonts" >&2
  exit 1
fi
# Every url(/static/...) in the CSS must exist under web/static.
missing=0
while IFS= read -r url; do
  case "$url" in
    /static/*) [[ -f "$OUT/${url#/static/}" ]] || { echo "build-assets: missing $url" >&2; missing=1; } ;;
    data:*) ;;
    *) echo "build-assets: unexpected url($url)" >&2; missing=1 ;;
  esac
done < <(grep -oE 'url\([^)]*\)' "$css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u)
[[ $missing -eq 0 ]] || exit 1

echo "==> done: $(wc -c <"$css") bytes CSS"
