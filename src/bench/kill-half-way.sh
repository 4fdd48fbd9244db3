#!/usr/bin/env bash
# Starts `etl process SCENARIO PROCESSOR --checkpoint-every N` and kills it (SIGKILL) once half of its
# chunks are checkpointed, for the scripts that time a resume against an uninterrupted run. Its output
# goes to LOG. Usage: src/bench/kill-half-way.sh DATA_DIR LOG SCENARIO PROCESSOR [CHECKPOINT_EVERY=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="$1" LOG="$2" SCENARIO="$3" PROCESSOR="$4" EVERY="${5:-1000}"
launched="$(date -u '+%Y-%m-%d %H:%M:%S.%N+00')" # this run's row is the one started after this
./etl process "$SCENARIO" "$PROCESSOR" --data-dir "$DATA" --checkpoint-every "$EVERY" >"$LOG" 2>&1 & pid=$!
port=""
# (a build by ./etl first, or a slow start, only delays this: it waits while the command is alive)
while kill -0 "$pid" 2>/dev/null; do port=$(sed -n 's/.*port \([0-9]*\)).*/\1/p' "$LOG" | head -1); [ -n "$port" ] && break; sleep 0.1; done
while kill -0 "$pid" 2>/dev/null; do
  half=$(psql -h localhost -p "$port" -U postgres -d "etl_run_$SCENARIO" -tAc "select count(c.*) * 2 >= r.chunks from dwh.etl_runs r
         left join dwh.etl_checkpoints c on c.run_id = r.id where r.id = (select max(id) from dwh.etl_runs
         where started >= '$launched' and status = 'running') and r.chunks > 0
         group by r.chunks" 2>/dev/null || true)
  [ "$half" = "t" ] && break
  sleep 0.05
done
kill -0 "$pid" 2>/dev/null || { echo "kill-half-way: the run ended before half its chunks were checkpointed ($LOG)" >&2; exit 1; }
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
