#!/usr/bin/env bash
# Provide a PostgreSQL server for the test suites.
#
#   scripts/postgres-throwaway.sh start   print a connection URL (last stdout line)
#   scripts/postgres-throwaway.sh stop    stop the clusters this script started
#
# "start" reuses a server that already answers on 127.0.0.1:${PGPORT:-5432}
# and only makes sure the database ledgersync_test exists. Otherwise it
# creates a throwaway cluster (trust auth, fsync=off) in a temporary
# directory, installing the Debian postgresql package first if needed and
# running as root. Diagnostics go to stderr; stdout carries only the URL.
set -euo pipefail

PORT="${PGPORT:-5432}"
DB=ledgersync_test
STATE="${LEDGERSYNC_PG_STATE:-/tmp/ledgersync-pg.dir}"
HOST=127.0.0.1

# Connection settings from the caller's environment must not redirect the
# administrative connections made below.
unset PGHOST PGHOSTADDR PGDATABASE PGUSER PGSERVICE PGOPTIONS PGDATA

log() { printf 'postgres-throwaway: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

PGBIN=""
find_pgbin() {
	PGBIN=""
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
		PGBIN=$d
		return 0
	fi
	if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
		PGBIN=$(dirname "$(readlink -f "$(command -v initdb)")")
		return 0
	fi
	return 1
}

# pgtool NAME: path of a PostgreSQL client program (PATH first, then PGBIN).
pgtool() {
	if command -v "$1" >/dev/null 2>&1; then
		command -v "$1"
	elif [ -z "$PGBIN" ] && find_pgbin && [ -x "$PGBIN/$1" ]; then
		printf '%s\n' "$PGBIN/$1"
	elif [ -n "$PGBIN" ] && [ -x "$PGBIN/$1" ]; then
		printf '%s\n' "$PGBIN/$1"
	else
		return 1
	fi
}

# server_ready: 0 when a server accepts connections on HOST:PORT. Waits a
# little while a server reports that it is still starting up.
server_ready() {
	local isready rc i
	isready=$(pgtool pg_isready) || return 1
	for i in $(seq 1 30); do
		rc=0
		"$isready" -q -h "$HOST" -p "$PORT" -t 3 || rc=$?
		case $rc in
		0) return 0 ;;
		1) sleep 1 ;; # server is starting (or shutting down)
		*) return 1 ;;
		esac
	done
	return 1
}

# as_postgres CMD...: run CMD as the postgres OS user when we are root.
as_postgres() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

ADMIN_MODE=""
# admin_psql ARGS...: psql on the maintenance database as superuser postgres.
admin_psql() {
	local psql
	psql=$(pgtool psql) || die "psql not found"
	case $ADMIN_MODE in
	tcp)
		"$psql" -X -w -q -t -A -v ON_ERROR_STOP=1 \
			"host=$HOST port=$PORT user=postgres dbname=postgres connect_timeout=10" "$@"
		;;
	socket)
		(cd / && runuser -u postgres -- "$psql" -X -w -q -t -A -v ON_ERROR_STOP=1 \
			-p "$PORT" -d postgres "$@")
		;;
	*) die "internal error: no admin connection mode" ;;
	esac
}

# pick_admin_mode: TCP as user postgres, else the postgres OS user over the
# unix socket. Returns 1 when neither works.
pick_admin_mode() {
	ADMIN_MODE=tcp
	if admin_psql -c 'select 1' >/dev/null 2>&1; then
		return 0
	fi
	if is_root && command -v runuser >/dev/null 2>&1 && id postgres >/dev/null 2>&1; then
		ADMIN_MODE=socket
		if admin_psql -c 'select 1' >/dev/null 2>&1; then
			log "TCP login as postgres failed; using the postgres OS user over the unix socket"
			return 0
		fi
	fi
	ADMIN_MODE=""
	return 1
}

url() { printf 'postgres://postgres@%s:%s/%s?sslmode=disable\n' "$HOST" "$PORT" "$DB"; }

