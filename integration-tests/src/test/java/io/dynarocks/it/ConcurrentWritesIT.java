package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Atomic counters and optimistic locking under many concurrent writers: no update may be lost. */
class ConcurrentWritesIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final int THREADS = 16;

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Counters");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static void runConcurrently(Runnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(task));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atomicCounterLosesNoIncrement() throws Exception {
        DynamoDbClient client = SERVER.client();
        runConcurrently(() -> {
            for (int i = 0; i < 1000; i++) {
                client.updateItem(b -> b.tableName("Counters").key(key("atomic"))
                        .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            }
        });
        assertThat(client.getItem(b -> b.tableName("Counters").key(key("atomic"))).item().get("hits").n())
                .isEqualTo("16000");
    }

    @Test
    void optimisticLockingRetriesLoseNoUpdate() throws Exception {
        DynamoDbClient client = SERVER.client();
        client.putItem(b -> b.tableName("Counters").item(Map.of("pk", AttributeValue.fromS("optimistic"),
                "value", AttributeValue.fromN("0"), "version", AttributeValue.fromN("0"))));
        int perThread = 50;
        runConcurrently(() -> {
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    Map<String, AttributeValue> item = client.getItem(b -> b.tableName("Counters")
                            .key(key("optimistic")).consistentRead(true)).item();
                    long value = Long.parseLong(item.get("value").n());
                    String version = item.get("version").n();
                    try {
                        client.putItem(b -> b.tableName("Counters")
                                .item(Map.of("pk", AttributeValue.fromS("optimistic"),
                                        "value", AttributeValue.fromN(Long.toString(value + 1)),
                                        "version", AttributeValue.fromN(Long.toString(Long.parseLong(version) + 1))))
                                .conditionExpression("version = :v")
                                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(version))));
                        break;
                    } catch (ConditionalCheckFailedException retry) {
                        // another writer won this round: read again and retry
                    }
                }
            }
        });
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName("Counters").key(key("optimistic"))).item();
        assertThat(item.get("value").n()).isEqualTo(Integer.toString(THREADS * perThread));
        assertThat(item.get("version").n()).isEqualTo(Integer.toString(THREADS * perThread));
    }
}
