#!/usr/bin/env bash
# A local scale-out cluster: a 3-member etcd cluster on loopback and two DynaRocks servers sharing it.
#
#   scripts/cluster.sh start   starts it and prints the two DynaRocks endpoints, one per line
#   scripts/cluster.sh stop    stops exactly the processes `start` started, and removes their data
#
# Installs Debian's etcd-server when etcd is missing. Ports are picked free at start. Needs the server
# jar (mvn -B -q package -DskipTests -pl server -am). Environment: CLUSTER_DIR (state and logs,
# default target/cluster), DYNAROCKS_JAR (default server/target/dynarocks.jar).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${CLUSTER_DIR:-$root/target/cluster}
jar=${DYNAROCKS_JAR:-$root/server/target/dynarocks.jar}

free_port() {
  local port
  while true; do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! grep -qx "$port" "$state/ports" 2>/dev/null; then
      echo "$port" >> "$state/ports"
      echo "$port"
      return
    fi
  done
}

wait_for() { # seconds, description, command...
  local deadline=$(( SECONDS + $1 )) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS > deadline )); then
      echo "cluster.sh: $what did not come up; logs in $state" >&2
      return 1
    fi
    sleep 0.1
  done
}

healthy() {
  curl -s "$1" | grep -q '"health":"true"'
}

start() {
  if [[ -e $state/pids ]]; then
    echo "cluster.sh: already started (state in $state); run '$0 stop' first" >&2
    exit 1
  fi
  if ! command -v etcd >/dev/null; then
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends etcd-server >&2 \
      || { $sudo apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends etcd-server >&2; }
  fi
  if [[ ! -f $jar ]]; then
    echo "cluster.sh: $jar not found; build it with: mvn -B -q package -DskipTests -pl server -am" >&2
    exit 1
  fi
  mkdir -p "$state"
  : > "$state/pids"
  : > "$state/ports"
  local clients=() peers=() initial="" endpoints=""
  for i in 0 1 2; do
    clients[i]=$(free_port)
    peers[i]=$(free_port)
    initial+="${initial:+,}m$i=http://127.0.0.1:${peers[i]}"
    endpoints+="${endpoints:+,}http://127.0.0.1:${clients[i]}"
  done
  for i in 0 1 2; do
    # DynaRocks batches exceed etcd's defaults of 128 operations and 1.5 MiB per transaction.
    etcd --name "m$i" --data-dir "$state/etcd-m$i" \
      --listen-client-urls "http://127.0.0.1:${clients[i]}" --advertise-client-urls "http://127.0.0.1:${clients[i]}" \
      --listen-peer-urls "http://127.0.0.1:${peers[i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peers[i]}" \
      --initial-cluster "$initial" --initial-cluster-state new --initial-cluster-token "dynarocks-$$" \
      --max-txn-ops 100000 --max-request-bytes 33554432 \
      --auto-compaction-mode periodic --auto-compaction-retention 10m --log-level warn \
      > "$state/etcd-m$i.log" 2>&1 &
    echo $! >> "$state/pids"
  done
  wait_for 60 "etcd" healthy "http://127.0.0.1:${clients[0]}/health"
  local ports=()
  for n in 1 2; do
    ports[n]=$(free_port)
    java -jar "$jar" --storage etcd --etcd-endpoints "$endpoints" --port "${ports[n]}" > "$state/dynarocks-$n.log" 2>&1 &
    echo $! >> "$state/pids"
  done
  for n in 1 2; do
    wait_for 60 "DynaRocks server $n" grep -q "listening on" "$state/dynarocks-$n.log"
    echo "http://127.0.0.1:${ports[n]}"
  done
}

stop() {
  [[ -e $state/pids ]] || { echo "cluster.sh: nothing started (no $state/pids)" >&2; return 0; }
  local pid
  while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$state/pids"
  for _ in $(seq 50); do
    local alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$state/pids"
    (( alive )) || break
    sleep 0.1
  done
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$state/pids"
  rm -rf "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
