#!/usr/bin/env bash
# Starts a Citus cluster on loopback: a coordinator on PORT and two workers on PORT+1 and PORT+2, data
# under DIR, trust authentication for user postgres, fast durability (fsync, synchronous_commit and
# full_page_writes off, like the embedded server's default). Prints the coordinator's JDBC URL.
# Usage: start-cluster.sh DIR [PORT]      Stop: start-cluster.sh --stop DIR
# As root the servers run as the postgres user, so DIR and every directory above it must be
# reachable by that user (a directory under /tmp is).
set -euo pipefail
pg=/usr/lib/postgresql/15/bin
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }
if [ "${1:-}" = --stop ]; then
  for d in "$2"/n*/; do [ -f "$d/PG_VERSION" ] && as_owner "$pg/pg_ctl -D $d stop -m fast" >/dev/null 2>&1 || true; done; exit 0
fi
[ -f /usr/lib/postgresql/15/lib/citus.so ] || { echo "start-cluster: Citus is not installed: run .ci/citus/build-citus.sh" >&2; exit 1; }
dir="$1"; port="${2:-55440}"
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  su postgres -s /bin/bash -c "test -w '$dir'" || {
    echo "start-cluster: $dir must be reachable by the postgres user (every parent directory searchable)" >&2; exit 1; }
fi
for p in $port $((port + 1)) $((port + 2)); do
  as_owner "$pg/initdb -D $dir/n$p -U postgres --auth=trust >$dir/initdb-$p.log 2>&1"
  as_owner "$pg/pg_ctl -D $dir/n$p -w -l $dir/n$p.log -o \"-p $p -k $dir -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus -c max_prepared_transactions=20 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
  $pg/psql -h 127.0.0.1 -p "$p" -U postgres -qc "create extension citus"
done
$pg/psql -h 127.0.0.1 -p "$port" -U postgres -q -c "select citus_set_coordinator_host('127.0.0.1', $port)" \
  -c "select citus_add_node('127.0.0.1', $((port + 1)))" -c "select citus_add_node('127.0.0.1', $((port + 2)))" >/dev/null
echo "jdbc:postgresql://127.0.0.1:$port/postgres"
