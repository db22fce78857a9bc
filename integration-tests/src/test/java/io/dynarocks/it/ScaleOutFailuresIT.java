package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
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
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
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
