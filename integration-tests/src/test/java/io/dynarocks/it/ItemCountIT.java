package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** DescribeTable's ItemCount, for the table and its index, agrees with a Scan after concurrent writers and a crash. */
class ItemCountIT {

    private static final int WRITERS = 4;
    private static final int WRITES_BEFORE_KILL = 1500;

    @TempDir
    Path dir;

    @Test
    void itemCountsAgreeWithAScanAfterConcurrentWritersAndAKilledServer() throws Exception {
        Process server = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(server))) {
            createTable(client);
            AtomicInteger applied = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(w);
                writers.add(pool.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        write(client, random);
                        applied.incrementAndGet();
                    }
                }));
            }
            while (applied.get() < WRITES_BEFORE_KILL && writers.stream().noneMatch(Future::isDone)) {
                Thread.sleep(5);
            }
            server.destroyForcibly(); // SIGKILL, in the middle of writes
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(applied.get()).isGreaterThanOrEqualTo(WRITES_BEFORE_KILL);
        }
        Process restarted = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(restarted))) {
            assertCountsAgreeWithScans(client);
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName("Counted").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    }

    /** A put (in the index or not), a delete, a batch of both, or a two-item transaction. */
    private static void write(DynamoDbClient client, Random random) {
        String pk = "k" + random.nextInt(300);
        Map<String, AttributeValue> item = random.nextBoolean()
                ? Map.of("pk", AttributeValue.fromS(pk), "g", AttributeValue.fromS("g" + random.nextInt(3)))
                : Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS("x".repeat(random.nextInt(200))));
        Map<String, AttributeValue> other = Map.of("pk", AttributeValue.fromS("k" + random.nextInt(300)));
        try {
            switch (random.nextInt(4)) {
                case 0 -> client.putItem(b -> b.tableName("Counted").item(item));
                case 1 -> client.deleteItem(b -> b.tableName("Counted").key(Map.of("pk", AttributeValue.fromS(pk))));
                case 2 -> client.batchWriteItem(b -> b.requestItems(Map.of("Counted", List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(p -> p.item(item)).build(),
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .deleteRequest(d -> d.key(other)).build()))));
                default -> client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("Counted").item(item)).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName("Counted").key(other)).build()));
            }
        } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
            // Two writers on one item: a transaction conflict or a batch with the same key twice wrote nothing.
        }
    }

    private static void assertCountsAgreeWithScans(DynamoDbClient client) {
        TableDescription table = client.describeTable(b -> b.tableName("Counted")).table();
        int scanned = client.scanPaginator(b -> b.tableName("Counted").select(Select.COUNT)).stream()
                .mapToInt(p -> p.count()).sum();
        int indexed = client.scanPaginator(b -> b.tableName("Counted").indexName("byG").select(Select.COUNT)).stream()
                .mapToInt(p -> p.count()).sum();
        assertThat(scanned).isPositive();
        assertThat(table.itemCount()).isEqualTo(scanned);
        assertThat(table.globalSecondaryIndexes().get(0).itemCount()).isEqualTo(indexed);
        assertThat(table.tableSizeBytes()).isPositive();
    }
}
