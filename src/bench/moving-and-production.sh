#!/usr/bin/env bash
# The measurements behind the tables of docs/moving-data.md and docs/production-loading.md.
# Not a test: it times whole commands on this machine and prints what it measured. Needs psql on the
# PATH (the baselines are what a user would type) and python3 (a loopback HTTP server). Takes 15-20
# minutes on 2 cores. Usage: src/bench/moving-and-production.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${1:-.etl-bench}"
WORK="$(mktemp -d)"
ETL=(./etl --data-dir "$DATA")
etl() { ./etl "$1" --data-dir "$DATA" "${@:2}"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
say() { printf '%s\n' "$*" | tee -a "$WORK/results.txt"; }

etl generate large >/dev/null 2>&1
etl process large copy >/dev/null 2>&1
# psql baselines talk to the embedded server directly, while one etl psql session keeps it up
hold() { ( ./etl psql --data-dir "$DATA" large -c "select pg_sleep(900)" > "$WORK/hold.log" 2>&1 & echo $! > "$WORK/hold.pid" );
         for _ in $(seq 100); do PGPORT=$(sed -n 's/.*port \([0-9]*\)).*/\1/p' "$WORK/hold.log" | head -1); [ -n "$PGPORT" ] && break; sleep 0.2; done;
         sleep 1; }
release() { pkill -P "$(cat "$WORK/hold.pid")" 2>/dev/null || true; kill "$(cat "$WORK/hold.pid")" 2>/dev/null || true; sleep 3; }

# ---- import: gzip over loopback HTTP against psql \copy of the uncompressed local file
etl export large dwh.response_events --to "$WORK/events.csv" 2>/dev/null
gzip -k -1 "$WORK/events.csv"
( cd "$WORK" && python3 -m http.server 0 --bind 127.0.0.1 > "$WORK/http.log" 2>&1 & echo $! > "$WORK/http.pid" )
sleep 1
HTTP_PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/http.log" | head -1)
rows=$(($(wc -l < "$WORK/events.csv") - 1))
etl psql large -c "drop table if exists public.bench_import; create table public.bench_import (like dwh.response_events including all)" >/dev/null 2>&1
out=$(etl import "http://127.0.0.1:$HTTP_PORT/events.csv.gz" public.bench_import --scenario large --retained-heap 2>&1)
import_rate=$(echo "$out" | sed -n 's/.*rate *\([0-9,]*\) rows.*/\1/p' | tr -d ,)
import_heap=$(echo "$out" | sed -n 's/.*heap at end *\([0-9.]*\) MiB.*/\1/p')
etl psql large -c "truncate public.bench_import" >/dev/null 2>&1
hold
start=$(now); psql -h localhost -p "$PGPORT" -U postgres -d etl_run_large -qc "\\copy public.bench_import from '$WORK/events.csv' (format csv, header)"; end=$(now)
release
psql_secs=$(secs "$start" "$end")
psql_rate=$(echo "$rows / $psql_secs" | bc)
say "import: ${rows} rows of large's events: etl import of the gzip file over loopback HTTP ${import_rate} rows/s (heap at end ${import_heap} MiB) vs psql \\copy of the local uncompressed CSV ${psql_rate} rows/s (${psql_secs} s)"
kill "$(cat "$WORK/http.pid")" || true

# ---- import memory: 100k and 10M rows of the same narrow shape
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
for n, name in [(100_000, "narrow-100k.csv"), (10_000_000, "narrow-10m.csv")]:
    with open(f"{work}/{name}", "w") as f:
        f.write("id,name,at\n")
        for i in range(n):
            f.write(f'{i},"row {i}, ""quoted""",2024-01-01 00:00:{i % 60:02d}+00\n')
PY
for n in 100k 10m; do
  etl psql large -c "drop table if exists public.narrow; create table public.narrow (id bigint primary key, name text, at timestamptz)" >/dev/null 2>&1
  out=$(etl import "$WORK/narrow-$n.csv" public.narrow --scenario large --retained-heap 2>&1)
  say "import memory: $n rows: $(echo "$out" | grep -E 'rows loaded|heap at end|rate' | tr -s ' ' | tr '\n' ';')"
done

# ---- methods on 100k rows
head -100001 "$WORK/events.csv" > "$WORK/events-100k.csv"
for method in copy batch row; do
  etl psql large -c "truncate public.bench_import" >/dev/null 2>&1
  out=$(etl import "$WORK/events-100k.csv" public.bench_import --scenario large --method "$method" 2>&1)
  say "method $method on 100k rows: $(echo "$out" | grep -E 'elapsed|rate' | tr -s ' ' | tr '\n' ';')"
done

# ---- transfer 1M rows against the shell pipe a user would write (text), in the same run
etl generate medium >/dev/null 2>&1
out=$(etl transfer --from large --query 'select * from dwh.response_events' --to medium --table dwh.response_events --replace 2>&1 | tail -1)
say "transfer (etl, binary): $out"
out=$(etl transfer --from large --query 'select id, form_id::text as form_id, form_name, user_id, user_full_name, submission_id, submission_created, processed_on, schema_path, value, answer_type, tag from dwh.response_events' --to medium --table dwh.response_events --replace 2>&1 | tail -1)
say "transfer (etl, text: one column's type differs): $out"
etl psql medium -c "truncate dwh.response_events" >/dev/null 2>&1
# the shell pipe a user would write, both ends on the same server
hold
start=$(now)
psql -h localhost -p "$PGPORT" -U postgres -d etl_run_large -Atc "\\copy (select * from dwh.response_events) to stdout" \
  | psql -h localhost -p "$PGPORT" -U postgres -d etl_run_medium -qc "\\copy dwh.response_events from stdin"
end=$(now)
release
say "transfer (psql \\copy to stdout | psql \\copy from stdin): $(secs "$start" "$end") s for 997,329 rows"

# ---- production: staged swap on large, incremental 1%/1%, resume, workers, row-commit fast vs durable
full=$(etl process large copy 2>&1 | sed -n 's/.*elapsed *\([0-9.]*\) s.*/\1/p')
say "full copy run on large: $full s"
say "staged on large: $(etl process large copy --publish staged 2>&1 | grep -E 'swap |elapsed' | tr -s ' ' | tr '\n' ';')"
etl generate large --append 273 --edit 273 >/dev/null 2>&1
say "incremental after 1% new and 1% changed on large: $(etl process large copy --publish incremental 2>&1 | grep -E 'submissions read|merge|elapsed' | tr -s ' ' | tr '\n' ';')"
# resume: the same checkpointed run uninterrupted, then killed once half of its chunks are checkpointed
start=$(now); etl process large copy --checkpoint-every 1000 > "$WORK/checkpointed.log" 2>&1; end=$(now)
say "checkpointed copy on large, uninterrupted: $(secs "$start" "$end") s as a command; $(grep -E 'chunks|elapsed' "$WORK/checkpointed.log" | tr -s ' ' | tr '\n' ';')"
src/bench/kill-half-way.sh "$DATA" "$WORK/killed.log" large copy 1000
killed_at=$(now)
say "resume of a large run killed once half its chunks were checkpointed: $(etl process large copy --resume 2>&1 | grep -E 'chunks|elapsed' | tr -s ' ' | tr '\n' ';') (total after the kill $(secs "$killed_at" "$(now)") s as a command)"
# workers: both designs, 1, 2 and 4 workers, each run published staged (charts in $WORK/sweeps)
for p in copy-binary chunked-stateless; do
  etl sweep large "$p" --over-workers 1,2,4 --profiles "$WORK/sweeps" 2>&1 | sed -n '/^workers/,/^Charts/p' | tee -a "$WORK/results.txt"
done
say "row-commit on medium, fast: $(etl process medium row-commit 2>&1 | grep -E 'elapsed|rate' | tr -s ' ' | tr '\n' ';')"
say "row-commit on medium, durable: $(etl process medium row-commit --durable 2>&1 | grep -E 'elapsed|rate' | tr -s ' ' | tr '\n' ';')"
echo "results: $WORK/results.txt"
