#!/usr/bin/env bash
# First start of an embedded in-memory server in a fresh JVM (StartupProbe embedded), with the shaded
# dynarocks-embedded jar against the unshaded modules an application used before it; both without an SLF4J
# binding (no Logback: an application brings its own), runs interleaved. Prints the jar's size, one JSON line
# per run and the medians. RUNS=9 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
mkdir -p target
mvn -B -q package -DskipTests -Dcds.skip -Dconsumer.skip -pl bench,embedded -am \
    dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
BENCH=bench/target/classes
# the bench module's runtime class path (the unshaded modules and their libraries), less Logback
DEPS=$(tr ':' '\n' < bench/target/runtime.classpath | grep -v logback)
unshaded=$(printf '%s\n' "$BENCH" $DEPS | paste -sd:)
EMBEDDED=$(ls embedded/target/dynarocks-embedded-*.jar)
shaded=$(printf '%s\n' "$BENCH" "$EMBEDDED" $(printf '%s\n' $DEPS | grep -e slf4j-api -e rocksdbjni) | paste -sd:)
echo "{\"artifact\":\"$(basename "$EMBEDDED")\",\"bytes\":$(stat -c %s "$EMBEDDED")}"
for i in $(seq "$RUNS"); do
  for variant in unshaded shaded; do
    cp=${!variant}
    java -cp "$cp" io.dynarocks.bench.load.StartupProbe embedded 2>/dev/null | head -1 | sed "s/{/{\"classpath\":\"$variant\",/"
  done
done | tee target/embedded-startup.jsonl
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for variant in unshaded shaded; do
  runs=$(grep "\"$variant\"" target/embedded-startup.jsonl)
  start=$(sed 's/.*"startMs":\([0-9.]*\).*/\1/' <<< "$runs" | median)
  answer=$(sed 's/.*"firstAnswerMs":\([0-9.]*\).*/\1/' <<< "$runs" | median)
  echo "{\"classpath\":\"$variant\",\"runs\":$(wc -l <<< "$runs"),\"medianStartMs\":$start,\"medianFirstAnswerMs\":$answer}"
done
