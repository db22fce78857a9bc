#!/usr/bin/env bash
# Measures etcd 3.4 and Apache Ignite 3 on the operations DynaRocks' Storage SPI needs (see EngineProbe).
#   mvn -B -f bench/engines/pom.xml package
#   bench/engines/probe.sh [keys] [rounds]      # default 10000 keys, 200 rounds; prints JSON lines
# etcd (3 members) comes from Debian's etcd-server (as scripts/cluster.sh installs it); Ignite runs embedded
# in the JVM, IGNITE_NODES of them (default 1: three nodes in one JVM did not form their meta-storage group
# here within 10 minutes).
set -euo pipefail
cd "$(dirname "$0")"
cp="target/classes:$(cat target/classpath.txt)"
# The module openings Ignite's own start script passes to the JVM.
opens=()
for p in java.base/java.io java.base/java.lang java.base/java.lang.invoke java.base/java.lang.reflect \
    java.base/java.math java.base/java.net java.base/java.nio java.base/java.time java.base/java.util \
    java.base/java.util.concurrent java.base/java.util.concurrent.atomic java.base/java.util.concurrent.locks \
    java.base/jdk.internal.misc java.base/sun.nio.ch java.base/sun.security.x509 java.management/com.sun.jmx.mbeanserver \
    jdk.management/com.sun.management.internal java.base/jdk.internal.access; do
  opens+=(--add-opens "$p=ALL-UNNAMED")
done
for engine in etcd ignite; do
  java "${opens[@]}" -Dio.netty.tryReflectionSetAccessible=true -cp "$cp" io.dynarocks.probe.EngineProbe \
    "$engine" "${1:-10000}" "${2:-200}" "${IGNITE_NODES:-1}" 2> "target/$engine.log"
done
