package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import io.dynarocks.streams.StreamRecord;
import io.dynarocks.streams.SubscriptionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream records every change exactly once and in order per item, under concurrent writers; and an
 * in-process subscriber sees every record once despite failing batches.
 */
class StreamExactnessIT {

    static StreamServer server;
    static DynamoDbClient db;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        server = new StreamServer(DynaRocks.builder().inMemory().port(0));
        db = server.db();
        streams = server.streams();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String streamTable(String name) {
        return server.streamTable(name, StreamViewType.NEW_AND_OLD_IMAGES);
    }

    /**
     * One random put, update or delete of one of {@code keys} keys, or a transaction of two of them;
     * small value ranges make some writes no-ops. A write rejected for meeting a concurrent
     * transaction changes nothing, so it is simply dropped.
     */
    static void randomWrite(String table, int keys) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int k = rnd.nextInt(keys);
        try {
            if (rnd.nextInt(4) == 0) {
                int other = (k + 1 + rnd.nextInt(keys - 1)) % keys;
                db.transactWriteItems(b -> b.transactItems(randomTransactItem(table, k),
                        randomTransactItem(table, other)));
                TRANSACTIONS.incrementAndGet();
                return;
            }
            Map<String, AttributeValue> key = key(k);
            AttributeValue v = randomValue();
            switch (rnd.nextInt(3)) {
                case 0 -> db.putItem(b -> b.tableName(table).item(item(key, v)));
                case 1 -> db.updateItem(b -> b.tableName(table).key(key).updateExpression(UPDATE)
                        .expressionAttributeValues(updateValues(v)));
                default -> db.deleteItem(b -> b.tableName(table).key(key));
            }
        } catch (TransactionCanceledException | TransactionConflictException e) {
            // Nothing was applied; the stream must not show it either.
        }
    }

    /** Transactions committed, so a test can tell they took part. */
    static final AtomicInteger TRANSACTIONS = new AtomicInteger();
    static final String UPDATE = "SET v = :v ADD n :one";

    static TransactWriteItem randomTransactItem(String table, int k) {
        Map<String, AttributeValue> key = key(k);
        AttributeValue v = randomValue();
        return switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> TransactWriteItem.builder().put(p -> p.tableName(table).item(item(key, v))).build();
            case 1 -> TransactWriteItem.builder().update(u -> u.tableName(table).key(key).updateExpression(UPDATE)
                    .expressionAttributeValues(updateValues(v))).build();
            default -> TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build();
        };
    }

    static Map<String, AttributeValue> key(int k) {
        return Map.of("pk", AttributeValue.fromS("k" + k));
    }

    static AttributeValue randomValue() {
        return AttributeValue.fromN(Integer.toString(ThreadLocalRandom.current().nextInt(3)));
    }

    static Map<String, AttributeValue> item(Map<String, AttributeValue> key, AttributeValue v) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("v", v);
        return item;
    }

    static Map<String, AttributeValue> updateValues(AttributeValue v) {
        return Map.of(":v", v, ":one", AttributeValue.fromN("1"));
    }

    static void writeConcurrently(String table, int threads, int writes, int keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writes / threads; i++) {
                        randomWrite(table, keys);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void replayingTheStreamReproducesTheTableWithNoMissingOrDuplicateRecord() throws Exception {
        String table = "exact";
        String arn = streamTable(table);
        int transactionsBefore = TRANSACTIONS.get();
        writeConcurrently(table, 8, 20_000, 500);
        assertThat(TRANSACTIONS.get() - transactionsBefore).as("committed transactions").isPositive();

        List<Record> records = StreamClients.all(streams, arn);

        assertThat(records).extracting(Record::eventID).doesNotHaveDuplicates();
        Map<String, Map<String, AttributeValue>> replayed = new HashMap<>();
        for (Record r : records) {
            String pk = r.dynamodb().keys().get("pk").s();
            Map<String, AttributeValue> before = replayed.get(pk);
            // Each record starts from the image the previous record of its item left: none lost, none twice.
            assertThat(r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : null).as("old image of %s", pk)
                    .isEqualTo(before);
            assertThat(r.eventNameAsString()).isEqualTo(before == null ? "INSERT"
                    : r.dynamodb().hasNewImage() ? "MODIFY" : "REMOVE");
            assertThat(r.dynamodb().newImage()).isNotEqualTo(before);
            if (r.dynamodb().hasNewImage()) {
                replayed.put(pk, r.dynamodb().newImage());
            } else {
                replayed.remove(pk);
            }
        }
        for (int k = 0; k < 500; k++) {
            String pk = "k" + k;
            var item = db.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                    .consistentRead(true));
            assertThat(item.hasItem() ? item.item() : null).as("item %s", pk).isEqualTo(replayed.get(pk));
        }
    }

    @Test
    void aSubscriberSeesEveryRecordOnceInOrderDespiteFailedFirstAttempts() throws Exception {
        String table = "subscribed";
        String arn = streamTable(table);
        List<StreamRecord> delivered = new ArrayList<>();
        Set<Long> failedOnce = new HashSet<>();
        int[] batches = {0};
        var options = SubscriptionOptions.defaults().withBatchSize(7)
                .withRetries(2, SubscriptionOptions.OnFailure.STOP);
        try (var subscription = server.embedded().streams().subscribe(table, options, batch -> {
            synchronized (delivered) {
                long first = batch.get(0).sequenceNumber();
                if (!failedOnce.contains(first) && ++batches[0] % 3 == 0) {
                    failedOnce.add(first);
                    throw new IllegalStateException("first attempt of every third batch fails");
                }
                delivered.addAll(batch);
            }
        })) {
            writeConcurrently(table, 4, 400, 20);
            int expected = StreamClients.all(streams, arn).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (delivered) {
                    return delivered.size() >= expected;
                }
            });
            assertThat(subscription.isRunning()).isTrue();
            synchronized (delivered) {
                assertThat(failedOnce).isNotEmpty();
                assertThat(delivered).hasSize(expected);
                assertThat(delivered).extracting(StreamRecord::eventId).doesNotHaveDuplicates();
                Map<Object, List<Long>> perKey = new HashMap<>();
                for (StreamRecord r : delivered) {
                    perKey.computeIfAbsent(r.keys(), k -> new ArrayList<>()).add(r.sequenceNumber());
                }
                perKey.values().forEach(seqs -> assertThat(seqs).isSorted());
            }
        }
    }
}
