package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code scripts/cluster.sh}, the documented way to run a local scale-out cluster, as users run it: {@code start}
 * prints two endpoints that serve the same tables (a write through one is read consistently through the
 * other; conditional increments split across both are serializable), and {@code stop} stops every process
 * {@code start} started.
 */
class ClusterScriptIT {

    private static final Path SCRIPT = Path.of("..", "scripts", "cluster.sh");

    @TempDir
    Path dir;
    private Path state;

    @Test
    void startedClusterServesOneDatabaseThroughBothEndpointsAndStopEndsEveryProcessItStarted() throws Exception {
        state = dir.resolve("cluster");
        Process start = script("start");
        String out = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = start.waitFor();
        String err = Files.readString(dir.resolve("start.err"));
        List<Long> started = Files.exists(state.resolve("pids"))
                ? Files.readAllLines(state.resolve("pids")).stream().map(Long::parseLong).toList() : List.of();
        try {
            assertThat(code).as("cluster.sh start: %s", err).isZero();
            List<String> endpoints = out.lines().toList();
            assertThat(endpoints).hasSize(2).allMatch(e -> e.startsWith("http://127.0.0.1:"));
            assertThat(started).as("3 etcd members and 2 DynaRocks servers").hasSize(5);
            try (DynamoDbClient a = ServerExtension.client(URI.create(endpoints.get(0)));
                 DynamoDbClient b = ServerExtension.client(URI.create(endpoints.get(1)))) {
                Tables.hashTable(a, "Shared");
                a.putItem(r -> r.tableName("Shared").item(Map.of("pk", AttributeValue.fromS("k"),
                        "v", AttributeValue.fromS("through the first"))));
                assertThat(b.getItem(r -> r.tableName("Shared").key(key("k")).consistentRead(true)).item())
                        .containsEntry("v", AttributeValue.fromS("through the first"));
                assertThat(incrementConcurrently(a, b, 16)).isEqualTo("16");
            }
        } finally {
            Process stop = script("stop");
            int stopped = stop.waitFor();
            assertThat(stopped).as("cluster.sh stop: %s", Files.readString(dir.resolve("stop.err"))).isZero();
        }
        // A killed process is gone once the system has reaped it, which may take a moment on a loaded machine.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            for (long pid : started) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
            }
        });
        assertThat(state).doesNotExist();
    }

    /** {@code n} read-then-conditionally-write increments, alternating between the clients; the final count. */
    private static String incrementConcurrently(DynamoDbClient a, DynamoDbClient b, int n) throws Exception {
        a.putItem(r -> r.tableName("Shared").item(Map.of("pk", AttributeValue.fromS("c"), "n", AttributeValue.fromN("0"))));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DynamoDbClient client = i % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    go.await();
                    while (true) {
                        String seen = client.getItem(r -> r.tableName("Shared").key(key("c")).consistentRead(true))
                                .item().get("n").n();
                        try {
                            client.updateItem(r -> r.tableName("Shared").key(key("c")).updateExpression("SET n = :next")
                                    .conditionExpression("n = :seen")
                                    .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN(seen),
                                            ":next", AttributeValue.fromN(Integer.toString(Integer.parseInt(seen) + 1)))));
                            return null;
                        } catch (ConditionalCheckFailedException lost) {
                            // another increment came first: read again
                        }
                    }
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return b.getItem(r -> r.tableName("Shared").key(key("c")).consistentRead(true)).item().get("n").n();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    /** Runs {@code cluster.sh command} with its state in this test's directory and the built server jar. */
    private Process script(String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), command)
                .redirectError(dir.resolve(command + ".err").toFile());
        Map<String, String> env = builder.environment();
        env.put("CLUSTER_DIR", state.toAbsolutePath().toString());
        env.put("DYNAROCKS_JAR", ServerProcess.jar().toAbsolutePath().toString());
        // The script runs `java` and `etcd` from PATH: this JVM's java, and etcd wherever it was installed.
        Path etcdDir = SystemPackages.require("etcd", "etcd-server").toAbsolutePath().getParent();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + etcdDir + ":" + env.get("PATH"));
        return builder.start();
    }
}
