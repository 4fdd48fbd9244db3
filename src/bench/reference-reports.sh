#!/usr/bin/env bash
# Every committed reference report (profiles/reference/SET) made again in one sitting, by one build of
# one commit: large, medium, the durable sets (with row-commit and chunked-identity where their
# maxEvents lets them run), large-many-users (N+1 at scale) and xlarge. Afterwards, `./etl results-page`
# writes docs/results.md from them.
# Not a test: run it on a quiet machine with nothing else running (each report marks the rounds that
# others disturbed, and --retry-disturbed runs them again). About 2 hours on 2 cores.
# Usage: src/bench/reference-reports.sh [OUT_DIR] [DATA_DIR] [SET...]
#   OUT_DIR   where the sets are written (default: profiles/reference)
#   DATA_DIR  the embedded server's data directory, reused for the generated scenarios (default: .etl)
#   SET       which sets, in this order by default: large medium large-many-users medium-durable
#             large-durable xlarge
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(realpath -m "${1:-profiles/reference}")"
DATA="$(realpath -m "${2:-.etl}")"
shift 2 || shift $#
SETS="${*:-large medium large-many-users medium-durable large-durable xlarge}"
COMMIT="$(git rev-parse HEAD)"
if [[ -n "$(git status --porcelain --untracked-files=no -- src pom.xml scenarios)" ]]; then
  echo "the working tree has changes under src, pom.xml or scenarios: commit them first, so that one commit made every set" >&2
  exit 2
fi

matrix() { # SET SCENARIO [ARGS...]
  local set="$1" scenario="$2"
  echo "$(date -u +%FT%TZ) $set: etl matrix $scenario ${*:3}" >&2
  ./etl matrix "$scenario" "${@:3}" --retry-disturbed 2 --data-dir "$DATA" --out "$OUT/$set" >"$OUT/$set.log" 2>&1 \
    || { tail -20 "$OUT/$set.log" >&2; exit 1; }
  rm "$OUT/$set.log"
}

mkdir -p "$OUT"
./etl --version >/dev/null # builds once, before the first set
echo "commit $COMMIT, $(./etl --version), $(nproc) CPUs" >&2
for set in $SETS; do
  case "$set" in
    large|medium) matrix "$set" "$set" --repeat 3 ;;
    large-durable|medium-durable) matrix "$set" "${set%-durable}" --repeat 3 --durable ;;
    large-many-users) matrix "$set" large-many-users chunked chunked-no-join --repeat 3 --no-limit ;;
    xlarge) matrix "$set" xlarge chunked chunked-stateless copy copy-binary ;;
    *) echo "unknown set $set (large, medium, large-many-users, medium-durable, large-durable, xlarge)" >&2; exit 2 ;;
  esac
done
if [[ "$(git rev-parse HEAD)" != "$COMMIT" ]]; then
  echo "HEAD moved from $COMMIT during the sitting: the sets were not all made by one commit" >&2
  exit 1
fi
echo "$(date -u +%FT%TZ) done: every set by $COMMIT" >&2
