#!/usr/bin/env bash
# Soak test: a mixed workload with TTL expiry and a stream consumer against the command-line server on RocksDB
# (integration-tests SoakIT), for 30 minutes by default. Prints the server's resident memory, open files and data
# directory size over time ("soak:" lines), then checks they stayed flat after warm-up.
#
#   scripts/soak.sh [DURATION]     ISO-8601, e.g. scripts/soak.sh PT2H   (default PT30M)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-PT30M}"
log="$(mktemp)"
status=0
mvn -B verify -pl integration-tests -am -Dtest=SoakIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.duration="$duration" -Dsurefire.timeout=0 >"$log" 2>&1 || status=$?
grep -E '^soak:' "$log" | sed 's/^soak: //'
grep -E 'Tests run:.*SoakIT|FAIL' "$log" | head -5
echo "full log: $log"
exit $status
