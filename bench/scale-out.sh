#!/usr/bin/env bash
# Throughput of DynaRocks on a 3-member etcd cluster with one and with two servers, against one server
# on RocksDB, with the same load generator and workloads. Prints LoadGenerator's JSON lines.
#
#   mvn -B package -DskipTests -Pbench -pl server,bench -am
#   bench/scale-out.sh                 # ITEMS, RUN_SECONDS, WORKLOADS override the defaults
#
# Two servers are driven by two load generators at once, each with half (and then all) of the client
# threads of the one-server run; their ops/s add up. Everything (clients, servers, etcd members)
# shares this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/dynarocks-bench.jar
items=${ITEMS:-5000}
run_seconds=${RUN_SECONDS:-8}
workloads=${WORKLOADS:-get,put,update,query,transact-write}
lg() {
  java -cp "$jar" io.dynarocks.bench.load.LoadGenerator --items "$items" --seconds "$run_seconds" \
    --warmup-seconds 2 --workloads "$workloads" "$@"
}

# One server on RocksDB.
data=$(mktemp -d)
log=$(mktemp)
java -jar server/target/dynarocks.jar --data-dir "$data" --port 0 > "$log" 2>&1 &
rocks=$!
until grep -q "listening on" "$log"; do sleep 0.1; done
endpoint=$(grep -o 'listening on http://[^ ]*' "$log" | cut -d' ' -f3)
lg --endpoint "$endpoint" --label rocksdb-1-server --threads 16,32
kill "$rocks"
wait "$rocks" || true
rm -rf "$data" "$log"

# One and two servers on etcd.
mapfile -t endpoints < <(scripts/cluster.sh start)
trap 'scripts/cluster.sh stop' EXIT
lg --endpoint "${endpoints[0]}" --label etcd-preload --preload-only
lg --endpoint "${endpoints[0]}" --label etcd-1-server --no-preload --threads 16,32
lg --endpoint "${endpoints[0]}" --label etcd-2-servers-a --no-preload --threads 8,16 &
first=$!
lg --endpoint "${endpoints[1]}" --label etcd-2-servers-b --no-preload --threads 8,16
wait "$first"
