#!/usr/bin/env bash
# The chat-log workload and MySQL/MariaDB -> PostgreSQL, measured in one run (docs/moving-data.md, "MySQL and MariaDB as
# a source"). Not a test: it times whole commands on this machine and prints what it measured.
#   1. generate the chat log; load its messages into MariaDB (one parser, one consumer per core) and into
#      PostgreSQL (etl import --map/--where --workers 2): both rates
#   2. move a table of MESSAGES rows (default 1,000,000) from MariaDB into the same running PostgreSQL three
#      ways, each into a fresh table, timed end to end as commands:
#        etl transfer --create-table | Debian's pgloader | SELECT ... INTO OUTFILE, then psql \copy
#   3. etl transfer's retained heap (--retained-heap) at MESSAGES and 10 x MESSAGES rows
# Needs mariadb-server, pgloader and psql (Debian: apt-get install mariadb-server pgloader postgresql-client).
# Run it on a quiet machine: figures taken beside other work say nothing.
# Usage: src/bench/mariadb-transfer.sh [MESSAGES] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES="${1:-1000000}"
DATA="${2:-.etl-bench}"
MDB="$DATA-mariadb"
WORK="$(mktemp -d)"
etl() { ./etl "$1" --data-dir "$DATA" "${@:2}"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
rate() { echo "$1 / $2" | bc; }
say() { printf '%s\n' "$*" | tee -a "$WORK/results.txt"; }
for tool in mariadb pgloader psql bc; do command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }; done

URL="$(./etl mariadb start --mariadb-dir "$MDB" 2>/dev/null)"
MPORT="$(cat "$MDB/port")"
trap './etl mariadb stop --mariadb-dir "$MDB" >/dev/null 2>&1 || true' EXIT
maria() { mariadb --no-defaults -h 127.0.0.1 -P "$MPORT" -u root etl "$@"; }
etl generate small >/dev/null 2>&1
etl process small copy >/dev/null 2>&1  # its run database is where etl psql small and etl import --scenario small go
# psql, pgloader and the transfers talk to the embedded server directly, while one etl psql session keeps it up
hold() { ( ./etl psql --data-dir "$DATA" small -c "select pg_sleep(3600)" > "$WORK/hold.log" 2>&1 & echo $! > "$WORK/hold.pid" )
         for _ in $(seq 100); do PGPORT=$(sed -n 's/.*port \([0-9]*\)).*/\1/p' "$WORK/hold.log" | head -1); [ -n "$PGPORT" ] && break; sleep 0.2; done
         sleep 1; }
tree() { for child in $(pgrep -P "$1" || true); do tree "$child"; done; echo "$1"; }
release() { kill $(tree "$(cat "$WORK/hold.pid")") 2>/dev/null || true; sleep 3; }
pg() { PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d etl_run_small -v ON_ERROR_STOP=1 -qAt "$@"; }

pgloader_version="$(pgloader --version 2>&1)"
say "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB; $(./etl --version); MariaDB $(maria -Nse 'select version()'); ${pgloader_version%%$'\n'*}"

# ---- 1. the chat log into both databases
lines=$(( MESSAGES * 100 / 85 + 1000 ))  # about 85% of the events are messages
say "$(./etl chat-log generate "$WORK/chat.jsonl" --lines "$lines")"
say "into MariaDB: $(./etl chat-log to-mariadb "$WORK/chat.jsonl" --url "$URL")"
etl psql small -c "drop schema if exists chat cascade; create schema chat; create table chat.messages (id numeric(20,0) primary key,
  sent timestamptz, channel text, author_id bigint, author text, bot boolean, body text, format text, reply_to numeric(20,0), reactions jsonb)" >/dev/null 2>&1
maps=(--map id=id --map sent=ts:epoch --map channel=channel --map author_id=data.user.id --map author=data.user.name
      --map bot=data.user.bot --map body=data.message --map format=data.format --map reply_to=data.reply_to --map reactions=data.reactions)
say "into PostgreSQL: $(etl import "$WORK/chat.jsonl" chat.messages --scenario small --where type=message --workers 2 "${maps[@]}" 2>/dev/null \
  | grep -E 'rows loaded|elapsed|rate' | tr -s ' ' | tr '\n' ';')"

# ---- 2. a table of exactly MESSAGES rows, moved three ways into the same running server
maria -e "drop table if exists chat_bench; create table chat_bench like chat_messages;
          insert into chat_bench select * from chat_messages order by id limit $MESSAGES"
rows=$(maria -Nse "select count(*) from chat_bench")
etl psql small -c "drop schema if exists bench cascade; drop schema if exists pgloader cascade; create schema bench" >/dev/null 2>&1
hold
PG_URL="jdbc:postgresql://127.0.0.1:$PGPORT/etl_run_small"

