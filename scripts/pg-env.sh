#!/usr/bin/env bash
# pg-env.sh — find (or start) a PostgreSQL server and print a DATABASE_URL.
#
# Usage:
#   scripts/pg-env.sh              print a URL for a database the role can CREATE DATABASE from
#                                  (and CREATE ROLE: the tests make Safeboard's roles with it)
#   scripts/pg-env.sh --db NAME    same server, but create database NAME if missing and point at it
#   scripts/pg-env.sh --db NAME --role owner|app
#                                  create Safeboard's two roles if missing and database NAME
#                                  owned by safeboard_owner (scripts/db-roles.sql), and print
#                                  its URL as the schema owner (migrations) or as safeboard_app
#                                  (the server)
#   scripts/pg-env.sh --stop       stop the private cluster under .data/pg (if running)
#   scripts/pg-env.sh --help
#
# Order tried:
#   a) $DATABASE_URL, if set and reachable
#   b) postgres://postgres@127.0.0.1:5432/postgres (then the current user) if reachable
#   c) a private cluster in $REPO/.data/pg on 127.0.0.1:$PG_ENV_PORT (default 54329),
#      initialised/started from the installed PostgreSQL binaries
#   d) as root with apt-get and no PostgreSQL binaries: install the `postgresql`
#      package, then c)
#   e) otherwise: explain what to do and exit 1
#
# Only the URL goes to stdout; every message goes to stderr.
#
# Environment:
#   DATABASE_URL         tried first (a)
#   PG_ENV_SKIP_SYSTEM=1 skip (a) and (b): always use the private cluster
#   PG_ENV_PORT          port of the private cluster (default 54329)
#   PG_ENV_BINDIR        directory holding initdb/pg_ctl/postgres (default: newest
#                        /usr/lib/postgresql/*/bin, then PATH)
#   PG_ENV_OWNER_PASSWORD, PG_ENV_APP_PASSWORD
#                        passwords given to safeboard_owner and safeboard_app when --role
#                        creates them (default: their names, as internal/testdb expects;
#                        a server that trusts local connections does not ask; use
#                        characters that need no escaping in a URL)
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
PORT=${PG_ENV_PORT:-54329}
SYSTEM_URL_HOST=127.0.0.1
SYSTEM_URL_PORT=5432
CONNECT_TIMEOUT=3

log() { printf 'pg-env: %s\n' "$*" >&2; }
die() { printf 'pg-env: error: %s\n' "$*" >&2; exit 1; }

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- arguments
MODE=url
DB_NAME=
ROLE=
while [ $# -gt 0 ]; do
	case $1 in
	--role)
		[ $# -ge 2 ] || die "--role needs owner or app"
		ROLE=$2
		shift 2
		;;
	--role=*)
		ROLE=${1#--role=}
		shift
		;;
	--db)
		[ $# -ge 2 ] || die "--db needs a database name"
		DB_NAME=$2
		shift 2
		;;
	--db=*)
		DB_NAME=${1#--db=}
		shift
		;;
	--stop)
		MODE=stop
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage
		die "unknown argument: $1"
		;;
	esac
done
if [ -n "$DB_NAME" ] && ! [[ $DB_NAME =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]]; then
	die "invalid database name '$DB_NAME' (use letters, digits and _)"
fi
[[ $PORT =~ ^[0-9]+$ ]] || die "PG_ENV_PORT must be a number, got '$PORT'"
case $ROLE in
'' | owner | app) ;;
*) die "--role must be owner or app, not '$ROLE'" ;;
esac
if [ -n "$ROLE" ] && [ -z "$DB_NAME" ]; then
	die "--role needs --db NAME"
fi
OWNER_PASSWORD=${PG_ENV_OWNER_PASSWORD:-safeboard_owner}
APP_PASSWORD=${PG_ENV_APP_PASSWORD:-safeboard_app}

# ---------------------------------------------------------------- helpers
have() { command -v "$1" >/dev/null 2>&1; }

