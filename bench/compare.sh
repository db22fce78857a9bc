#!/usr/bin/env bash
# Measures DynaRocks (RocksDB and in-memory), dynalite 4.0.0 (in-memory) and a trivial Netty server
# answering a fixed 200, in one run on loopback, and writes the figures into bench/RESULTS.md; also
# the DAX-style cache port against the main port (hot keys), the in-process client against loopback
# HTTP, and start-up and memory with the recommended JVM flags (RECOMMENDED_JVM_FLAGS).
# Stops only the processes it started. Tunables (environment): SECONDS_PER_RUN, WARMUP_SECONDS,
# THREADS, WORKLOADS, RAW_WORKLOADS (empty: none), ITEMS, ITEM_BYTES, SETTLE_SECONDS, LIFECYCLES, SKIP_BUILD=1,
# MVN_FLAGS (e.g. -o), SKIP_STARTUP=1 (no start-up probes).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
THREADS=${THREADS:-1,16}
WORKLOADS=${WORKLOADS:-put,get,mixed,query,update,transact-write,batch-write,scan}
# Run again with the lean client (LoadGenerator --client raw), which leaves the servers more of the CPU.
RAW_WORKLOADS=${RAW_WORKLOADS:-put,get,query,update,batch-write,transact-write,scan}
ITEMS=${ITEMS:-100000}
ITEM_BYTES=${ITEM_BYTES:-1024}
# Resident memory is read 1 s after the preload and again after this many idle seconds (IdleHeap's
# periodic collection runs after 5 s without one).
SETTLE_SECONDS=${SETTLE_SECONDS:-12}
# Table life cycles (LifecycleBenchmark) per server, after as many again to warm up.
LIFECYCLES=${LIFECYCLES:-100}
# Documented in bench/README.md and used by the Docker image; every other run uses the JVM's defaults.
RECOMMENDED_JVM_FLAGS="-XX:+UseSerialGC -Xmx256m"
SERVER_JAR=server/target/dynarocks.jar
# The AppCDS archive the server build writes beside the jar (README.md, "Faster start").
CDS_FLAG="-XX:SharedArchiveFile=server/target/dynarocks.jsa"
BENCH_JAR=$ROOT/bench/target/dynarocks-bench.jar
WORK=$(mktemp -d /tmp/dynarocks-compare.XXXXXX)
RESULTS=$WORK/results.jsonl
STARTED=()

