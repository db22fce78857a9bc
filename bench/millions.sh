#!/usr/bin/env bash
# Millions of items on the RocksDB store (issue 16's targets), in one run:
#  1. starts the server jar with default flags on a fresh data directory;
#  2. BulkLoad: GetItem and Query p99, ops/s and server CPU on the table's first 10,000 items, then the
#     bulk load of ITEMS items by BatchWriteItem (lean client, THREADS threads) with resident memory
#     sampled every second, GetItem second by second for 10 s after the load, and GetItem / Query on the
#     whole table;
#  3. stops the server (a normal stop: memtables flushed, nothing to replay) and restarts it RESTARTS
#     times with the build's class-data archive, as the README's run command does (StartupProbe: time to
#     the first answered request, resident memory 2 s and 8 s after it);
#  4. prints a markdown summary against the targets and appends the JSON lines to RESULTS_FILE.
# Stops everything it started and removes its data directory on exit.
# Environment: ITEMS (10000000), ITEM_BYTES (200), THREADS (16), RESTARTS (3), SKIP_BUILD=1,
# SERVER_JVM_FLAGS (empty: the JVM's defaults; e.g. the README's "-XX:+UseSerialGC -Xmx256m"), used for every start,
# MVN_FLAGS (e.g. -o), RESULTS_FILE (bench/results-millions.jsonl), WORK_DIR (a directory on the disk to
# measure; default a new one under /tmp).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ITEMS=${ITEMS:-10000000}
ITEM_BYTES=${ITEM_BYTES:-200}
THREADS=${THREADS:-16}
RESTARTS=${RESTARTS:-3}
RESULTS_FILE=${RESULTS_FILE:-$ROOT/bench/results-millions.jsonl}
SERVER_JAR=$ROOT/server/target/dynarocks.jar
CDS_FLAG="-XX:SharedArchiveFile=$ROOT/server/target/dynarocks.jsa"
BENCH_JAR=$ROOT/bench/target/dynarocks-bench.jar
WORK=$(mktemp -d "${WORK_DIR:-/tmp}/dynarocks-millions.XXXXXX")
RUN=$WORK/run.jsonl
SERVER_JVM_FLAGS=${SERVER_JVM_FLAGS:-}
LABEL="dynarocks-rocksdb $ITEMS x $ITEM_BYTES B${SERVER_JVM_FLAGS:+ ($SERVER_JVM_FLAGS)}"
SERVER_PID=

cleanup() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[millions $(date +%T)] $*" >&2; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the server and bench jars"
  mvn -B -q ${MVN_FLAGS:-} package -DskipTests -Pbench -pl server,bench -am
fi
# A JVM given an archive that does not belong to the jar starts without it, and the restart figures would
# silently be those without it: refuse to measure then.
if ! java -Xshare:on "$CDS_FLAG" -jar "$SERVER_JAR" --version >/dev/null 2>&1; then
  log "${CDS_FLAG#*=} is missing or does not belong to $SERVER_JAR: build both with mvn package (without -Dcds.skip)"
  exit 1
fi

log "starting the server (JVM flags: ${SERVER_JVM_FLAGS:-defaults}) on a fresh data directory"
# shellcheck disable=SC2086 # the flags are separate words
java $SERVER_JVM_FLAGS -jar "$SERVER_JAR" --port 0 --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
deadline=$((SECONDS + 120))
until grep -q "listening on http://" "$WORK/server.log" 2>/dev/null; do
  if (( SECONDS > deadline )) || ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "server did not start; log:"; cat "$WORK/server.log" >&2; exit 1
  fi
  sleep 0.05
done
ENDPOINT=$(grep -o "http://127.0.0.1:[0-9]*" "$WORK/server.log" | head -1)

log "10,000-item figures, then loading $ITEMS x $ITEM_BYTES B with $THREADS threads"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.BulkLoad --endpoint "$ENDPOINT" --server-pid "$SERVER_PID" \
  --items "$ITEMS" --item-bytes "$ITEM_BYTES" --threads "$THREADS" --label "$LABEL" | tee -a "$RUN"

log "normal stop (flushes the memtables)"
stop_start=$SECONDS
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
log "stopped in $((SECONDS - stop_start)) s; on disk: $(du -sh "$WORK/data" | cut -f1)"
echo "{\"label\":\"$LABEL\",\"probe\":\"store\",\"diskMb\":$(du -sm "$WORK/data" | cut -f1)}" >>"$RUN"

