#!/usr/bin/env bash
# Is a change slower? Builds two commits of this repository side by side and runs them in alternating
# rounds on the same data: `etl process SCENARIO copy-binary` and `chunked-stateless`, and `etl import`
# of the scenario's events (a CSV exported once), ROUNDS times each, the order of the two builds swapped
# every round. Prints every figure, then the median and the range of each. Not a test: run it on a
# quiet machine (the profiles' "machine" line says how much others used). Needs git, mvn, python3.
#
# Usage: src/bench/before-after.sh BEFORE_REF [AFTER_REF=HEAD] [SCENARIO=large] [ROUNDS=5] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE="${1:?usage: src/bench/before-after.sh BEFORE_REF [AFTER_REF] [SCENARIO] [ROUNDS] [DATA_DIR]}"
AFTER="${2:-HEAD}"
SCENARIO="${3:-large}"
ROUNDS="${4:-5}"
DATA="$(realpath -m "${5:-.etl-before-after}")"
WORK="$(mktemp -d)"
PROCESSORS=(copy-binary chunked-stateless)
echo "work files in $WORK" >&2

build() { # ref -> directory with target/etl-workshop.jar
  local dir="$WORK/build-$1"
  mkdir -p "$dir"
  git archive "$(git rev-parse "$2")" | tar -x -C "$dir"
  (cd "$dir" && mvn -q -B -DskipTests package) >"$WORK/build-$1.log" 2>&1 || { cat "$WORK/build-$1.log" >&2; exit 1; }
  echo "$dir"
}
before_dir=$(build before "$BEFORE")
after_dir=$(build after "$AFTER")
run() { # which (before|after), command, its arguments (--data-dir goes first: etl psql passes the rest to psql)
  local dir; [ "$1" = before ] && dir="$before_dir" || dir="$after_dir"
  java ${ETL_JAVA_OPTS:-} -Detl.home="$dir" -jar "$dir/target/etl-workshop.jar" "$2" --data-dir "$DATA" "${@:3}"
}

# the data, once: the scenario's template, and its events as the CSV every import reads
run after generate "$SCENARIO" >/dev/null 2>&1
run after process "$SCENARIO" copy >/dev/null 2>&1
run after export "$SCENARIO" dwh.response_events --to "$WORK/events.csv" >/dev/null 2>&1
echo "measure,build,round,rows_per_second,seconds,machine" > "$WORK/figures.csv"

measure_process() { # which round processor
  local out
  out=$(run "$1" process "$SCENARIO" "$3" --profile-out "$WORK/$1-$3-$2.json" 2>&1)
  echo "$3,$1,$2,$(echo "$out" | sed -n 's/^  rate *\([0-9,]*\) rows\/s.*/\1/p' | tr -d ,),$(echo "$out" \
    | sed -n 's/^  elapsed *\([0-9.]*\) s.*/\1/p'),\"$(echo "$out" | sed -n 's/^  machine *//p' | head -1)\"" >> "$WORK/figures.csv"
}
measure_import() { # which round
  local out
  run "$1" psql "$SCENARIO" -c "drop table if exists public.bench_import; create table public.bench_import (like dwh.response_events including all)" >/dev/null 2>&1
  out=$(run "$1" import "$WORK/events.csv" public.bench_import --scenario "$SCENARIO" 2>&1)
  echo "import,$1,$2,$(echo "$out" | sed -n 's/^  rate *\([0-9,]*\) rows\/s.*/\1/p' | tr -d ,),$(echo "$out" \
    | sed -n 's/^  elapsed *\([0-9.]*\) s.*/\1/p'),\"\"" >> "$WORK/figures.csv"
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then order=(before after); else order=(after before); fi
  for which in "${order[@]}"; do
    for p in "${PROCESSORS[@]}"; do
      measure_process "$which" "$round" "$p"
    done
    measure_import "$which" "$round"
    echo "round $round/$ROUNDS: $which done" >&2
  done
done

cat "$WORK/figures.csv"
python3 - "$WORK/figures.csv" "$BEFORE" "$AFTER" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"\nbefore = {sys.argv[2]}, after = {sys.argv[3]}: median rows/s (min-max) over the rounds")
for measure in dict.fromkeys(r["measure"] for r in rows):
    line = [measure]
    medians = {}
    for build in ("before", "after"):
        rates = [float(r["rows_per_second"]) for r in rows if r["measure"] == measure and r["build"] == build and r["rows_per_second"]]
        if rates:
            medians[build] = statistics.median(rates)
            line.append(f"{build} {medians[build]:,.0f} ({min(rates):,.0f}-{max(rates):,.0f})")
    if len(medians) == 2:
        line.append(f"after/before {medians['after'] / medians['before']:.3f}")
    print("  " + "; ".join(line))
PY
