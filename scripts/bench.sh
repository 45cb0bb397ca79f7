#!/usr/bin/env bash
# scripts/bench.sh — measure tdkt on a synthetic national sector and rewrite
# docs/BENCHMARKS.md from the measurements (issue 9).
#
# From a fresh clone: builds tdkt, starts a throwaway PostgreSQL on loopback
# for the baseline (installing Debian's postgresql package with apt-get when
# it is missing and we are root; skipped with a message otherwise), runs
# `tdkt bench`, and renders scripts/BENCHMARKS.tmpl.md into
# docs/BENCHMARKS.md. CPU profiles of missed targets are kept in
# docs/bench-profiles/, every figure in docs/bench-results.json.
#
# Environment: PROFILE (national), RUNS (3), SEED (1), NO_POSTGRES=1 to skip
# the baseline, TDKT=path to use a built binary instead of building one. Extra arguments go to tdkt bench (e.g. --skip http).
# The national run takes many minutes on 2 cores; run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")/.."
PROFILE=${PROFILE:-national}
RUNS=${RUNS:-3}
SEED=${SEED:-1}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tdkt-bench.XXXXXX")
chmod 755 "$WORK" # the postgres user must reach its cluster inside
PGDATA_DIR=""
PG_CTL=""
cleanup() {
	if [[ -n "$PG_CTL" && -n "$PGDATA_DIR" ]]; then
		as_pg "$PG_CTL" -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -n "${TDKT:-}" ]]; then
	echo "== using the tdkt binary $TDKT"
	cp "$TDKT" "$WORK/tdkt"
else
	echo "== building tdkt"
	go build -o "$WORK/tdkt" ./cmd/tdkt
fi

# as_pg runs a command as the postgres user when we are root (initdb and
# postgres refuse to run as root), as ourselves otherwise.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

find_pg_bin() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

free_port() {
	local p
	for p in $(seq 55432 55632); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

DSN=""
setup_postgres() {
	local bin
	if ! bin=$(find_pg_bin); then
		if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
			echo "== installing Debian's postgresql package"
			if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
				echo "apt-get could not install postgresql"
				return 1
			fi
			# Debian starts a cluster of its own; ours is separate, on another port.
		else
			echo "no PostgreSQL server binaries and no way to install them"
			return 1
		fi
		bin=$(find_pg_bin) || return 1
	fi
	if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
		echo "no postgres user to run the server as"
		return 1
	fi
	local port
	port=$(free_port) || { echo "no free port"; return 1; }
	mkdir -p "$WORK/pg"
	[[ $(id -u) -eq 0 ]] && chown postgres "$WORK/pg"
	PGDATA_DIR="$WORK/pg/data"
	as_pg "$bin/initdb" -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 >"$WORK/pg/initdb.log" 2>&1 || {
		cat "$WORK/pg/initdb.log"
		return 1
	}
	PG_CTL="$bin/pg_ctl"
	as_pg "$PG_CTL" -D "$PGDATA_DIR" -l "$WORK/pg/server.log" -w \
		-o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null || {
		cat "$WORK/pg/server.log"
		return 1
	}
	DSN="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
	echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $PGDATA_DIR)"
}

PGARGS=()
if [[ -n "${NO_POSTGRES:-}" ]]; then
	echo "== PostgreSQL baseline skipped (NO_POSTGRES is set)"
elif setup_postgres; then
	PGARGS=(--postgres "$DSN")
else
	echo "== PostgreSQL baseline skipped: could not start a server (see above)"
	PGDATA_DIR=""
fi

rm -rf docs/bench-profiles
mkdir -p docs/bench-profiles
echo "== tdkt bench --profile $PROFILE --runs $RUNS (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(date +%s)
"$WORK/tdkt" bench --profile "$PROFILE" --seed "$SEED" --runs "$RUNS" --data "$WORK/data" \
	--out docs/bench-results.json --cpuprofile-dir docs/bench-profiles \
	--doc docs/BENCHMARKS.md --template scripts/BENCHMARKS.tmpl.md \
	--command-line "scripts/bench.sh (PROFILE=$PROFILE RUNS=$RUNS SEED=$SEED)" \
	"${PGARGS[@]}" "$@"
echo "== done in $(($(date +%s) - start)) s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

# Keep only the profiles the document points at (those of missed targets).
for f in docs/bench-profiles/*.pprof; do
	[[ -e "$f" ]] || continue
	grep -qF "bench-profiles/$(basename "$f")" docs/BENCHMARKS.md || rm -f "$f"
done
rmdir docs/bench-profiles 2>/dev/null || true
echo "== wrote docs/BENCHMARKS.md and docs/bench-results.json"
