package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Two DynaRocks servers on one 3-member etcd cluster serve the same tables as one database would:
 * strongly consistent reads through either see writes through the other, and conditional writes,
 * counters and transactions from both are serializable.
 */
class TwoFrontEndsIT {

    @RegisterExtension
    static final TwoFrontEnds FRONT_ENDS = new TwoFrontEnds();
    private static DynamoDbClient a;
    private static DynamoDbClient b;

    @BeforeAll
    static void clients() {
        a = FRONT_ENDS.a();
        b = FRONT_ENDS.b();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    @Test
    void writeThroughOneServerIsReadConsistentlyThroughTheOther() {
        Tables.hashTable(a, "Consistent");
        a.putItem(r -> r.tableName("Consistent").item(Map.of("pk", AttributeValue.fromS("k"),
                "v", AttributeValue.fromS("from A"))));
        assertThat(b.getItem(r -> r.tableName("Consistent").key(key("k")).consistentRead(true)).item())
                .containsEntry("v", AttributeValue.fromS("from A"));
        b.updateItem(r -> r.tableName("Consistent").key(key("k")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("from B"))));
        assertThat(a.getItem(r -> r.tableName("Consistent").key(key("k")).consistentRead(true)).item())
                .containsEntry("v", AttributeValue.fromS("from B"));
        assertThat(b.query(q -> q.tableName("Consistent").keyConditionExpression("pk = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("k")))).count()).isEqualTo(1);
    }

    @Test
    void tableCreatedAndDeletedThroughOneServerIsSeenByTheOther() {
        Tables.hashTable(a, "Lifecycle");
        assertThat(b.describeTable(r -> r.tableName("Lifecycle")).table().tableName()).isEqualTo("Lifecycle");
        assertThat(b.listTables().tableNames()).contains("Lifecycle");
        b.putItem(r -> r.tableName("Lifecycle").item(key("x")));
        a.deleteTable(r -> r.tableName("Lifecycle"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> b.putItem(r -> r.tableName("Lifecycle").item(key("y"))))
                        .isInstanceOf(ResourceNotFoundException.class));
        assertThat(b.listTables().tableNames()).doesNotContain("Lifecycle");
    }

    @Test
    void serverUnderAnotherEtcdPrefixOnTheSameClusterSeesNoneOfTheseTables() {
        Tables.hashTable(a, "Private");
        try (DynaRocks other = DynaRocks.builder().etcd(FRONT_ENDS.cluster().endpoints())
                .etcdPrefix(SharedEtcd.prefix(TwoFrontEndsIT.class)).port(0).start();
             DynamoDbClient c = ServerExtension.client(other.endpoint())) {
            assertThat(c.listTables().tableNames()).isEmpty();
            assertThatThrownBy(() -> c.describeTable(r -> r.tableName("Private")))
                    .isInstanceOf(ResourceNotFoundException.class);
            Tables.hashTable(c, "Private");
            c.putItem(r -> r.tableName("Private").item(key("only there")));
        }
        assertThat(a.scan(s -> s.tableName("Private").consistentRead(true)).items()).isEmpty();
    }

    @Test
    void sixteenConcurrentConditionalIncrementsSplitAcrossBothServersGiveExactlySixteen() throws Exception {
        Tables.hashTable(a, "Counter");
        a.putItem(r -> r.tableName("Counter").item(Map.of("pk", AttributeValue.fromS("c"), "n", AttributeValue.fromN("0"),
                "added", AttributeValue.fromN("0"))));
        int increments = 16;
        ExecutorService pool = Executors.newFixedThreadPool(increments);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger conditionFailures = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < increments; i++) {
                DynamoDbClient client = i % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    go.await();
                    // Read, then write n + 1 only if n is still what was read: lost updates would show.
                    while (true) {
                        String n = client.getItem(r -> r.tableName("Counter").key(key("c")).consistentRead(true))
                                .item().get("n").n();
                        try {
                            client.updateItem(r -> r.tableName("Counter").key(key("c"))
                                    .updateExpression("SET n = :next ADD added :one")
                                    .conditionExpression("n = :seen")
                                    .expressionAttributeValues(Map.of(":seen", AttributeValue.fromN(n),
                                            ":next", AttributeValue.fromN(Integer.toString(Integer.parseInt(n) + 1)),
                                            ":one", AttributeValue.fromN("1"))));
                            return null;
                        } catch (ConditionalCheckFailedException e) {
                            conditionFailures.incrementAndGet();
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
        Map<String, AttributeValue> item = b.getItem(r -> r.tableName("Counter").key(key("c")).consistentRead(true)).item();
        assertThat(item.get("n").n()).isEqualTo("16");
        assertThat(item.get("added").n()).isEqualTo("16");
    }

    @Test
    void bankTransfersThroughBothServersKeepTheTotalInEverySnapshot() throws Exception {
        Bank bankA = new Bank(a, "Bank");
        bankA.open();
        Bank bankB = new Bank(b, "Bank");
        AtomicInteger remaining = new AtomicInteger(400);
        AtomicInteger applied = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> totals = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Bank bank = w % 2 == 0 ? bankA : bankB;
                Random random = new Random(w);
                writers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        Bank.Outcome outcome;
                        while ((outcome = bank.transfer(random)) == Bank.Outcome.CONFLICT) {
                            Thread.onSpinWait();
                        }
                        if (outcome == Bank.Outcome.APPLIED) {
                            applied.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (Bank bank : List.of(bankA, bankB)) {
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        totals.add(bank.total());
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(300, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(applied.get()).isPositive();
        assertThat(totals).isNotEmpty().allMatch(total -> total == Bank.TOTAL);
        assertThat(bankA.total()).isEqualTo(Bank.TOTAL);
        assertThat(bankB.total()).isEqualTo(Bank.TOTAL);
    }

    @Test
    void streamReadThroughEitherServerIsTheExactChangeLogOfWritesThroughBoth() throws Exception {
        a.createTable(t -> t.tableName("Logged").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(d -> d.attributeName("pk").attributeType("S"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        String arn = b.describeTable(r -> r.tableName("Logged")).table().latestStreamArn();
        int writers = 4;
        int updates = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                DynamoDbClient client = w % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < updates; i++) {
                        // Three items shared by every writer, so changes of one item interleave across servers.
                        client.updateItem(r -> r.tableName("Logged").key(key("item" + (System.nanoTime() % 3)))
                                .updateExpression("ADD n :one").expressionAttributeValues(
                                        Map.of(":one", AttributeValue.fromN("1"))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var streamsA = StreamClients.client(FRONT_ENDS.serverA().endpoint());
             var streamsB = StreamClients.client(FRONT_ENDS.serverB().endpoint())) {
            List<software.amazon.awssdk.services.dynamodb.model.Record> viaA = StreamClients.all(streamsA, arn);
            List<software.amazon.awssdk.services.dynamodb.model.Record> viaB = StreamClients.all(streamsB, arn);
            assertThat(viaA).hasSize(writers * updates);
            assertThat(viaB).isEqualTo(viaA);
            // Per item the log replays exactly: each record's old image is the previous record's new image,
            // counts go up by one, and the last new image is the item as stored.
            Map<String, Map<String, AttributeValue>> last = new java.util.HashMap<>();
            for (var r : viaA) {
                String pk = r.dynamodb().keys().get("pk").s();
                var oldImage = r.dynamodb().oldImage();
                var expectedOld = last.get(pk);
                if (expectedOld == null) {
                    assertThat(r.eventNameAsString()).isEqualTo("INSERT");
                } else {
                    assertThat(oldImage).isEqualTo(expectedOld);
                }
                last.put(pk, r.dynamodb().newImage());
            }
            for (var e : last.entrySet()) {
                var stored = a.getItem(r -> r.tableName("Logged").key(key(e.getKey())).consistentRead(true)).item();
                assertThat(e.getValue()).isEqualTo(stored);
            }
        }
    }
}
