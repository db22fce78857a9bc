package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dynarocks.server.DynaRocks;
import io.dynarocks.ttl.TtlSweeper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Two servers on a 3-member etcd cluster survive the loss of an etcd member or of one server. */
class ScaleOutFailuresIT {

    private static EtcdCluster shared;

    @RegisterExtension
    static final BeforeAllCallback CLUSTER = context -> shared = SharedEtcd.cluster(context);

    private static Map<String, AttributeValue> item(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS("value of " + pk));
    }

    /** Every pk in the table, read with strongly consistent scans. */
    private static Set<String> keys(DynamoDbClient client, String table) {
        Set<String> out = new HashSet<>();
        for (ScanResponse page : client.scanPaginator(s -> s.tableName(table).consistentRead(true))) {
            page.items().forEach(i -> out.add(i.get("pk").s()));
        }
        return out;
    }

    @Test
    void killingTheEtcdLeaderDuringWritesLosesNoAcknowledgedWriteAndBothServersKeepServing() throws Exception {
        // A cluster of its own: the run's shared cluster must keep all its members.
        try (EtcdCluster cluster = EtcdCluster.start();
             DynaRocks serverA = DynaRocks.builder().etcd(cluster.endpoints()).port(0).start();
             DynaRocks serverB = DynaRocks.builder().etcd(cluster.endpoints()).port(0).start();
             DynamoDbClient a = ServerExtension.client(serverA.endpoint());
             DynamoDbClient b = ServerExtension.client(serverB.endpoint())) {
            Tables.hashTable(a, "Durable");
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger afterKill = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                DynamoDbClient client = t % 2 == 0 ? a : b;
                String prefix = "w" + t + "-";
                writers.add(pool.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String pk = prefix + i;
                        boolean wasKilled = killed.get();
                        try {
                            client.putItem(r -> r.tableName("Durable").item(item(pk)));
                            acknowledged.add(pk);
                            if (wasKilled) {
                                afterKill.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet(); // not acknowledged: may or may not be stored
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(1500);
            int leader = cluster.leader();
            cluster.kill(leader);
            killed.set(true);
            // The two members left elect a leader and the servers move to them; on a loaded machine that
            // takes seconds, so wait for writes to be acknowledged again rather than for a fixed time.
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> afterKill.get() >= 20);
            writing.set(false);
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(afterKill.get()).as("writes acknowledged after the leader was killed").isPositive();
            Set<String> throughA = keys(a, "Durable");
            Set<String> throughB = keys(b, "Durable");
            assertThat(throughA).containsAll(acknowledged);
            assertThat(throughB).isEqualTo(throughA);
        }
    }

    @Test
    void readsKeepSucceedingWhileTheEtcdLeaderIsKilledAndRestartedAndNoAcknowledgedWriteIsLost() throws Exception {
        int stored = 20;
        int readsPerPhase = 60;
        int writesPerPhase = 5;
        // A cluster of its own: the run's shared cluster must keep all its members.
        try (EtcdCluster cluster = EtcdCluster.start();
             DynaRocks serverA = DynaRocks.builder().etcd(cluster.endpoints()).port(0).start();
             DynaRocks serverB = DynaRocks.builder().etcd(cluster.endpoints()).port(0).start();
             DynamoDbClient a = withoutRetries(serverA.endpoint());
             DynamoDbClient b = withoutRetries(serverB.endpoint())) {
            Tables.compositeTable(a, "Steady");
            for (int i = 0; i < stored; i++) {
                Map<String, AttributeValue> item = sorted("read", i);
                a.putItem(r -> r.tableName("Steady").item(item));
            }
            ConcurrentLinkedQueue<String> readFailures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger writes = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> tasks = new ArrayList<>();
            try {
                for (int t = 0; t < 4; t++) {
                    DynamoDbClient client = t % 2 == 0 ? a : b;
                    int reader = t;
                    tasks.add(pool.submit(() -> {
                        for (int i = reader; running.get(); i++) {
                            String failure = read(client, i, stored);
                            if (failure != null) {
                                readFailures.add(failure);
                            }
                            reads.incrementAndGet();
                        }
                        return null;
                    }));
                }
                tasks.add(pool.submit(() -> {
                    // SDK retries are off, so a write whose outcome the server could not know fails here:
                    // such writes are not acknowledged, and only acknowledged ones must survive.
                    for (int i = 0; running.get(); i++) {
                        int sk = i;
                        try {
                            a.putItem(r -> r.tableName("Steady").item(sorted("write", sk)));
                            acknowledged.add(sk);
                            writes.incrementAndGet();
                        } catch (RuntimeException e) {
                            // not acknowledged: may or may not be stored
                        }
                    }
                    return null;
                }));
                awaitAtLeast(reads, readsPerPhase);

                int leader = cluster.leader();
                int readsAtKill = reads.get();
                int writesAtKill = writes.get();
                cluster.kill(leader);
                // Two members remain, a quorum: they elect a leader (seconds; more on a loaded machine) and
                // every read sent meanwhile waits for it inside the store instead of failing.
                awaitAtLeast(reads, readsAtKill + readsPerPhase);
                awaitAtLeast(writes, writesAtKill + writesPerPhase);

                cluster.restart(leader);
                cluster.awaitHealthy();
                int readsAtRestart = reads.get();
                int writesAtRestart = writes.get();
                awaitAtLeast(reads, readsAtRestart + readsPerPhase);
                awaitAtLeast(writes, writesAtRestart + writesPerPhase);
            } finally {
                running.set(false);
                pool.shutdown();
            }
            for (Future<?> task : tasks) {
                task.get(5, TimeUnit.MINUTES);
            }

            assertThat(readFailures).as("reads that failed or answered wrongly while a quorum remained").isEmpty();
            for (DynamoDbClient client : List.of(a, b)) {
                List<Integer> written = new ArrayList<>();
                client.queryPaginator(q -> q.tableName("Steady").consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("write"))))
                        .items().forEach(i -> written.add(Integer.parseInt(i.get("sk").n())));
                assertThat(written).as("acknowledged writes").containsAll(acknowledged);
            }
        }
    }

    @Test
    void ttlSweepsLogALostQuorumAsOneWarningLineAndResumeOnceItIsBack() throws Exception {
        Logger sweeper = (Logger) LoggerFactory.getLogger(TtlSweeper.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        sweeper.addAppender(logged);
        // The tests log warnings and errors only; the sweep's recovery is an INFO line.
        ch.qos.logback.classic.Level level = sweeper.getLevel();
        sweeper.setLevel(ch.qos.logback.classic.Level.INFO);
        // A cluster of its own: the run's shared cluster must keep all its members.
        try (EtcdCluster cluster = EtcdCluster.start();
             DynaRocks server = DynaRocks.builder().etcd(cluster.endpoints()).port(0)
                     .ttlInterval(Duration.ofMillis(200)).start()) {
            int leader = cluster.leader();
            List<Integer> lost = List.of((leader + 1) % 3, (leader + 2) % 3);
            for (int member : lost) {
                cluster.kill(member);
            }
            // One member of three has no quorum: every sweep fails once the store's retries give up (15 s).
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> failures(logged) > 0);
            for (int member : lost) {
                cluster.restart(member);
            }
            cluster.awaitHealthy();
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> events(logged).stream()
                    .anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO
                            || e.getLevel() == ch.qos.logback.classic.Level.ERROR && !persisted(e)));

            List<ILoggingEvent> events = events(logged);
            assertThat(events.get(0).getFormattedMessage()).startsWith("TTL sweep failed, store unavailable; "
                    + "retrying at the next run: etcd ");
            // WARN lines without a stack trace; an ERROR only if the restart took the outage past a minute.
            assertThat(events).allSatisfy(e -> assertThat(e.getLevel() == ch.qos.logback.classic.Level.ERROR
                    ? persisted(e) : e.getThrowableProxy() == null).as(e.getFormattedMessage()).isTrue());
            assertThat(events).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("TTL sweep works again"));
        } finally {
            sweeper.detachAppender(logged);
            sweeper.setLevel(level);
        }
    }

    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Whether {@code event} reports an unavailability that has lasted a minute, which is an error. */
    private static boolean persisted(ILoggingEvent event) {
        return event.getFormattedMessage().contains("the store has been unavailable for");
    }

    private static long failures(ListAppender<ILoggingEvent> appender) {
        return events(appender).stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .count();
    }

    private static Map<String, AttributeValue> sorted(String pk, int sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)),
                "v", AttributeValue.fromS("value " + sk));
    }

    /**
     * Read number {@code i}: a strongly consistent Query of the stored partition, a strongly consistent or an
     * eventually consistent GetItem of one of its items, in turn. Null when it answered what is stored,
     * otherwise what went wrong.
     */
    private static String read(DynamoDbClient client, int i, int stored) {
        int sk = i % stored;
        try {
            if (i % 3 == 0) {
                List<Map<String, AttributeValue>> items = client.query(q -> q.tableName("Steady").consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("read")))).items();
                return items.size() == stored && items.get(sk).equals(sorted("read", sk)) ? null
                        : "Query answered " + items.size() + " items";
            }
            Map<String, AttributeValue> item = client.getItem(g -> g.tableName("Steady").consistentRead(i % 3 == 1)
                    .key(Map.of("pk", AttributeValue.fromS("read"), "sk", AttributeValue.fromN(Integer.toString(sk)))))
                    .item();
            return sorted("read", sk).equals(item) ? null : "GetItem answered " + item;
        } catch (RuntimeException e) {
            return (i % 3 == 0 ? "Query" : "GetItem") + " failed: " + e;
        }
    }

    /** Waits for {@code count} to reach {@code target}; the bound is for a machine busy with other tests. */
    private static void awaitAtLeast(AtomicInteger count, int target) {
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> count.get() >= target);
    }

    /** A client that reports every failure as it comes: the SDK's own retries would hide a 500. */
    private static DynamoDbClient withoutRetries(URI endpoint) {
        return SdkClients.withoutRetries(SdkClients.builder(endpoint))
                // Generous: a read may wait for an election inside the server on a loaded machine.
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build())
                .build();
    }

    @Test
    void killingOneServerLeavesTheOtherServingTheSameTables() throws Exception {
        String prefix = SharedEtcd.prefix(ScaleOutFailuresIT.class);
        try {
            Process processA = ServerProcess.start("--storage", "etcd", "--etcd-endpoints", shared.endpointList(),
                    "--etcd-prefix", prefix, "--port", "0");
            Process processB = ServerProcess.start("--storage", "etcd", "--etcd-endpoints", shared.endpointList(),
                    "--etcd-prefix", prefix, "--port", "0");
            try {
                URI endpointA = ServerProcess.awaitEndpoint(processA);
                URI endpointB = ServerProcess.awaitEndpoint(processB);
                try (DynamoDbClient a = ServerExtension.client(endpointA);
                     DynamoDbClient b = ServerExtension.client(endpointB)) {
                    Tables.hashTable(a, "Survivor");
                    a.putItem(r -> r.tableName("Survivor").item(item("before")));
                    processA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

                    b.putItem(r -> r.tableName("Survivor").item(item("after")));
                    assertThat(keys(b, "Survivor")).containsExactlyInAnyOrder("before", "after");
                    Tables.hashTable(b, "CreatedAfter");
                    assertThat(b.listTables().tableNames()).contains("Survivor", "CreatedAfter");
                }
            } finally {
                processA.destroyForcibly();
                processB.destroyForcibly();
                processA.waitFor(30, TimeUnit.SECONDS);
                processB.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            shared.deletePrefix(prefix);
        }
    }
}
