#!/usr/bin/env bash
# install-deps.sh — install the system packages the tests need (Debian, as root).
#
#   postgresql               only if no PostgreSQL server binaries are installed and
#                            DATABASE_URL is not set (scripts/pg-env.sh then starts a
#                            private cluster from them)
#   chromium, fonts-liberation
#                            for the browser tests, if `chromium` is not on PATH
#                            (fonts-liberation also if only it is missing)
#   poppler-utils            pdftotext and pdftoppm, for the tests that read the
#                            report's PDF, if `pdftotext` is not on PATH
#   gcc, libc6-dev           for `go test -race`, which needs cgo
#   git                      for the generated-files check
#
# Go itself is not installed here: Debian's golang-go is too old to read go.mod.
# Without Go 1.21 or later (which fetches the go1.26.11 toolchain go.mod names
# from the Go module proxy) it stops and says where to get Go.
#
# Idempotent: when everything is present it only says so. When not root (or not on
# Debian) it prints what to install and exits 0: the browser tests report a missing
# chromium themselves and scripts/pg-env.sh explains how to get a database.
set -euo pipefail

log() { printf 'install-deps: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

have_pg_binaries() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
			return 0
		fi
	done
	have initdb && have pg_ctl
}

# Go 1.21 or later switches itself to the toolchain go.mod asks for.
if ! have go; then
	log "Go is not installed: install Go 1.21 or later from https://go.dev/dl/ (it then fetches go1.26.11 itself)"
	exit 1
fi
go_minor=$(go env GOVERSION 2>/dev/null | sed -nE 's/^go1\.([0-9]+).*/\1/p')
if [ -z "$go_minor" ] || [ "$go_minor" -lt 21 ]; then
	log "Go $(go env GOVERSION 2>/dev/null || echo '(unknown)') is too old: install Go 1.21 or later from https://go.dev/dl/"
	exit 1
fi

missing=()
if ! have gcc; then
	missing+=(gcc libc6-dev)
fi
if ! have git; then
	missing+=(git)
fi
if [ -z "${DATABASE_URL:-}" ] && ! have_pg_binaries; then
	missing+=(postgresql)
fi
if ! have pdftotext; then
	missing+=(poppler-utils)
fi
if ! have chromium; then
	missing+=(chromium fonts-liberation)
elif have dpkg-query && ! dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q 'ok installed'; then
	missing+=(fonts-liberation)
fi

if [ ${#missing[@]} -eq 0 ]; then
	log "all system dependencies present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
	log "missing system packages: ${missing[*]}"
	if have apt-get; then
		log "install them with: sudo apt-get install -y ${missing[*]}"
	else
		log "install them with your package manager (PostgreSQL 15+, Chromium, Liberation fonts)"
	fi
	log "(without chromium the browser tests report it; for the database see scripts/pg-env.sh)"
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log "installing with apt-get: ${missing[*]}"
apt-get update -q
apt-get install -y -q "${missing[@]}"
log "installed: ${missing[*]}"
