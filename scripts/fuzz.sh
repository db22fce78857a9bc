#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of the JSON request decoding, the expression and PartiQL parsers and whole
# requests against an in-memory engine, for longer than the test suite's 10 seconds per target.
#
#   scripts/fuzz.sh [DURATION]     e.g. scripts/fuzz.sh 10m   (default 5m per target; libFuzzer units s/m/h)
#
# Prints the executions and coverage of each target. A finding fails the target: Jazzer writes the input as
# crash-<sha1> in the module's directory; copy it under src/test/resources/<package>/<Test>Inputs/<method>/ so
# the test suite replays it, and fix the bug. The generated corpus stays in <module>/.cifuzz-corpus (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-5m}"
targets=(
  "protocol ExpressionFuzzTest"
  "protocol PartiqlFuzzTest"
  "protocol RequestDecodingFuzzTest"
  "engine OperationFuzzTest"
)
logs="$(mktemp -d)"
mvn -B -q -o test-compile -pl engine -am 2>/dev/null || mvn -B -q test-compile -pl engine -am
status=0
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  log="$logs/$test.log"
  echo "== $test ($module) for $duration"
  if JAZZER_MAX_DURATION="$duration" mvn -B -o test -pl "$module" -am -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    result=ok
  else
    result=FINDING
    status=1
  fi
  runs="$(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)"
  cov="$(grep -E '^#[0-9]+.*cov:' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || true)"
  echo "   $result: ${runs:-no run recorded}; ${cov:-}"
  if [[ $result == FINDING ]]; then
    grep -m1 -E 'FuzzTestFindingException|AssertionError' "$log" || true
    ls "$module"/crash-* "$module"/timeout-* 2>/dev/null || true
  fi
done
echo "logs: $logs"
exit $status
