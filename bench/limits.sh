#!/usr/bin/env bash
# What --limits costs the request path: server CPU per request (µs/op, LoadGenerator --server-pid) for
# PutItem, GetItem and Query against an in-memory server started without --limits, with --limits (quotas
# raised so that nothing is throttled: every request is admitted, metered and charged), and, when BASE_JAR
# names a jar built from the commit before --limits existed, against that jar. Rounds alternate the
# servers, so a machine whose load changes during the run affects them alike. Prints one JSON line per
# workload and server, and the load average before and after.
# Tunables (environment): ROUNDS (3), SECONDS_PER_RUN (4), WARMUP_SECONDS (2), THREADS (16), ITEMS (10000),
# WORKLOADS (put,get,query), BASE_JAR (none). Stops only the servers it started.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
THREADS=${THREADS:-16}
ITEMS=${ITEMS:-10000}
WORKLOADS=${WORKLOADS:-put,get,query}
SERVER_JAR=server/target/dynarocks.jar
BENCH_JAR=bench/target/dynarocks-bench.jar
# Quotas high enough that the load generator is never throttled: the cost measured is metering alone.
UNTHROTTLED=(--limits --limit partition-read=1000000000 --limit partition-write=1000000000
  --limit on-demand-read=1000000000 --limit on-demand-write=1000000000
  --limit table-read=1000000000 --limit table-write=1000000000)
WORK=$(mktemp -d /tmp/dynarocks-limits.XXXXXX)
PID=""
cleanup() {
  if [[ -n $PID ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

run() { # label jar args...
  local label=$1 jar=$2; shift 2
  java -jar "$jar" --port 0 --in-memory "$@" >"$WORK/$label.log" 2>&1 &
  PID=$!
  local deadline=$((SECONDS + 60))
  until grep -q "listening on http://" "$WORK/$label.log" 2>/dev/null; do
    (( SECONDS < deadline )) || { cat "$WORK/$label.log" >&2; exit 1; }
    sleep 0.05
  done
  local endpoint
  endpoint=$(grep -o "http://127.0.0.1:[0-9]*" "$WORK/$label.log" | head -1)
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.LoadGenerator --endpoint "$endpoint" --label "$label" \
    --client raw --items "$ITEMS" --item-bytes 1024 --seconds "$SECONDS_PER_RUN" \
    --warmup-seconds "$WARMUP_SECONDS" --threads "$THREADS" --workloads "$WORKLOADS" --server-pid "$PID"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= ROUNDS; round++)); do
  if [[ -n ${BASE_JAR:-} ]]; then run "before-limits" "$BASE_JAR"; fi
  run "limits-off" "$SERVER_JAR"
  run "limits-on" "$SERVER_JAR" "${UNTHROTTLED[@]}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