ensure_db_and_print_url() {
	local exists
	exists=$(admin_psql -c "select 1 from pg_database where datname = '$DB'")
	if [ "$exists" != 1 ]; then
		log "creating database $DB"
		if ! admin_psql -c "create database $DB" >&2; then
			# Tolerate a concurrent creation.
			exists=$(admin_psql -c "select 1 from pg_database where datname = '$DB'")
			[ "$exists" = 1 ] || die "could not create database $DB"
		fi
	fi
	if [ "$ADMIN_MODE" != tcp ]; then
		log "WARNING: postgres cannot log in over TCP without a password on $HOST:$PORT;"
		log "         the URL below may need a password or a trust rule in pg_hba.conf"
	fi
	url
}

install_postgres() {
	is_root || die "PostgreSQL server binaries (initdb, pg_ctl) not found; install PostgreSQL or run as root"
	command -v apt-get >/dev/null 2>&1 || die "PostgreSQL server binaries not found and apt-get is unavailable"
	log "installing the postgresql package"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update >&2
	apt-get install -y --no-install-recommends postgresql >&2
}

# stop_debian_clusters: stop clusters the postgresql package started on its
# own (used only right after this script installed the package).
stop_debian_clusters() {
	command -v pg_lsclusters >/dev/null 2>&1 || return 0
	local ver name
	pg_lsclusters -h 2>/dev/null | while read -r ver name _; do
		log "stopping the packaged cluster $ver/$name"
		pg_ctlcluster "$ver" "$name" stop >&2 || true
	done
}

create_cluster() {
	local dir
	if is_root; then
		command -v runuser >/dev/null 2>&1 || die "runuser not found (needed to run PostgreSQL as root)"
		if ! id postgres >/dev/null 2>&1; then
			log "creating the postgres OS user"
			useradd --system --no-create-home --shell /usr/sbin/nologin postgres
		fi
		dir=$(mktemp -d /tmp/ledgersync-pg.XXXXXX)
		chown postgres: "$dir"
	else
		dir=$(mktemp -d "${TMPDIR:-/tmp}/ledgersync-pg.XXXXXX")
	fi
	chmod 700 "$dir"

	log "creating a throwaway cluster in $dir (PostgreSQL binaries in $PGBIN)"
	as_postgres "$PGBIN/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >&2 \
		|| die "initdb failed"
	printf '%s\n' "$dir" >>"$STATE"

	log "starting it on $HOST:$PORT"
	if ! as_postgres "$PGBIN/pg_ctl" -D "$dir" -l "$dir/log" -w -t 60 \
		-o "-h $HOST -p $PORT -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >&2; then
		log "pg_ctl start failed; server log follows"
		cat "$dir/log" >&2 || true
		exit 1
	fi
	log "started; stop it with: scripts/postgres-throwaway.sh stop"
}

start() {
	if server_ready; then
		if pick_admin_mode; then
			ensure_db_and_print_url
			return
		fi
		die "a server answers on $HOST:$PORT but neither 'psql -h $HOST -U postgres' nor the postgres OS user can log in"
	fi

	if ! find_pgbin; then
		install_postgres
		if server_ready; then
			if pick_admin_mode && [ "$ADMIN_MODE" = tcp ]; then
				log "using the cluster started by the postgresql package"
				ensure_db_and_print_url
				return
			fi
			# The packaged cluster requires passwords over TCP: replace it
			# with a throwaway cluster that uses trust auth.
			stop_debian_clusters
			server_ready && die "a server still answers on $HOST:$PORT after stopping the packaged clusters"
		fi
		find_pgbin || die "initdb/pg_ctl still not found after installing postgresql"
	fi

	create_cluster
	ADMIN_MODE=tcp
	ensure_db_and_print_url
}

stop() {
	if [ ! -s "$STATE" ]; then
		log "no throwaway cluster recorded in $STATE"
		return 0
	fi
	find_pgbin || die "pg_ctl not found"
	local dir rc=0
	while IFS= read -r dir; do
		[ -n "$dir" ] || continue
		if [ -f "$dir/postmaster.pid" ]; then
			log "stopping the cluster in $dir"
			as_postgres "$PGBIN/pg_ctl" -D "$dir" -m fast -w stop >&2 || rc=1
		fi
		if [ "$rc" -eq 0 ]; then
			case $dir in
			*/ledgersync-pg.*) rm -rf -- "$dir" ;;
			esac
		fi
	done <"$STATE"
	if [ "$rc" -eq 0 ]; then
		rm -f -- "$STATE"
	fi
	return "$rc"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