start=$(now)
out=$(./etl transfer --from "$URL" --from-table chat_bench --to "$PG_URL" --table bench.etl_transfer --create-table 2>/dev/null | head -1)
t_etl=$(secs "$start" "$(now)")
say "etl transfer: $rows rows in $t_etl s as a command (its JVM started): $(rate "$rows" "$t_etl") rows/s  ($out)"

cat > "$WORK/load.pgl" <<EOF
LOAD DATABASE
  FROM mysql://root@127.0.0.1:$MPORT/etl
  INTO postgresql://postgres@127.0.0.1:$PGPORT/etl_run_small
  WITH include drop, create tables, create no indexes, no foreign keys, reset no sequences
  -- its default made a PostgreSQL enum type whose emoji value then failed the COPY
  CAST type enum to text drop typemod
  INCLUDING ONLY TABLE NAMES MATCHING 'chat_bench'
  ALTER SCHEMA 'etl' RENAME TO 'pgloader';
EOF
start=$(now); pgloader "$WORK/load.pgl" > "$WORK/pgloader.log" 2>&1 || { cat "$WORK/pgloader.log"; exit 1; }; t_pgloader=$(secs "$start" "$(now)")
n_pgloader=$(pg -c "select count(*) from pgloader.chat_bench")
say "pgloader: $n_pgloader rows in $t_pgloader s as a command: $(rate "$n_pgloader" "$t_pgloader") rows/s"

# The two-step route: MariaDB writes PostgreSQL's text format, psql reads it. MySQL's own escaping leaves a
# carriage return raw (PostgreSQL refuses it) and cannot be told to escape it along with newlines, so the
# script escapes every text column itself, turns MySQL's escaping off and writes NULL as \N.
pg -c "create table bench.two_step (like bench.etl_transfer)"
OUTFILE="$(realpath "$MDB")/files/chat_bench.tsv"
rm -f "$OUTFILE"
cat > "$WORK/outfile.sql" <<'EOF'
SELECT IFNULL(id, '\\N'), IFNULL(sent, '\\N'),
       IFNULL(REPLACE(REPLACE(REPLACE(REPLACE(channel, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r'), '\\N'),
       IFNULL(author_id, '\\N'),
       IFNULL(REPLACE(REPLACE(REPLACE(REPLACE(author, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r'), '\\N'),
       IFNULL(bot, '\\N'),
       IFNULL(REPLACE(REPLACE(REPLACE(REPLACE(body, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r'), '\\N'),
       IFNULL(REPLACE(REPLACE(REPLACE(REPLACE(format, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r'), '\\N'),
       IFNULL(reply_to, '\\N'),
       IFNULL(REPLACE(REPLACE(REPLACE(REPLACE(reactions, '\\', '\\\\'), '\t', '\\t'), '\n', '\\n'), '\r', '\\r'), '\\N')
INTO OUTFILE 'OUTFILE_PATH' FIELDS ESCAPED BY '' FROM chat_bench
EOF
sed -i "s|OUTFILE_PATH|$OUTFILE|" "$WORK/outfile.sql"
start=$(now)
maria < "$WORK/outfile.sql"
PGTZ=UTC pg -c "\\copy bench.two_step from '$OUTFILE'"
t_two=$(secs "$start" "$(now)")
rm -f "$OUTFILE"
n_two=$(pg -c "select count(*) from bench.two_step")
say "INTO OUTFILE then psql \\copy: $n_two rows in $t_two s end to end: $(rate "$n_two" "$t_two") rows/s"
differ=$(pg -c "select count(*) from ((table bench.etl_transfer except all table bench.two_step) union all (table bench.two_step except all table bench.etl_transfer)) d")
say "etl transfer against pgloader: $(echo "scale=2; $t_pgloader / $t_etl" | bc)x its rate (goal 5x); against the two-step route: $(echo "scale=2; $t_two / $t_etl" | bc)x (goal 1.0x); rows that differ between etl transfer's copy and the two-step one: $differ"

# ---- 3. retained heap at MESSAGES and 10 x MESSAGES rows
maria -e "drop table if exists chat_bench_10x; create table chat_bench_10x like chat_messages;
          insert into chat_bench_10x select id + seq * 1000000000, sent, channel, author_id, author, bot, body, format, reply_to, reactions
          from chat_bench, seq_0_to_9"
for table in chat_bench chat_bench_10x; do
  pg -c "drop table if exists bench.heap"
  say "retained heap, $table: $(./etl transfer --from "$URL" --from-table "$table" --to "$PG_URL" --table bench.heap --create-table \
    --retained-heap 2>/dev/null | grep -E 'transferred|heap at end' | tr -s ' ' | tr '\n' ';')"
done
release
echo "results: $WORK/results.txt"
