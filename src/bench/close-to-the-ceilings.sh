#!/usr/bin/env bash
# Every figure of issue 22's "Done when", measured in one run and printed beside its goal:
#   matrix     medians of 3 on large, ceilings (etl limit) in the same matrix: copy-binary and copy against
#              their streamed COPY ceilings, chunked-stateless and chunked against the JDBC batch, allocation
#              per event of chunked-stateless, copy-binary-indexes-after against psql \copy
#   workers    copy-binary --workers 2 against one stream (both published staged), alternating rounds
#   start      ./etl process small copy, command to exit, against 296386b's build (src/bench/command-start.sh)
#   production an incremental 1%+1% run against a full one, and a resume after a half-way kill against an
#              uninterrupted run, all timed as commands
#   import     etl import of large's events over loopback HTTP (gzip) against psql \copy of the local
#              file, and --workers 2 against one connection
# Not a test: run it on a quiet machine (every profile says how much CPU others took). Needs psql,
# python3, bc, git. About 40 minutes on 2 cores.
# Usage: src/bench/close-to-the-ceilings.sh [DATA_DIR] [SECTION...]   (default: every section)
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="$(realpath -m "${1:-.etl-ceilings}")"
shift || true
SECTIONS="${*:-matrix workers start production import}"
WORK="$(mktemp -d)"
ROUNDS=3
etl() { ./etl "$1" --data-dir "$DATA" "${@:2}"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
say() { printf '%s\n' "$*" | tee -a "$WORK/results.txt"; }
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }
median() { python3 -c 'import statistics,sys; v=sorted(map(float,sys.argv[1:])); print(f"{statistics.median(v):.2f} (range {v[0]:.2f}-{v[-1]:.2f}, n={len(v)})")' "$@"; }
rate_of() { python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["rowsPerSecond"]))' "$1"; }
echo "work files in $WORK" >&2
say "machine: $(nproc) CPUs; $(./etl --version); commit $(git rev-parse --short HEAD); $(date -u +%FT%TZ)"
etl generate large >/dev/null 2>&1

if wants matrix; then
  etl matrix large copy copy-binary chunked-stateless chunked copy-binary-indexes-after --repeat "$ROUNDS" \
    --out "$WORK/matrix" >"$WORK/matrix.log" 2>&1 || { tail -20 "$WORK/matrix.log" >&2; exit 1; }
  python3 - "$WORK/matrix" <<'PY' | tee -a "$WORK/results.txt"
import glob, json, statistics, sys
runs = sys.argv[1] + "/runs"
def med(values): return statistics.median(values) if values else float("nan")
ceilings = {}
for path in glob.glob(runs + "/*_limit_*.json"):
    for c in json.load(open(path)):
        ceilings.setdefault(c["name"], []).append(c["rows"] / c["seconds"])
ceiling = {name: med(v) for name, v in ceilings.items()}
def processor(name):
    profiles = [json.load(open(p)) for p in glob.glob(f"{runs}/large_{name}_[0-9]*.json")]
    rate = med([p["rowsPerSecond"] for p in profiles])
    per_event = med([p["memory"]["allocatedBytes"] / max(1, p["events"]["written"]) for p in profiles])
    outside = max((p.get("interference") or {}).get("outsideShare", 0) for p in profiles) if profiles else 0
    return rate, per_event, len(profiles), outside
print(f"ceilings (medians of {len(glob.glob(runs + '/*_limit_*.json'))}): "
      + "; ".join(f"{n} {r:,.0f} rows/s" for n, r in sorted(ceiling.items())))
for name, against, goal in [("copy-binary", "binary COPY, streamed", 0.90), ("copy", "text COPY, streamed", 0.90),
                            ("chunked-stateless", "JDBC batch", 0.85), ("chunked", "JDBC batch", 0.80),
                            ("copy-binary-indexes-after", "psql \\copy CSV", 2.0)]:
    rate, per_event, n, outside = processor(name)
    ratio = rate / ceiling[against]
    print(f"{name}: {rate:,.0f} rows/s (median of {n}; others took at most {outside:.0%} of the CPU), "
          f"{ratio:.2f}x {against} (goal {goal}x): {'met' if ratio >= goal else 'NOT met'}; allocated {per_event:,.0f} B per event")
rate, per_event, n, _ = processor("chunked-stateless")
print(f"chunked-stateless allocates {per_event:,.0f} B per event (goal < 2,048): {'met' if per_event < 2048 else 'NOT met'}")
PY
fi