PSQL=
find_psql() {
	if [ -n "$PSQL" ]; then return 0; fi
	if have psql; then
		PSQL=$(command -v psql)
		return 0
	fi
	local d
	for d in $(pg_bindirs); do
		if [ -x "$d/psql" ]; then
			PSQL=$d/psql
			return 0
		fi
	done
	return 1
}

# psql_q URL SQL — run one query, unaligned tuples only, never prompt for a password.
psql_q() {
	PGCONNECT_TIMEOUT=$CONNECT_TIMEOUT "$PSQL" -X -w -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# check_url URL — 0 if we can connect; sets CAN_CREATEDB=t/f.
CAN_CREATEDB=
check_url() {
	local url=$1 out
	if find_psql; then
		out=$(psql_q "$url" "select rolcreatedb or rolsuper from pg_roles where rolname = current_user" 2>/dev/null) || return 1
		CAN_CREATEDB=$out
		return 0
	fi
	if have pg_isready; then
		pg_isready -q -t "$CONNECT_TIMEOUT" -d "$url" >/dev/null 2>&1 || return 1
		CAN_CREATEDB=t # cannot tell without psql; assume so
		return 0
	fi
	return 1
}

# url_with_db URL NAME — replace the database path of a postgres:// URL.
url_with_db() {
	local url=$1 db=$2 query='' rest scheme authority
	case $url in
	*://*) ;;
	*) die "DATABASE_URL is not a URL (postgres://...); cannot point it at database '$db'" ;;
	esac
	case $url in *\?*)
		query="?${url#*\?}"
		url=${url%%\?*}
		;;
	esac
	scheme=${url%%://*}
	rest=${url#*://}
	authority=${rest%%/*}
	printf '%s://%s/%s%s\n' "$scheme" "$authority" "$db" "$query"
}

# ensure_db BASE_URL NAME — create database NAME through BASE_URL if it does not exist.
ensure_db() {
	local base=$1 db=$2 exists
	find_psql || die "psql is needed to create database '$db' (apt-get install postgresql-client)"
	exists=$(psql_q "$base" "select 1 from pg_database where datname = '$db'") ||
		die "cannot query databases through $(redact "$base")"
	if [ "$exists" != 1 ]; then
		log "creating database $db"
		if ! psql_q "$base" "create database \"$db\"" >/dev/null 2>&1; then
			# Another process may have created it concurrently.
			exists=$(psql_q "$base" "select 1 from pg_database where datname = '$db'") || exists=
			[ "$exists" = 1 ] || die "could not create database '$db' through $(redact "$base")"
		fi
	fi
}

# url_with_user URL USER PASSWORD — replace the user (and password) of a postgres:// URL.
url_with_user() {
	local url=$1 user=$2 password=$3 scheme rest authority hostport
	scheme=${url%%://*}
	rest=${url#*://}
	authority=${rest%%/*}
	hostport=${authority##*@}
	rest=${rest#"$authority"}
	printf '%s://%s:%s@%s%s\n' "$scheme" "$user" "$password" "$hostport" "$rest"
}

# ensure_roles_db BASE_URL NAME — Safeboard's two roles, and database NAME owned
# by safeboard_owner (scripts/db-roles.sql; safe to run again).
ensure_roles_db() {
	local base=$1 db=$2
	find_psql || die "psql is needed to create Safeboard's roles and database '$db' (apt-get install postgresql-client)"
	PGCONNECT_TIMEOUT=$CONNECT_TIMEOUT "$PSQL" -X -w -q -v ON_ERROR_STOP=1 -v db="$db" \
		-v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" \
		-f "$REPO/scripts/db-roles.sql" -d "$base" >&2 ||
		die "could not create the roles safeboard_owner and safeboard_app and database '$db' through $(redact "$base") (it needs CREATEROLE and CREATEDB)"
}

# redact URL — hide a password in messages.
redact() { printf '%s' "$1" | sed -E 's#(://[^:/@]+):[^@/]*@#\1:***@#'; }

# emit BASE_URL — print the final URL (after --db handling) and exit.
emit() {
	local url=$1
	if [ -n "$ROLE" ]; then
		ensure_roles_db "$url" "$DB_NAME"
		case $ROLE in
		owner) url=$(url_with_user "$url" safeboard_owner "$OWNER_PASSWORD") ;;
		app) url=$(url_with_user "$url" safeboard_app "$APP_PASSWORD") ;;
		esac
		url=$(url_with_db "$url" "$DB_NAME")
	elif [ -n "$DB_NAME" ]; then
		ensure_db "$url" "$DB_NAME"
		url=$(url_with_db "$url" "$DB_NAME")
	fi
	printf '%s\n' "$url"
	exit 0
}

# pg_bindirs — candidate PostgreSQL bin directories, newest version first.
pg_bindirs() {
	if [ -n "${PG_ENV_BINDIR:-}" ]; then
		printf '%s\n' "$PG_ENV_BINDIR"
		return
	fi
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -d "$d" ] && printf '%s\n' "$d"
	done | sort -t/ -k5,5 -rn
	if have pg_config; then pg_config --bindir 2>/dev/null || true; fi
	if have initdb; then dirname -- "$(command -v initdb)"; fi
}

server_bins_in() { [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]; }

# find_bindir [MAJOR] — first directory with initdb, pg_ctl and postgres
# (preferring major version MAJOR when given). Sets BINDIR.
BINDIR=
find_bindir() {
	local want=${1:-} d ver
	local -a dirs
	mapfile -t dirs < <(pg_bindirs)
	if [ -n "$want" ]; then
		for d in "${dirs[@]}"; do
			server_bins_in "$d" || continue
			ver=$("$d/postgres" --version 2>/dev/null | sed -nE 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/p')
			if [ "$ver" = "$want" ]; then
				BINDIR=$d
				return 0
			fi
		done
	fi
	for d in "${dirs[@]}"; do
		if server_bins_in "$d"; then
			BINDIR=$d
			return 0
		fi
	done
	return 1
}

# as_pg CMD... — run a command as the cluster owner (postgres when we are root).
# File descriptor 9 (our lock) is closed so that the server does not inherit it.
as_pg() {
	if ! is_root; then
		(cd / && "$@") 9>&-
	elif have runuser; then
		(cd / && runuser -u postgres -- "$@") 9>&-
	else
		(cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")") 9>&-
	fi
}

# ---------------------------------------------------------------- private cluster layout
# Normally $REPO/.data/pg. When we run as root and the postgres user cannot reach
# the repository (e.g. it lives under /root, mode 700), fall back to a directory
# under /var/tmp keyed by the repository path.
repo_key() { printf '%s' "$REPO" | cksum | cut -d' ' -f1; }
FALLBACK_BASE=/var/tmp/safeboard-pg-$(repo_key)
set_layout() {
	BASE=$1
	PGDATA_DIR=$BASE/pg
	SOCK_DIR=$BASE/pg-run
	LOG_FILE=$BASE/pg.log
	# Unix socket paths are limited to ~107 bytes.
	if [ $((${#SOCK_DIR} + 20)) -gt 107 ]; then
		SOCK_DIR=/tmp/safeboard-pg-$(repo_key)-run
	fi
}
set_layout "$REPO/.data"

pg_ensure_user() {
	is_root || return 0
	if ! id postgres >/dev/null 2>&1; then
		log "creating system user postgres to own the private cluster"
		useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres ||
			die "could not create user postgres"
	fi
}

# prepare_dirs — create .data/pg, .data/pg-run and the log with the right owner.
prepare_dirs() {
	mkdir -p "$BASE" "$PGDATA_DIR" "$SOCK_DIR"
	touch "$LOG_FILE"
	if is_root; then
		chown postgres: "$PGDATA_DIR" "$SOCK_DIR" "$LOG_FILE"
	fi
	chmod 700 "$PGDATA_DIR" "$SOCK_DIR"
}

pg_ctl_() { as_pg "$BINDIR/pg_ctl" -D "$PGDATA_DIR" "$@"; }

cluster_running() { pg_ctl_ status >/dev/null 2>&1; }

private_url() { printf 'postgres://postgres@127.0.0.1:%s/postgres?sslmode=disable' "$PORT"; }

write_conf() {
	# Settings that depend on where the repo is and which port we use are rewritten
	# at every start, in a file included from postgresql.conf.
	local conf=$PGDATA_DIR/pg-env.conf sock_esc
	sock_esc=${SOCK_DIR//\'/\'\'}
	as_pg tee "$conf" >/dev/null <<EOF
# Written by scripts/pg-env.sh at every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sock_esc'
EOF
}

init_cluster() {
	local entries
	entries=$(find "$PGDATA_DIR" -mindepth 1 -maxdepth 1 | head -n 1)
	if [ -n "$entries" ]; then
		# A previous initdb failed half way: the directory is ours, start over.
		log "removing incomplete cluster directory $PGDATA_DIR"
		find "$PGDATA_DIR" -mindepth 1 -delete
	fi
	log "initialising private PostgreSQL cluster in $PGDATA_DIR ($("$BINDIR/postgres" --version))"
	if ! as_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$LOG_FILE" 2>&1; then
		# Older initdb or missing locale: retry with the C locale.
		find "$PGDATA_DIR" -mindepth 1 -delete
		as_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --no-locale >>"$LOG_FILE" 2>&1 || {
			tail -n 20 "$LOG_FILE" >&2
			die "initdb failed (log: $LOG_FILE)"
		}
	fi
	printf '%s\n' '' '# Added by scripts/pg-env.sh (a throwaway development cluster).' \
		"include_if_exists = 'pg-env.conf'" 'synchronous_commit = off' |
		as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

port_taken() {
	# Something answers on the port (a server that is not ours).
	if have pg_isready; then
		local rc=0
		pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1 || rc=$?
		# 0: accepting connections, 1: rejecting (starting up): either way taken.
		[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]
		return
	fi
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

start_private() {
	local url major=
	url=$(private_url)
	pg_ensure_user

	mkdir -p "$BASE"
	if is_root && ! as_pg test -x "$BASE" 2>/dev/null; then
		log "user postgres cannot reach $BASE; using $FALLBACK_BASE instead"
		set_layout "$FALLBACK_BASE"
		mkdir -p "$BASE"
	fi

	# Serialise concurrent starts.
	if have flock; then
		exec 9>"$BASE/.pg-env.lock"
		flock -w 120 9 || die "timed out waiting for another pg-env.sh"
	fi

	if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
		major=$(cat "$PGDATA_DIR/PG_VERSION")
	fi
	find_bindir "$major" || die "no PostgreSQL binaries (initdb, pg_ctl, postgres) found"
	if [ -n "$major" ] && ! "$BINDIR/postgres" --version | grep -qE " $major(\.|$| )"; then
		die "cluster $PGDATA_DIR is PostgreSQL $major but only $("$BINDIR/postgres" --version) is installed; remove $PGDATA_DIR or install PostgreSQL $major"
	fi

	prepare_dirs
	if [ -z "$major" ]; then
		init_cluster
	fi

	if cluster_running; then
		if check_url "$url"; then
			log "private cluster already running on 127.0.0.1:$PORT"
			emit "$url"
		fi
		log "private cluster is running but not reachable on port $PORT; restarting"
		pg_ctl_ stop -m fast -w >/dev/null 2>&1 || true
	fi

	if port_taken; then
		die "port $PORT on 127.0.0.1 is used by another server; set PG_ENV_PORT to a free port (and stop the other one with its own --stop)"
	fi

	write_conf
	log "starting private cluster on 127.0.0.1:$PORT (log: $LOG_FILE)"
	if ! pg_ctl_ start -w -t 60 -l "$LOG_FILE" >/dev/null 2>&1; then
		tail -n 20 "$LOG_FILE" >&2
		die "could not start the private cluster (log: $LOG_FILE)"
	fi
	find_psql || true
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		if check_url "$url"; then
			emit "$url"
		fi
		sleep "0.$i"
	done
	tail -n 20 "$LOG_FILE" >&2
	die "private cluster started but $url does not accept connections"
}

stop_private() {
	local base stopped=0
	for base in "$REPO/.data" "$FALLBACK_BASE"; do
		set_layout "$base"
		[ -f "$PGDATA_DIR/PG_VERSION" ] || continue
		find_bindir "$(cat "$PGDATA_DIR/PG_VERSION")" || die "no PostgreSQL binaries found to stop $PGDATA_DIR"
		if cluster_running; then
			log "stopping private cluster in $PGDATA_DIR"
			pg_ctl_ stop -m fast -w >/dev/null || die "pg_ctl stop failed (log: $LOG_FILE)"
			stopped=1
		fi
	done
	[ "$stopped" = 1 ] || log "private cluster is not running"
	exit 0
}

install_postgresql() {
	log "no PostgreSQL binaries found; installing the 'postgresql' package with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	{
		apt-get update -q &&
			apt-get install -y -q --no-install-recommends postgresql
	} >&2 || die "apt-get install postgresql failed"
}

explain_and_fail() {
	cat >&2 <<EOF
pg-env: error: no reachable PostgreSQL server and no PostgreSQL binaries to start one.
  Do one of:
    - install PostgreSQL 15 or newer (Debian/Ubuntu: sudo apt-get install postgresql;
      macOS: brew install postgresql@16) and run this again: a private cluster is
      started in $REPO/.data/pg on port $PORT;
    - or set DATABASE_URL to a server where your role may CREATE DATABASE, e.g.
      export DATABASE_URL='postgres://user:password@localhost:5432/postgres?sslmode=disable'
EOF
	exit 1
}

# ---------------------------------------------------------------- main
if [ "$MODE" = stop ]; then
	stop_private
fi

if [ "${PG_ENV_SKIP_SYSTEM:-}" != 1 ] && [ "${PG_ENV_SKIP_SYSTEM:-}" != true ]; then
	# a) DATABASE_URL from the environment.
	if [ -n "${DATABASE_URL:-}" ]; then
		if check_url "$DATABASE_URL"; then
			if [ "$CAN_CREATEDB" != t ]; then
				log "warning: the role in DATABASE_URL may not CREATE DATABASE; tests need it"
			fi
			emit "$DATABASE_URL"
		fi
		log "DATABASE_URL ($(redact "$DATABASE_URL")) is not reachable; trying a local server"
	fi

	# b) A server on 127.0.0.1:5432, as postgres, then as the current user.
	if find_psql; then
		users=(postgres)
		me=$(id -un)
		[ "$me" = postgres ] || users+=("$me")
		for user in "${users[@]}"; do
			url="postgres://$user@$SYSTEM_URL_HOST:$SYSTEM_URL_PORT/postgres?sslmode=disable"
			if check_url "$url"; then
				if [ "$CAN_CREATEDB" = t ]; then
					emit "$url"
				fi
				log "role $user on $SYSTEM_URL_HOST:$SYSTEM_URL_PORT may not CREATE DATABASE; skipping"
			fi
		done
	fi
fi

# c) Private cluster from the installed binaries.
if find_bindir; then
	start_private # prints the URL and exits
fi

# d) Install PostgreSQL when we can, then c).
if is_root && have apt-get; then
	install_postgresql
	unset PG_ENV_BINDIR # look where the package put them
	find_bindir || die "PostgreSQL was installed but initdb/pg_ctl were not found under /usr/lib/postgresql"
	start_private # prints the URL and exits
fi

# e) Nothing to do: explain.
explain_and_fail
