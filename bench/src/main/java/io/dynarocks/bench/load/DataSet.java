package io.dynarocks.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The benchmark table: item {@code i} lives in partition {@code pk = "p" + i / 10} under sort key
 * {@code sk = "s" + i % 10}, so every partition holds ten items (the query workload reads one).
 */
final class DataSet {

    static final int ITEMS_PER_PARTITION = 10;

    final String table;
    final int items;
    private final String payload;

    DataSet(String table, int items, int itemBytes) {
        this.table = table;
        this.items = items;
        // The key attributes and the counter take about 30 bytes; the payload makes up the rest.
        this.payload = "x".repeat(Math.max(1, itemBytes - 30));
    }

    /** The filler string of every item's {@code data} attribute. */
    String payload() {
        return payload;
    }

    int partitions() {
        return Math.max(1, (items + ITEMS_PER_PARTITION - 1) / ITEMS_PER_PARTITION);
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    Map<String, AttributeValue> key(int i) {
        Map<String, AttributeValue> key = new HashMap<>(4);
        key.put("pk", s("p" + i / ITEMS_PER_PARTITION));
        key.put("sk", s("s" + i % ITEMS_PER_PARTITION));
        return key;
    }

    Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> item = key(i);
        item.put("n", n("0"));
        item.put("data", s(payload));
        return item;
    }

    /** Creates the table (a no-op when it exists) and waits until it is ACTIVE. */
    void create(DynamoDbClient client) {
        try {
            client.createTable(b -> b.tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (DynamoDbException e) {
            if (!"ResourceInUseException".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (client.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                    return;
                }
            } catch (ResourceNotFoundException e) {
                // dynalite answers so for a moment after CreateTable
            }
            sleep(20);
        }
        throw new IllegalStateException("table " + table + " did not become ACTIVE");
    }

    /** Writes every item with {@code threads} writers, in BatchWriteItem requests when the server has them. */
    void preload(DynamoDbClient client, int threads) throws Exception {
        boolean batch = supportsBatchWrite(client);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            int chunk = (items + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int from = t * chunk;
                int to = Math.min(items, from + chunk);
                tasks.add(pool.submit(() -> {
                    if (batch) {
                        batchWrite(client, from, to);
                    } else {
                        for (int i = from; i < to; i++) {
                            int index = i;
                            client.putItem(b -> b.tableName(table).item(item(index)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private boolean supportsBatchWrite(DynamoDbClient client) {
        try {
            batchWrite(client, 0, 1);
            return true;
        } catch (DynamoDbException e) {
            if (Workloads.isUnsupported(e)) {
                return false;
            }
            throw e;
        }
    }

    private void batchWrite(DynamoDbClient client, int from, int to) {
        for (int start = from; start < to; start += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = start; i < Math.min(to, start + 25); i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(i)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