if wants workers; then
  one=(); two=()
  for round in $(seq "$ROUNDS"); do
    for w in $([ $((round % 2)) -eq 1 ] && echo "1 2" || echo "2 1"); do
      etl process large copy-binary --publish staged --workers "$w" --profile-out "$WORK/workers-$w-$round.json" >/dev/null 2>&1
      r=$(rate_of "$WORK/workers-$w-$round.json")
      if [ "$w" = 1 ]; then one+=("$r"); else two+=("$r"); fi
    done
  done
  say "copy-binary published staged, one stream: $(median "${one[@]}") rows/s; --workers 2: $(median "${two[@]}") rows/s"
  say "  --workers 2 / one stream: $(python3 -c 'import statistics,sys; a,b=sys.argv[1].split(),sys.argv[2].split(); r=statistics.median(map(float,b))/statistics.median(map(float,a)); print(f"{r:.2f} (goal 1.1): " + ("met" if r>=1.1 else "NOT met"))' "${one[*]}" "${two[*]}")"
fi

if wants start; then
  src/bench/command-start.sh 296386b HEAD 5 process small copy 2>/dev/null | tail -3 | tee -a "$WORK/results.txt"
  say "  (goal: after / before at most 0.50)"
fi

# psql and the kill watcher talk to the embedded server directly, while one etl psql session keeps it up
hold() { ( ./etl psql --data-dir "$DATA" large -c "select pg_sleep(3600)" > "$WORK/hold.log" 2>&1 & echo $! > "$WORK/hold.pid" )
         for _ in $(seq 100); do PGPORT=$(sed -n 's/.*port \([0-9]*\)).*/\1/p' "$WORK/hold.log" | head -1); [ -n "$PGPORT" ] && break; sleep 0.2; done
         sleep 1; }
tree() { for child in $(pgrep -P "$1" || true); do tree "$child"; done; echo "$1"; }
release() { kill $(tree "$(cat "$WORK/hold.pid")") 2>/dev/null || true; sleep 3; }
timed() { local start; start=$(now); "$@" >"$WORK/timed.log" 2>&1 || { cat "$WORK/timed.log" >&2; exit 1; }; secs "$start" "$(now)"; }

if wants production; then
  full=$(timed etl process large copy --publish staged)
  etl generate large --append 273 --edit 273 >/dev/null 2>&1
  incremental=$(timed etl process large copy --publish incremental)
  say "incremental 1%+1% on large: $incremental s as a command; a full staged run $full s: $(echo "scale=3; $incremental / $full" | bc) (goal at most 0.05)"
  uninterrupted=$(timed etl process large copy --checkpoint-every 1000)
  src/bench/kill-half-way.sh "$DATA" "$WORK/killed.log" large copy 1000
  resumed=$(timed etl process large copy --resume)
  say "resume after a half-way kill: $resumed s as a command; uninterrupted checkpointed run $uninterrupted s: $(echo "scale=2; $resumed / $uninterrupted" | bc) (goal at most 0.60)"
fi

if wants import; then
  etl process large copy >/dev/null 2>&1
  etl export large dwh.response_events --to "$WORK/events.csv" >/dev/null 2>&1
  gzip -k -1 "$WORK/events.csv"
  ( cd "$WORK" && python3 -m http.server 0 --bind 127.0.0.1 > "$WORK/http.log" 2>&1 & echo $! > "$WORK/http.pid" )
  sleep 1
  HTTP_PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$WORK/http.log" | head -1)
  fresh() { etl psql large -c "drop table if exists public.bench_import; create table public.bench_import (like dwh.response_events)" >/dev/null 2>&1; }
  http=(); workers=(); psqls=()
  for round in $(seq "$ROUNDS"); do
    fresh; http+=("$(timed etl import "http://127.0.0.1:$HTTP_PORT/events.csv.gz" public.bench_import --scenario large)")
    fresh; workers+=("$(timed etl import "http://127.0.0.1:$HTTP_PORT/events.csv.gz" public.bench_import --scenario large --workers 2)")
    fresh; hold
    psqls+=("$(timed psql -h localhost -p "$PGPORT" -U postgres -d etl_run_large -qc "\\copy public.bench_import from '$WORK/events.csv' (format csv, header)")")
    release
  done
  kill "$(cat "$WORK/http.pid")" 2>/dev/null || true
  say "import of large's events into a table without indexes, as commands: over HTTP (gzip) $(median "${http[@]}") s; --workers 2 $(median "${workers[@]}") s; psql \\copy of the local CSV $(median "${psqls[@]}") s"
  say "  $(python3 -c 'import statistics,sys; h,w,p=(statistics.median(map(float,a.split())) for a in sys.argv[1:]); print(f"rate against psql \\copy {p/h:.2f}x (goal 1.2x): " + ("met" if p/h>=1.2 else "NOT met") + f"; --workers 2 against one connection {h/w:.2f}x (goal at least 1.0): " + ("met" if h/w>=1.0 else "NOT met"))' "${http[*]}" "${workers[*]}" "${psqls[*]}")"
fi
echo "results: $WORK/results.txt"
