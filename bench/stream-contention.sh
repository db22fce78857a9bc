#!/usr/bin/env bash
# What a stream costs writers on etcd: PutItem through two servers on one 3-member etcd cluster (the
# same load generator driving each), on a table without a stream and on one with a stream, which every
# writer of the table advances through one sequence key. Prints LoadGenerator's JSON lines and, per
# run, the etcd transactions per acknowledged write (above 1 = commits retried after a conflict).
#
#   mvn -B package -DskipTests -Pbench -pl server,bench -am
#   bench/stream-contention.sh          # ITEMS, RUN_SECONDS, THREADS (per server) override the defaults
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/dynarocks-bench.jar
items=${ITEMS:-2000}
run_seconds=${RUN_SECONDS:-10}
threads=${THREADS:-8}
export CLUSTER_DIR=${CLUSTER_DIR:-$(mktemp -d)/cluster}
lg() {
  java -cp "$jar" io.dynarocks.bench.load.LoadGenerator --items "$items" --seconds "$run_seconds" \
    --warmup-seconds 0 --workloads put "$@"
}
# Transactions every etcd member has served (the servers spread requests over the members).
txns() {
  local total=0 port n
  for port in $(sed -n '1p;3p;5p' "$CLUSTER_DIR/ports"); do
    n=$(curl -s "http://127.0.0.1:$port/metrics" \
      | awk '/^grpc_server_handled_total\{.*grpc_method="Txn"/ { s += $2 } END { printf "%d", s }')
    total=$(( total + n ))
  done
  echo "$total"
}
call() { # endpoint, action, JSON body
  curl -s -X POST "$1" -H "X-Amz-Target: DynamoDB_20120810.$2" -H 'Content-Type: application/x-amz-json-1.0' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    -d "$3" > /dev/null
}

mapfile -t endpoints < <(scripts/cluster.sh start)
trap 'scripts/cluster.sh stop' EXIT
for table in plain streamed; do
  lg --endpoint "${endpoints[0]}" --table "$table" --label "preload-$table" --preload-only > /dev/null
done
call "${endpoints[0]}" UpdateTable \
  '{"TableName":"streamed","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}'
for table in plain streamed; do
  before=$(txns)
  out=$(mktemp)
  lg --endpoint "${endpoints[0]}" --table "$table" --label "etcd-2-servers-a-$table" --no-preload --threads "$threads" > "$out.a" &
  first=$!
  lg --endpoint "${endpoints[1]}" --table "$table" --label "etcd-2-servers-b-$table" --no-preload --threads "$threads" > "$out.b"
  wait "$first"
  after=$(txns)
  cat "$out.a" "$out.b" > "$out"
  rm -f "$out.a" "$out.b"
  cat "$out"
  ops=$(grep -o '"ops":[0-9]*' "$out" | cut -d: -f2 | paste -sd+ | bc)
  echo "{\"label\":\"etcd-2-servers-$table\",\"etcdTxns\":$(( after - before )),\"measuredWrites\":$ops}"
  rm -f "$out"
done
