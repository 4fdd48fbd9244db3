#!/usr/bin/env bash
# staged swap on xlarge with a reader querying the live table throughout
# Not a test: prints what it measured. Needs psql on the PATH. About 5 minutes on 2 cores.
# Usage: src/bench/staged-xlarge.sh [DATA_DIR]
set -uo pipefail
cd "$(dirname "$0")/../.."
DATA="${1:-.etl-bench}"; WORK=$(mktemp -d)
etl() { ./etl "$1" --data-dir "$DATA" "${@:2}"; }
now() { date +%s.%N; }
start=$(now); etl generate xlarge > "$WORK/gen.log" 2>&1; echo "generate xlarge: $(echo "$(now) - $start" | bc) s"
etl process xlarge copy-binary --publish staged > "$WORK/first.log" 2>&1; grep -E "swap|elapsed" "$WORK/first.log"
./etl process xlarge copy-binary --publish staged --data-dir "$DATA" > "$WORK/staged.log" 2>&1 & pid=$!
for _ in $(seq 600); do PGPORT=$(sed -n 's/.*port \([0-9]*\)).*/\1/p' "$WORK/staged.log" | head -1); [ -n "$PGPORT" ] && break; sleep 0.1; done
: > "$WORK/reader.txt"
while kill -0 $pid 2>/dev/null; do
  s=$(now); n=$(psql -h localhost -p "$PGPORT" -U postgres -d etl_run_xlarge -tAc "select count(*) from dwh.response_events" 2>/dev/null); e=$(now)
  [ -n "$n" ] && echo "$(echo "($e - $s) * 1000" | bc | cut -d. -f1) $n" >> "$WORK/reader.txt"
done
wait $pid
grep -E "swap|elapsed|events written" "$WORK/staged.log"
echo "reader: $(wc -l < "$WORK/reader.txt") queries, longest $(sort -n "$WORK/reader.txt" | tail -1 | cut -d' ' -f1) ms, counts seen: $(cut -d' ' -f2 "$WORK/reader.txt" | sort -u | tr '\n' ' ')"
# a psql start alone, for scale
s=$(now); psql -h localhost -p 1 -U postgres -c "select 1" >/dev/null 2>&1; echo "psql start (refused): $(echo "($(now) - $s) * 1000" | bc | cut -d. -f1) ms"
echo "$WORK"
