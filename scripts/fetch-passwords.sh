#!/usr/bin/env bash
# fetch-passwords.sh — vendor the list of common and breached passwords that
# new passwords are checked against (internal/domain/password.go).
#
# The list is the `passwords` dictionary of zxcvbn-ts (@zxcvbn-ts/language-common,
# version pinned below, MIT licence): every password used more than ten times in
# the ten million username and password pairs Mark Burnett (xato.net) published in
# 2015, lower-cased, most used first, less those zxcvbn's own patterns (keyboard
# runs, sequences, repeats, dates) already guess sooner. It is downloaded from the
# npm registry with `npm pack`, written one password a line to
# internal/domain/passwords/common.txt with its licence beside it, and committed,
# so the build needs no network. Run this only to refresh it or move to a new version.
#
# Needs node and npm.
set -euo pipefail

VERSION=4.1.3

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest=internal/domain/passwords

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "fetch-passwords: node and npm are needed (Debian: apt-get install npm)" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "fetch-passwords: npm pack @zxcvbn-ts/language-common@$VERSION"
tarball="$(cd "$tmp" && npm pack --silent "@zxcvbn-ts/language-common@$VERSION")"
tar -xzf "$tmp/$tarball" -C "$tmp"

mkdir -p "$dest"
node -e '
const list = require(process.argv[1]);
if (!Array.isArray(list) || list.length < 10000) { console.error("fetch-passwords: fewer than 10,000 passwords"); process.exit(1); }
process.stdout.write(list.join("\n") + "\n");
' "$tmp/package/src/passwords.json" >"$dest/common.txt"
cp "$tmp/package/LICENSE.txt" "$dest/LICENSE"
echo "fetch-passwords: wrote $dest/common.txt ($(wc -l <"$dest/common.txt") passwords) and $dest/LICENSE"
sha256sum "$dest/common.txt"