for i in $(seq 1 "$RESTARTS"); do
  log "restart $i of $RESTARTS (StartupProbe, with the class-data archive)"
  # StartupProbe stops the server it starts (a normal stop) before it exits.
  # shellcheck disable=SC2086
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.StartupProbe cli $SERVER_JVM_FLAGS "$CDS_FLAG" "$SERVER_JAR" --data-dir "$WORK/data" \
    | tee -a "$RUN"
done

cat "$RUN" >>"$RESULTS_FILE"
log "JSON lines appended to $RESULTS_FILE"
python3 - "$RUN" "$ITEMS" "$(uptime | sed 's/.*load average: //')" "${SERVER_JVM_FLAGS:-JVM defaults}" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
items, load, jvm = int(sys.argv[2]), sys.argv[3], sys.argv[4]
def find(pred):
    return next((l for l in lines if pred(l)), {})
small = {w: find(lambda l: l.get('label', '').endswith(' 10,000 items') and l.get('workload') == w) for w in ('get', 'query')}
big = {w: find(lambda l: l.get('label', '').endswith(f' {items:,} items') and l.get('workload') == w) for w in ('get', 'query')}
bulk = find(lambda l: l.get('probe') == 'bulk-load')
store = find(lambda l: l.get('probe') == 'store')
starts = [l for l in lines if l.get('probe') == 'cli']
rss = [float(s.split(':')[1]) for s in bulk.get('samples', '').split() if ':' in s]
recovery = [r.split(':') for r in bulk.get('getRecovery', '').split()]
pre_get = float(small['get'].get('opsPerSec', 0))
back = next((int(s) for s, ops, _ in recovery if pre_get and float(ops) >= 0.8 * pre_get), None)
def ratio(w):
    a, b = float(big[w].get('p99Ms', 'nan')), float(small[w].get('p99Ms', 'nan'))
    return a / b if b else float('nan')
def ok(cond):
    return 'met' if cond else 'not met'
print(f"\n### {items:,} items x {bulk.get('itemBytes')} B, {bulk.get('threads')} threads, server JVM flags: {jvm} (load average at the end: {load})\n")
print('| what | figure | target |')
print('|---|---|---|')
print(f"| bulk load (BatchWriteItem, lean client) | {float(bulk.get('itemsPerSec', 0)):,.0f} items/s, "
      f"{bulk.get('serverCpuUsPerItem')} µs server CPU per item, {bulk.get('loadSeconds')} s, {bulk.get('retries', 0)} batches retried "
      f"| ≥ 100,000 items/s: {ok(float(bulk.get('itemsPerSec', 0)) >= 100000)} |")
for w, name in (('get', 'GetItem'), ('query', 'Query (10 items)')):
    s, b = small[w], big[w]
    print(f"| {name} p99, 10,000 items → {items:,} | {s.get('p99Ms')} → {b.get('p99Ms')} ms "
          f"({s.get('opsPerSec')} → {b.get('opsPerSec')} ops/s, {s.get('serverCpuUsPerOp')} → {b.get('serverCpuUsPerOp')} µs CPU/op) "
          f"| within 20 %: {ok(ratio(w) <= 1.2)} ({ratio(w):.2f}x) |")
print(f"| GetItem after the load, second:ops/s:µs CPU/op | {bulk.get('getRecovery')} "
      f"| ≥ 80 % of {pre_get:,.0f} ops/s within 10 s: {ok(back is not None)}{'' if back is None else f' (second {back})'} |")
print(f"| resident memory during the load | max {max(rss, default=float('nan')):.0f} MB, "
      f"{bulk.get('rssEndMb')} MB at the end | < 512 MB: {ok(rss and max(rss) < 512)} |")
print(f"| on disk after a normal stop | {store.get('diskMb')} MB | |")
for i, s in enumerate(starts, 1):
    print(f"| restart {i} to first answer (class-data archive) | {s.get('firstAnswerMs')} ms, RSS {s.get('idleRssMb')} MB "
          f"2 s after, {s.get('idle8sRssMb')} MB 8 s after | < 1 s: {ok(float(s.get('firstAnswerMs', 1e9)) < 1000)} |")
EOF
