package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Table-level changes (UpdateTable, tags, backups, point-in-time recovery) made concurrently through
 * two DynaRocks servers on one etcd cluster all take effect, as they would on one DynamoDB endpoint:
 * none overwrites another, whichever server it went through.
 */
class TwoFrontEndsTableChangesIT {

    @RegisterExtension
    static final TwoFrontEnds FRONT_ENDS = new TwoFrontEnds();
    private static DynamoDbClient a;
    private static DynamoDbClient b;

    @BeforeAll
    static void clients() {
        a = FRONT_ENDS.a();
        b = FRONT_ENDS.b();
    }

    /** Runs the tasks at once (released together) and returns their results in order. */
    private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updateTableCallsThroughBothServersAtOnceAllTakeEffect() throws Exception {
        Tables.hashTable(a, "Settings");
        for (int round = 1; round <= 8; round++) {
            boolean protect = round % 2 == 1;
            long units = round;
            // A changes the capacity mode and throughput while B changes deletion protection.
            together(List.<Callable<Object>>of(
                    () -> a.updateTable(r -> r.tableName("Settings").billingMode(BillingMode.PROVISIONED)
                            .provisionedThroughput(p -> p.readCapacityUnits(units).writeCapacityUnits(units + 1))),
                    () -> b.updateTable(r -> r.tableName("Settings").deletionProtectionEnabled(protect))));
            // DescribeTable is eventually consistent (a server learns of another's change through the
            // store's watch); a lost update would never show, so both changes must appear on both servers.
            for (DynamoDbClient client : List.of(a, b)) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                    TableDescription t = client.describeTable(r -> r.tableName("Settings")).table();
                    assertThat(t.deletionProtectionEnabled()).isEqualTo(protect);
                    assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(units);
                    assertThat(t.provisionedThroughput().writeCapacityUnits()).isEqualTo(units + 1);
                });
            }
            a.updateTable(r -> r.tableName("Settings").billingMode(BillingMode.PAY_PER_REQUEST));
        }
    }

    @Test
    void indexCreationsThroughBothServersAtOnceAreOneAtATimeAndNeitherIsLost() throws Exception {
        Tables.hashTable(a, "Indexed");
        // DynamoDB creates one index of a table at a time. Two creations through two servers at once commit one
        // after the other: the second is refused with LimitExceededException while the first still backfills,
        // or accepted once that backfill (of an empty table: a moment) is done. Either way neither is lost, and
        // they are never both accepted from the same stored definition (that would drop one index).
        List<String> outcomes = together(List.<Callable<String>>of(() -> createIndex(a, "x"), () -> createIndex(b, "y")));
        assertThat(outcomes).contains("created").isSubsetOf("created", "limit");
        for (int i = 0; i < 2; i++) {
            if (outcomes.get(i).equals("limit")) {
                String refused = i == 0 ? "x" : "y";
                DynamoDbClient through = i == 0 ? a : b;
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> createIndex(through, refused).equals("created"));
            }
        }
        for (DynamoDbClient client : List.of(a, b)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client.describeTable(r -> r.tableName("Indexed")).table().globalSecondaryIndexes())
                            .extracting(GlobalSecondaryIndexDescription::indexName)
                            .containsExactlyInAnyOrder("by-x", "by-y"));
        }
        b.putItem(r -> r.tableName("Indexed").item(Map.of("pk", AttributeValue.fromS("1"),
                "x", AttributeValue.fromS("x1"), "y", AttributeValue.fromS("y1"))));
        for (String attribute : List.of("x", "y")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(a.query(q -> q.tableName("Indexed").indexName("by-" + attribute)
                            .keyConditionExpression("#a = :v").expressionAttributeNames(Map.of("#a", attribute))
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(attribute + "1"))))
                            .count()).isEqualTo(1));
        }
    }

    @Test
    void writesThroughTheOtherServerWhileAnIndexBackfillsAreIndexedAndTheIndexMatchesTheTable() throws Exception {
        Tables.hashTable(a, "Backfilled");
        int items = 150;
        for (int i = 0; i < items; i++) {
            String pk = "k" + i;
            a.putItem(r -> r.tableName("Backfilled").item(Map.of("pk", AttributeValue.fromS(pk),
                    "g", AttributeValue.fromS("before"))));
        }
        // Server B keeps moving items to other index keys, and adding items, from before the index is created
        // until after it is ACTIVE: the backfill through server A meets writes it cannot fence.
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> writer = pool.submit(() -> {
            java.util.Random random = new java.util.Random(7);
            for (int n = 0; writing.get(); n++) {
                String pk = n % 5 == 4 ? "added" + n : "k" + random.nextInt(items);
                String g = "g" + (n % 3);
                b.updateItem(r -> r.tableName("Backfilled").key(Map.of("pk", AttributeValue.fromS(pk)))
                        .updateExpression("SET g = :g").expressionAttributeValues(Map.of(":g", AttributeValue.fromS(g))));
                writes.incrementAndGet();
            }
            return null;
        });
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> writes.get() > 0);
            a.updateTable(r -> r.tableName("Backfilled")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("g")
                            .attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-g")
                            .keySchema(k -> k.attributeName("g").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() ->
                    a.describeTable(r -> r.tableName("Backfilled")).table().globalSecondaryIndexes().get(0)
                            .indexStatusAsString().equals("ACTIVE"));
            // Writes through B before, during (however the backfill and B's writes interleave) and after it.
            int activeAt = writes.get();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> writes.get() > activeAt);
        } finally {
            writing.set(false);
            writer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            pool.shutdown();
        }
        // Every item once in the index, under its current value: no entry missing, none left for an old value.
        List<String> table = a.scanPaginator(r -> r.tableName("Backfilled").consistentRead(true)).items().stream()
                .map(i -> i.get("pk").s() + "=" + i.get("g").s()).sorted().toList();
        for (DynamoDbClient client : List.of(a, b)) {
            List<String> index = client.scanPaginator(r -> r.tableName("Backfilled").indexName("by-g")).items()
                    .stream().map(i -> i.get("pk").s() + "=" + i.get("g").s()).sorted().toList();
            assertThat(index).isEqualTo(table);
        }
    }

    private static String createIndex(DynamoDbClient client, String attribute) {
        try {
            client.updateTable(r -> r.tableName("Indexed")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(attribute)
                            .attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-" + attribute)
                            .keySchema(k -> k.attributeName(attribute).keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));
            return "created";
        } catch (LimitExceededException e) {
            return "limit";
        }
    }

    @Test
    void tagsAddedAndRemovedThroughBothServersAtOnceAreAllApplied() throws Exception {
        Tables.hashTable(a, "Tagged");
        String arn = a.describeTable(r -> r.tableName("Tagged")).table().tableArn();
        a.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("doomed-a").value("1").build(),
                Tag.builder().key("doomed-b").value("1").build()));
        List<Callable<Object>> calls = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            DynamoDbClient client = writer % 2 == 0 ? a : b;
            int w = writer;
            calls.add(() -> {
                for (int i = 0; i < 10; i++) {
                    String key = "w" + w + "-" + i;
                    client.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key(key).value(key).build()));
                }
                client.untagResource(r -> r.resourceArn(arn).tagKeys(w % 2 == 0 ? "doomed-a" : "doomed-b"));
                return null;
            });
        }
        together(calls);
        for (DynamoDbClient client : List.of(a, b)) {
            Map<String, String> tags = client.listTagsOfResource(r -> r.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(tags).hasSize(40).doesNotContainKeys("doomed-a", "doomed-b");
            for (int w = 0; w < 4; w++) {
                for (int i = 0; i < 10; i++) {
                    assertThat(tags).containsEntry("w" + w + "-" + i, "w" + w + "-" + i);
                }
            }
        }
    }

    @Test
    void backupMadeThroughOneServerIsListedRestoredAndDeletedOnceThroughEither() throws Exception {
        Tables.hashTable(a, "Saved");
        a.putItem(r -> r.tableName("Saved").item(Map.of("pk", AttributeValue.fromS("k"))));
        String arn = a.createBackup(r -> r.tableName("Saved").backupName("nightly")).backupDetails().backupArn();
        assertThat(b.describeBackup(r -> r.backupArn(arn)).backupDescription().backupDetails().backupName())
                .isEqualTo("nightly");
        assertThat(b.listBackups(r -> r.tableName("Saved")).backupSummaries()).hasSize(1);
        b.restoreTableFromBackup(r -> r.backupArn(arn).targetTableName("SavedCopy"));
        assertThat(a.getItem(r -> r.tableName("SavedCopy").key(Map.of("pk", AttributeValue.fromS("k")))
                .consistentRead(true)).item()).isNotEmpty();

        // Both servers delete it at once: exactly one reports it deleted, the other that it is gone.
        List<String> outcomes = together(List.<Callable<String>>of(() -> delete(a, arn), () -> delete(b, arn)));
        assertThat(outcomes).containsExactlyInAnyOrder("DELETED", "not found");
        assertThat(a.listBackups(r -> r.tableName("Saved")).backupSummaries()).isEmpty();
    }

    private static String delete(DynamoDbClient client, String arn) {
        try {
            return client.deleteBackup(r -> r.backupArn(arn)).backupDescription().backupDetails().backupStatusAsString();
        } catch (BackupNotFoundException e) {
            return "not found";
        }
    }

    @Test
    void pointInTimeRecoveryEnabledThroughOneServerLogsWritesThroughTheOther() throws Exception {
        Tables.hashTable(a, "Recovered");
        a.updateContinuousBackups(r -> r.tableName("Recovered")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
        assertThat(b.describeContinuousBackups(r -> r.tableName("Recovered")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        // Both servers change the recovery period at once; then B writes, and A restores from before B's change.
        together(List.<Callable<Object>>of(
                () -> a.updateContinuousBackups(r -> r.tableName("Recovered").pointInTimeRecoverySpecification(
                        s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7))),
                () -> b.updateContinuousBackups(r -> r.tableName("Recovered").pointInTimeRecoverySpecification(
                        s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)))));
        assertThat(a.describeContinuousBackups(r -> r.tableName("Recovered")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().recoveryPeriodInDays()).isEqualTo(7);
        b.putItem(r -> r.tableName("Recovered").item(Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("1"))));
        Thread.sleep(20);
        Instant between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(20);
        b.putItem(r -> r.tableName("Recovered").item(Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("2"))));
        while (a.describeContinuousBackups(r -> r.tableName("Recovered")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().latestRestorableDateTime().isBefore(between)) {
            Thread.sleep(50);
        }
        a.restoreTableToPointInTime(r -> r.sourceTableName("Recovered").targetTableName("RecoveredThen")
                .restoreDateTime(between));
        assertThat(a.getItem(r -> r.tableName("RecoveredThen").key(Map.of("pk", AttributeValue.fromS("k")))
                .consistentRead(true)).item()).containsEntry("v", AttributeValue.fromN("1"));
    }
}
