#!/usr/bin/env bash
# fetch-axe.sh — vendor axe-core for the browser tests' accessibility audit.
#
# Downloads axe-core (version pinned below) from the npm registry with `npm pack`,
# checks the version inside the file, and copies axe.min.js and its LICENSE into
# internal/e2e/testdata/. The copies are committed, so the tests need no network;
# run this script only to refresh them or to move to a new version (change
# AXE_VERSION here and in internal/e2e/axe.go).
#
# Needs node and npm.
set -euo pipefail

AXE_VERSION=4.14.1

cd "$(dirname "${BASH_SOURCE[0]}")/.."
dest=internal/e2e/testdata

if ! command -v npm >/dev/null 2>&1; then
	echo "fetch-axe: npm is not installed (Debian: apt-get install npm)" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "fetch-axe: npm pack axe-core@$AXE_VERSION"
tarball="$(cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION")"
tar -xzf "$tmp/$tarball" -C "$tmp"

pkg_version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$tmp/package/package.json" | head -n 1)"
if [ "$pkg_version" != "$AXE_VERSION" ]; then
	echo "fetch-axe: package.json says version '$pkg_version', want $AXE_VERSION" >&2
	exit 1
fi
# The minified file opens with a banner such as "/*! axe v4.14.1".
if ! head -c 200 "$tmp/package/axe.min.js" | grep -q "axe v$AXE_VERSION\b"; then
	echo "fetch-axe: axe.min.js does not carry the banner 'axe v$AXE_VERSION'" >&2
	exit 1
fi

mkdir -p "$dest"
cp "$tmp/package/axe.min.js" "$dest/axe.min.js"
cp "$tmp/package/LICENSE" "$dest/axe-core.LICENSE"
echo "fetch-axe: wrote $dest/axe.min.js ($(wc -c <"$dest/axe.min.js") bytes) and $dest/axe-core.LICENSE"
sha256sum "$dest/axe.min.js"