cleanup() {
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[compare $(date +%T)] $*" >&2; }

stop() { # stops one process this script started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Waits for "listening on http://..." in a log and prints the endpoint (the n-th one printed, default 1).
await_endpoint() {
  local logfile=$1 nth=${2:-1} deadline=$((SECONDS + 60))
  while (( SECONDS < deadline )); do
    if grep -q "listening on http://" "$logfile" 2>/dev/null; then
      grep -o "http://127.0.0.1:[0-9]*" "$logfile" | sed -n "${nth}p"
      return 0
    fi
    sleep 0.05
  done
  log "server did not start; log:"; cat "$logfile" >&2; return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

loadgen() {
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.LoadGenerator --items "$ITEMS" --item-bytes "$ITEM_BYTES" \
    --seconds "$SECONDS_PER_RUN" --warmup-seconds "$WARMUP_SECONDS" --threads "$THREADS" "$@" | tee -a "$RESULTS"
}

# Preloads, reports RSS, runs the workloads against one started server.
measure() {
  local label=$1 endpoint=$2 pid=$3
  log "$label: preloading $ITEMS x $ITEM_BYTES B"
  loadgen --endpoint "$endpoint" --label "$label" --preload-only --server-pid "$pid" --settle-seconds "$SETTLE_SECONDS"
  log "$label: workloads $WORKLOADS at $THREADS threads"
  loadgen --endpoint "$endpoint" --label "$label" --no-preload --workloads "$WORKLOADS" --server-pid "$pid"
  if [[ -n "$RAW_WORKLOADS" ]]; then
    log "$label: workloads $RAW_WORKLOADS at $THREADS threads, lean client"
    loadgen --endpoint "$endpoint" --label "$label" --no-preload --workloads "$RAW_WORKLOADS" --client raw \
      --server-pid "$pid"
  fi
}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the server and bench jars"
  mvn -B -q ${MVN_FLAGS:-} package -DskipTests -Pbench -pl server,bench -am
fi

# The archive belongs to the jar it was made with, at that path: a JVM given it with another jar (a copy, or
# one rebuilt without the training run) ignores it after one warning line, and the "with the archive"
# start-up figures would silently be those without it. Make it again for this jar when it does not map.
# shellcheck disable=SC2086
if ! java -Xshare:on $CDS_FLAG -jar "$SERVER_JAR" --version >/dev/null 2>&1; then
  log "server/target/dynarocks.jsa does not belong to $SERVER_JAR: making it again (as the build does)"
  rm -f server/target/dynarocks.jsa
  java -XX:DumpLoadedClassList="$WORK/dynarocks.classlist" -jar "$SERVER_JAR" \
    --port 0 --data-dir "$WORK/startup-training" --startup-training >/dev/null
  java -Xshare:dump -XX:SharedClassListFile="$WORK/dynarocks.classlist" -XX:SharedArchiveFile=server/target/dynarocks.jsa \
    -Xlog:cds=off -cp "$SERVER_JAR"
  # shellcheck disable=SC2086
  java -Xshare:on $CDS_FLAG -jar "$SERVER_JAR" --version >/dev/null
fi

log "installing dynalite 4.0.0 into $WORK"
(cd "$WORK" && npm install --silent --no-audit --no-fund --no-save dynalite@4.0.0 >/dev/null)

if [[ -z "${SKIP_STARTUP:-}" ]]; then
log "start-up probes"
for i in 1 2; do
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe embedded | tee -a "$RESULTS"
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe embedded logging-ready | tee -a "$RESULTS"
done
for i in 1 2 3; do
  # JVM defaults, then with the build's class-data-sharing archive (README.md).
  for jvm in "" "$CDS_FLAG"; do
    # shellcheck disable=SC2086 # the flags are separate words
    java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe cli $jvm "$SERVER_JAR" --in-memory | tee -a "$RESULTS"
    # shellcheck disable=SC2086
    java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe cli $jvm "$SERVER_JAR" --data-dir "$WORK/probe-$i${jvm:+-cds}" \
      | tee -a "$RESULTS"
  done
done
for i in 1 2; do
  # The Docker image's JAVA_TOOL_OPTIONS: the recommended flags and the archive.
  # shellcheck disable=SC2086
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe cli $RECOMMENDED_JVM_FLAGS $CDS_FLAG "$SERVER_JAR" \
    --in-memory | tee -a "$RESULTS"
  # shellcheck disable=SC2086
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe cli $RECOMMENDED_JVM_FLAGS $CDS_FLAG "$SERVER_JAR" \
    --data-dir "$WORK/probe-flags-$i" | tee -a "$RESULTS"
done
fi

# The fixed-200 Netty server with both clients and every workload (it answers {} to each, so its CPU per
# request is the floor of the transport for that request's size). It is a ceiling, so it runs at the
# start and at the end of the run and the report takes the better figure of the two (one of them can
# meet a noisy moment).
baseline() {
  log "baseline: fixed-200 Netty server ($1)"
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.BaselineServer 0 >"$WORK/baseline.log" 2>&1 &
  STARTED+=($!); local pid=$!
  local endpoint; endpoint=$(await_endpoint "$WORK/baseline.log")
  loadgen --endpoint "$endpoint" --label baseline --no-preload --workloads "$WORKLOADS" --server-pid "$pid"
  if [[ -n "$RAW_WORKLOADS" ]]; then
    loadgen --endpoint "$endpoint" --label baseline --no-preload --workloads "$RAW_WORKLOADS" --client raw \
      --server-pid "$pid"
  fi
  stop "$pid"
}
baseline first

log "dynarocks-rocksdb (with the DAX-style cache port)"
java -jar "$SERVER_JAR" --port 0 --data-dir "$WORK/rocksdb" --dax-port 0 >"$WORK/rocksdb.log" 2>&1 &
STARTED+=($!); pid=$!
measure dynarocks-rocksdb "$(await_endpoint "$WORK/rocksdb.log")" "$pid"
log "dynarocks-rocksdb: hot-key reads through the main port, then the DAX-style cache port"
loadgen --endpoint "$(await_endpoint "$WORK/rocksdb.log")" --label dynarocks-rocksdb --no-preload --workloads hot-get \
  --server-pid "$pid"
loadgen --endpoint "$(await_endpoint "$WORK/rocksdb.log" 2)" --label dynarocks-rocksdb-dax --no-preload \
  --workloads hot-get --server-pid "$pid"
stop "$pid"

log "dynarocks-memory"
java -jar "$SERVER_JAR" --port 0 --in-memory >"$WORK/memory.log" 2>&1 &
STARTED+=($!); pid=$!
measure dynarocks-memory "$(await_endpoint "$WORK/memory.log")" "$pid"
stop "$pid"

for store in rocksdb memory; do
  log "dynarocks-$store with $RECOMMENDED_JVM_FLAGS: resident memory after the preload"
  if [[ $store == rocksdb ]]; then args=(--data-dir "$WORK/rocksdb-flags"); else args=(--in-memory); fi
  # shellcheck disable=SC2086
  java $RECOMMENDED_JVM_FLAGS -jar "$SERVER_JAR" --port 0 "${args[@]}" >"$WORK/$store-flags.log" 2>&1 &
  STARTED+=($!); pid=$!
  loadgen --endpoint "$(await_endpoint "$WORK/$store-flags.log")" --label "dynarocks-$store ($RECOMMENDED_JVM_FLAGS)" \
    --preload-only --server-pid "$pid" --settle-seconds "$SETTLE_SECONDS"
  stop "$pid"
done

log "in-process client against loopback HTTP (embedded in-memory server)"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.InProcessComparison --items "$ITEMS" --item-bytes "$ITEM_BYTES" \
  --seconds "$SECONDS_PER_RUN" --warmup-seconds "$WARMUP_SECONDS" --threads "$THREADS" --workloads get,put \
  | tee -a "$RESULTS"

log "test-suite workload: table life cycles in process and over loopback HTTP (embedded in-memory server)"
for mode in in-process http; do
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.LifecycleBenchmark --embedded "$mode" --cycles "$LIFECYCLES" \
    | tee -a "$RESULTS"
done

log "dynalite"
port=$(free_port)
node "$WORK/node_modules/dynalite/cli.js" --port "$port" --host 127.0.0.1 \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$WORK/dynalite.log" 2>&1 &
STARTED+=($!); pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done
measure dynalite "http://127.0.0.1:$port" "$pid"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.LifecycleBenchmark --endpoint "http://127.0.0.1:$port" --label dynalite \
  --cycles "$LIFECYCLES" | tee -a "$RESULTS"
stop "$pid"

baseline again

header="Run $(date -u +'%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(java -version 2>&1 | head -1), node $(node --version); \`SECONDS_PER_RUN=$SECONDS_PER_RUN WARMUP_SECONDS=$WARMUP_SECONDS \
THREADS=$THREADS ITEMS=$ITEMS ITEM_BYTES=$ITEM_BYTES bench/compare.sh\` (clients: AWS SDK v2 sync with the Apache 5 HTTP client, \
and the lean \`--client raw\` for $RAW_WORKLOADS; each in one JVM on the same machine). Raw lines:

\`\`\`
$(cat "$RESULTS")
\`\`\`"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.ResultsReport "$RESULTS" "$ROOT/bench/RESULTS.md" "$header"
cp "$RESULTS" "$ROOT/bench/results.jsonl"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.Charts "$RESULTS" "$ROOT/bench/charts"
log "wrote bench/RESULTS.md, bench/results.jsonl and the charts in bench/charts/"
