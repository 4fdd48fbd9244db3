#!/usr/bin/env bash
# What the Citus coordinator costs against one server on the same machine: a matrix of SCENARIO on the embedded
# server, then the same matrix on a local Citus cluster (a coordinator and two workers, started here and stopped
# after) with --distributed, whose report sets each processor's time beside one server's, with the ratio, and shows
# where the time went (this JVM's, the coordinator's and the workers' CPU; the coordinator's statements to the workers).
# Not a test: a measurement, for a quiet machine. Needs Citus built (.ci/citus/build-citus.sh).
# Usage: src/bench/cluster-vs-one-server.sh SCENARIO [OUT_DIR] [matrix options, e.g. --repeat 3 --retry-disturbed 2]
# e.g.   src/bench/cluster-vs-one-server.sh large profiles/reference/cluster-large --repeat 3 --retry-disturbed 2
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario="${1:?usage: $0 SCENARIO [OUT_DIR] [matrix options]}"; out="${2:-profiles/cluster-$scenario}"; shift $(( $# >= 2 ? 2 : 1 ))
port=55440
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/$((port + 1))) 2>/dev/null \
  || (exec 3<>/dev/tcp/127.0.0.1/$((port + 2))) 2>/dev/null; do port=$((port + 3)); done
cluster="$(mktemp -d /tmp/etl-citus-bench-XXXXXX)"
trap '.ci/citus/start-cluster.sh --stop "$cluster"; rm -rf "$cluster"' EXIT
./etl matrix "$scenario" "$@" --out "$out/one-server"
url="$(.ci/citus/start-cluster.sh "$cluster" "$port" | tail -1)"
echo "Citus cluster: $url"
./etl matrix "$scenario" "$@" --url "$url" --distributed --beside "$out/one-server" --out "$out/cluster"
echo "Reports: $out/one-server/report.html and $out/cluster/report.html (the comparison is in the cluster's)"
