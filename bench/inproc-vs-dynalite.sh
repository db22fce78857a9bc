#!/usr/bin/env bash
# Issue 16's in-process target in one run: the in-process SDK client against an embedded in-memory server
# (InProcessComparison) and dynalite 4.0.0 over HTTP (LoadGenerator, SDK client), GetItem and PutItem at
# THREADS threads, alternating for ROUNDS rounds, then a table of ops/s and the ratios per round.
# Every bench jar named in IN_PROCESS_JARS (default: this build's) runs its in-process round right after
# the same dynalite round, so two builds can be compared in the same run.
# Stops only the processes it started. Environment: ROUNDS (2), THREADS (16), ITEMS (100000), ITEM_BYTES (1024),
# SECONDS_PER_RUN (4), WARMUP_SECONDS (2), CLIENT_WARMUP_SECONDS (5: each of CLIENT_WARMUP_WORKLOADS in turn before
# each JVM's first measured run, for the dynalite load generator and the in-process client alike),
# CLIENT_WARMUP_WORKLOADS (get; get,put warms PutItem's code paths too),
# IN_PROCESS_JARS, SKIP_BUILD=1, MVN_FLAGS (e.g. -o), DYNALITE_DIR (a directory holding node_modules/dynalite;
# default: installed with npm into a temporary directory), RESULTS_FILE (bench/results-inproc.jsonl).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-16}
ITEMS=${ITEMS:-100000}
ITEM_BYTES=${ITEM_BYTES:-1024}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}
CLIENT_WARMUP_SECONDS=${CLIENT_WARMUP_SECONDS:-5}
CLIENT_WARMUP_WORKLOADS=${CLIENT_WARMUP_WORKLOADS:-get}
BENCH_JAR=bench/target/dynarocks-bench.jar
IN_PROCESS_JARS=${IN_PROCESS_JARS:-$BENCH_JAR}
RESULTS_FILE=${RESULTS_FILE:-bench/results-inproc.jsonl}
WORK=$(mktemp -d)
RUN=$WORK/run.jsonl
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the server and bench jars"
  mvn -B -q ${MVN_FLAGS:-} package -DskipTests -Pbench -pl server,bench -am
fi
if [[ -z "${DYNALITE_DIR:-}" ]]; then
  log "installing dynalite 4.0.0 into $WORK"
  (cd "$WORK" && npm install --silent --no-audit --no-fund --no-save dynalite@4.0.0 >/dev/null)
  DYNALITE_DIR=$WORK
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
node "$DYNALITE_DIR/node_modules/dynalite/cli.js" --port "$port" --host 127.0.0.1 \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$WORK/dynalite.log" 2>&1 &
dynalite=$!
PIDS+=("$dynalite")
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done

# Tags each JSON line with the round, the jar and the load average at its end.
tag() {
  python3 -c '
import json, os, sys
for line in sys.stdin:
    if line.startswith("{"):
        d = json.loads(line); d.update(round=int(sys.argv[1]), jar=sys.argv[2], loadAverage=os.getloadavg()[0])
        print(json.dumps(d), flush=True)' "$@" | tee -a "$RUN"
}

log "dynalite: preloading $ITEMS x $ITEM_BYTES B"
java -cp "$BENCH_JAR" io.dynarocks.bench.load.LoadGenerator --endpoint "http://127.0.0.1:$port" --label dynalite \
  --preload-only --items "$ITEMS" --item-bytes "$ITEM_BYTES" --threads 16 >/dev/null
for ((r = 1; r <= ROUNDS; r++)); do
  log "round $r: dynalite"
  java -cp "$BENCH_JAR" io.dynarocks.bench.load.LoadGenerator --endpoint "http://127.0.0.1:$port" --label dynalite \
    --no-preload --workloads get,put --threads "$THREADS" --seconds "$SECONDS_PER_RUN" \
    --warmup-seconds "$WARMUP_SECONDS" --client-warmup-seconds "$CLIENT_WARMUP_SECONDS" --client-warmup-workloads "$CLIENT_WARMUP_WORKLOADS" \
    --items "$ITEMS" --item-bytes "$ITEM_BYTES" --server-pid "$dynalite" \
    | tag "$r" dynalite
  for jar in $IN_PROCESS_JARS; do
    log "round $r: in process ($jar)"
    java -cp "$jar" io.dynarocks.bench.load.InProcessComparison --clients embedded-in-process --workloads get,put \
      --threads "$THREADS" --seconds "$SECONDS_PER_RUN" --warmup-seconds "$WARMUP_SECONDS" \
      --client-warmup-seconds "$CLIENT_WARMUP_SECONDS" --client-warmup-workloads "$CLIENT_WARMUP_WORKLOADS" \
      --items "$ITEMS" --item-bytes "$ITEM_BYTES" --process-cpu \
      | tag "$r" "$jar"
  done
done
cat "$RUN" >>"$RESULTS_FILE"

python3 - "$RUN" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
jars = list(dict.fromkeys(r["jar"] for r in rows if r["jar"] != "dynalite"))
def pick(rnd, jar, w):
    return next((r for r in rows if r["round"] == rnd and r["jar"] == jar and r["workload"] == w), None)
print("| round | jar | load average | dynalite get | in-process get | ratio | dynalite put | in-process put | ratio | in-process caller CPU µs/op get / put |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for rnd in sorted({r["round"] for r in rows}):
    for jar in jars:
        cells, cpu = [], []
        for w in ("get", "put"):
            d, i = pick(rnd, "dynalite", w), pick(rnd, jar, w)
            if d and i:
                cells += [f"{d['opsPerSec']:,.0f}", f"{i['opsPerSec']:,.0f}", f"{i['opsPerSec'] / d['opsPerSec']:.1f}x"]
                cpu.append(f"{i.get('callerCpuUsPerOp', 0):.1f}")
            else:
                cells += ["-", "-", "-"]
        load = pick(rnd, jar, "put") or pick(rnd, jar, "get")
        print(f"| {rnd} | {jar} | {load['loadAverage']:.1f} | " + " | ".join(cells) + f" | {' / '.join(cpu)} |")
EOF
