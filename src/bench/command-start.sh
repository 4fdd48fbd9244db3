#!/usr/bin/env bash
# What a command costs from the shell to its exit, before and after a change: two commits of this
# repository are put side by side, each built by its own ./etl launcher (so each gets what its launcher
# makes: since 713ea6c, a class-data-sharing archive), then `./etl COMMAND...` is timed in alternating
# rounds, the order of the two swapped every round, each build on its own data directory (made once,
# not timed). Prints every time, then the median and range of each, and the ratio after/before.
# Not a test: run it on a quiet machine.
#
# Usage: src/bench/command-start.sh BEFORE_REF [AFTER_REF=HEAD] [ROUNDS=7] [COMMAND...=process small copy]
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE="${1:?usage: src/bench/command-start.sh BEFORE_REF [AFTER_REF] [ROUNDS] [COMMAND...]}"
AFTER="${2:-HEAD}"
ROUNDS="${3:-7}"
shift $(( $# < 3 ? $# : 3 ))
COMMAND=(process small copy)
[ $# -eq 0 ] || COMMAND=("$@")
WORK="${WORK:-$(mktemp -d)}" # WORK=DIR reuses the checkouts, builds and data of an earlier run
echo "work files in $WORK" >&2

checkout() { # name ref
  [ ! -d "$WORK/$1" ] || return 0
  mkdir -p "$WORK/$1"
  git archive "$(git rev-parse "$2")" | tar -x -C "$WORK/$1"
  (cd "$WORK/$1" && ./etl --version >"$WORK/$1-build.log" 2>&1) || { cat "$WORK/$1-build.log" >&2; exit 1; }
  # the command's data made once (a scenario's template), not timed
  (cd "$WORK/$1" && ./etl "${COMMAND[0]}" --data-dir "$WORK/$1-data" "${COMMAND[@]:1}" >/dev/null 2>&1) || true
}
checkout before "$BEFORE"
checkout after "$AFTER"

timed() { # name -> seconds, command to exit
  local start end
  start=$(date +%s.%N)
  (cd "$WORK/$1" && ./etl "${COMMAND[0]}" --data-dir "$WORK/$1-data" "${COMMAND[@]:1}" >"$WORK/$1-last.log" 2>&1) \
    || { cat "$WORK/$1-last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
echo "build,round,seconds" >"$WORK/times.csv"
for round in $(seq "$ROUNDS"); do
  order=(before after); [ $((round % 2)) -eq 0 ] && order=(after before)
  for which in "${order[@]}"; do
    seconds=$(timed "$which")
    echo "$which,$round,$seconds" | tee -a "$WORK/times.csv"
  done
done
grep -E "start-up" "$WORK/before-last.log" "$WORK/after-last.log" || true
python3 - "$WORK/times.csv" "$BEFORE" "$AFTER" "${COMMAND[*]}" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
med = {}
for build in ("before", "after"):
    times = sorted(float(r["seconds"]) for r in rows if r["build"] == build)
    med[build] = statistics.median(times)
    print(f"{build:6} ({sys.argv[2] if build == 'before' else sys.argv[3]}): ./etl {sys.argv[4]}: median {med[build]:.2f} s, "
          f"range {times[0]:.2f}-{times[-1]:.2f} s over {len(times)} rounds")
print(f"after / before: {med['after'] / med['before']:.2f}")
PY
