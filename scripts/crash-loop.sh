#!/usr/bin/env bash
# The long form of CrashLoopIT: the command-line server killed with SIGKILL KILLS times under a mixed
# workload (and SYNC_KILLS times with --sync), every restart audited (acknowledged writes present, no
# half-applied write, GSI = base table, stream replay = table, expired items swept).
#   scripts/crash-loop.sh                       # 100 kills without --sync, 30 with
#   KILLS=500 SYNC_KILLS=100 SEED=42 scripts/crash-loop.sh
# Prints one summary line per mode (kills survived, writes acknowledged, key states checked).
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-100}
SYNC_KILLS=${SYNC_KILLS:-30}
MAX_WRITES=${MAX_WRITES:-400}
seed_arg=()
if [[ -n "${SEED:-}" ]]; then seed_arg=(-Ddynarocks.crash.seed="$SEED"); fi
# Maven's own output goes to a log; the test's summary and round lines are shown as they come.
log=$(mktemp)
set +e
mvn -B verify -pl integration-tests -am -Dtest=CrashLoopIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddynarocks.crash.kills="$KILLS" -Ddynarocks.crash.syncKills="$SYNC_KILLS" \
    -Ddynarocks.crash.maxWrites="$MAX_WRITES" "${seed_arg[@]}" > "$log" 2>&1 &
mvn_pid=$!
tail -f "$log" --pid="$mvn_pid" | grep --line-buffered -E '^crash loop|FAIL|ERROR\]'
wait "$mvn_pid"
status=$?
echo "full log: $log (exit $status)"
exit "$status"
