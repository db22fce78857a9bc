package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups and RestoreTableToPointInTime. */
class PointInTimeRecoveryIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @TempDir
    Path dir;

    @Test
    void recoveryIsOffUntilEnabledAndReportsItsWindow() {
        Tables.hashTable(client, "Settings");
        assertThat(pitr(client, "Settings").pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        Instant before = Instant.now().minusMillis(5);
        PointInTimeRecoveryDescription on = enable(client, "Settings");
        assertThat(on.pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        assertThat(on.recoveryPeriodInDays()).isEqualTo(35);
        assertThat(on.earliestRestorableDateTime()).isAfter(before);
        assertThat(on.latestRestorableDateTime()).isNotNull();

        PointInTimeRecoveryDescription seven = client.updateContinuousBackups(b -> b.tableName("Settings")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)))
                .continuousBackupsDescription().pointInTimeRecoveryDescription();
        assertThat(seven.recoveryPeriodInDays()).isEqualTo(7);
        assertThat(seven.earliestRestorableDateTime()).isEqualTo(on.earliestRestorableDateTime());
        assertThat(client.describeContinuousBackups(b -> b.tableName("Settings")).continuousBackupsDescription()
                .continuousBackupsStatusAsString()).isEqualTo("ENABLED");

        assertThatThrownBy(() -> client.updateContinuousBackups(b -> b.tableName("Settings")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(36))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Value '36' at "
                        + "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 35");
        assertThatThrownBy(() -> client.describeContinuousBackups(b -> b.tableName("NoSuchTable")))
                .isInstanceOf(TableNotFoundException.class).hasMessageStartingWith("Table not found: NoSuchTable");

        client.updateContinuousBackups(b -> b.tableName("Settings")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(false)));
        assertThat(pitr(client, "Settings").pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
    }

    @Test
    void restoreToATimeBetweenTwoWritesGivesTheTableAsItWasThen() throws InterruptedException {
        BackupIT.createWithIndex(client, "Timeline");
        BackupIT.put(client, "Timeline", "kept", "c1", 1);
        BackupIT.put(client, "Timeline", "changed", "c1", 1);
        BackupIT.put(client, "Timeline", "deleted", "c1", 1);
        enable(client, "Timeline");
        BackupIT.put(client, "Timeline", "changed", "c1", 2);
        Thread.sleep(20);
        Instant between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(20);
        BackupIT.put(client, "Timeline", "changed", "c2", 3);
        BackupIT.put(client, "Timeline", "added", "c1", 1);
        client.deleteItem(b -> b.tableName("Timeline").key(Map.of("id", AttributeValue.fromS("deleted"))));
        awaitRestorable(client, "Timeline", between);

        TableDescription t = client.restoreTableToPointInTime(b -> b.sourceTableName("Timeline")
                .targetTableName("TimelineThen").restoreDateTime(between)).tableDescription();
        assertThat(t.restoreSummary().restoreDateTime()).isEqualTo(between);
        assertThat(t.restoreSummary().sourceTableArn()).endsWith(":table/Timeline");
        var then = BackupIT.scan(client, "TimelineThen");
        assertThat(then).containsOnlyKeys("kept", "changed", "deleted");
        assertThat(then.get("changed").get("amount").n()).isEqualTo("2");
        assertThat(client.query(b -> b.tableName("TimelineThen").indexName("byCustomer")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c1")))).count()).isEqualTo(3);

        // The latest restorable time trails the clock: wait until it is past the last write.
        awaitRestorable(client, "Timeline", Instant.now());
        client.restoreTableToPointInTime(b -> b.sourceTableName("Timeline").targetTableName("TimelineNow")
                .useLatestRestorableTime(true));
        assertThat(BackupIT.scan(client, "TimelineNow")).containsOnlyKeys("kept", "changed", "added");
    }

    @Test
    void restoreUnderConcurrentWritesGivesExactlyTheStateAtThatTime() throws Exception {
        Tables.hashTable(client, "Busy");
        for (int k = 0; k < 8; k++) {
            counter(client, "Busy", "k" + k, 0);
        }
        enable(client, "Busy");
        // Per key: each write's counter value, when its request started and when it was acknowledged.
        record Write(long value, long startMillis, long ackMillis) {}
        Map<String, List<Write>> writes = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<String> keys = List.of("k" + (2 * w), "k" + (2 * w + 1));
            Thread t = new Thread(() -> {
                try (DynamoDbClient c = ServerExtension.client(SERVER.endpoint())) {
                    long v = 0;
                    while (!stop.get()) {
                        v++;
                        for (String key : keys) {
                            long start = System.currentTimeMillis();
                            counter(c, "Busy", key, v);
                            writes.computeIfAbsent(key, x -> new CopyOnWriteArrayList<>())
                                    .add(new Write(v, start, System.currentTimeMillis()));
                        }
                    }
                }
            });
            writers.add(t);
            t.start();
        }
        Thread.sleep(700);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(700);
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        awaitRestorable(client, "Busy", at);
        client.restoreTableToPointInTime(b -> b.sourceTableName("Busy").targetTableName("BusyThen")
                .restoreDateTime(at));

        var then = BackupIT.scan(client, "BusyThen");
        assertThat(then).hasSize(8);
        long t = at.toEpochMilli();
        for (var e : writes.entrySet()) {
            long restored = Long.parseLong(then.get(e.getKey()).get("v").n());
            long lastAcked = e.getValue().stream().filter(w -> w.ackMillis() < t).mapToLong(Write::value).max()
                    .orElse(0);
            long firstLater = e.getValue().stream().filter(w -> w.startMillis() > t).mapToLong(Write::value).min()
                    .orElse(Long.MAX_VALUE);
            assertThat(restored).as("key %s", e.getKey()).isGreaterThanOrEqualTo(lastAcked).isLessThan(firstLater);
        }
        assertThat(writes.values().stream().mapToInt(List::size).sum()).isGreaterThan(20);
    }

    @Test
    void deletedTableIsRestoredFromItsArnAndItsSystemBackup() throws InterruptedException {
        Tables.hashTable(client, "Dropped");
        enable(client, "Dropped");
        counter(client, "Dropped", "a", 1);
        counter(client, "Dropped", "b", 2);
        String arn = client.describeTable(b -> b.tableName("Dropped")).table().tableArn();
        Thread.sleep(20);
        client.deleteTable(b -> b.tableName("Dropped"));

        BackupSummary system = client.listBackups(b -> b.tableName("Dropped").backupType(BackupTypeFilter.SYSTEM))
                .backupSummaries().get(0);
        assertThat(system.backupName()).isEqualTo("Dropped$DeletedTableBackup");
        assertThat(system.backupExpiryDateTime()).isAfter(Instant.now().plusSeconds(34L * 24 * 3600));

        client.restoreTableToPointInTime(b -> b.sourceTableArn(arn).targetTableName("DroppedAgain")
                .useLatestRestorableTime(true));
        assertThat(BackupIT.scan(client, "DroppedAgain")).containsOnlyKeys("a", "b");
        client.restoreTableFromBackup(b -> b.backupArn(system.backupArn()).targetTableName("DroppedFromBackup"));
        assertThat(BackupIT.scan(client, "DroppedFromBackup")).containsOnlyKeys("a", "b");
    }

    @Test
    void restoreNeedsRecoveryEnabledAndATimeInsideTheWindow() {
        Tables.hashTable(client, "NotRecoverable");
        assertThatThrownBy(() -> client.restoreTableToPointInTime(b -> b.sourceTableName("NotRecoverable")
                .targetTableName("Copy1").useLatestRestorableTime(true)))
                .isInstanceOf(PointInTimeRecoveryUnavailableException.class)
                .hasMessageStartingWith("Point in time recovery is not enabled for table 'NotRecoverable'");
        enable(client, "NotRecoverable");
        assertThatThrownBy(() -> client.restoreTableToPointInTime(b -> b.sourceTableName("NotRecoverable")
                .targetTableName("Copy2").restoreDateTime(Instant.now().minusSeconds(3600))))
                .isInstanceOf(InvalidRestoreTimeException.class);
        assertThatThrownBy(() -> client.restoreTableToPointInTime(b -> b.sourceTableName("Missing")
                .targetTableName("Copy3").useLatestRestorableTime(true)))
                .isInstanceOf(TableNotFoundException.class);
        assertThat(client.listTables().tableNames()).doesNotContain("Copy1", "Copy2", "Copy3");
    }

    @Test
    void recoveryWindowAndLogSurviveARestart() throws InterruptedException {
        Instant between;
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            Tables.hashTable(c, "Durable");
            enable(c, "Durable");
            counter(c, "Durable", "x", 1);
            Thread.sleep(20);
            between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Thread.sleep(20);
            counter(c, "Durable", "x", 2);
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            assertThat(pitr(c, "Durable").pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
            awaitRestorable(c, "Durable", between);
            c.restoreTableToPointInTime(b -> b.sourceTableName("Durable").targetTableName("DurableThen")
                    .restoreDateTime(between));
            assertThat(BackupIT.scan(c, "DurableThen").get("x").get("v").n()).isEqualTo("1");
        }
    }

    private static PointInTimeRecoveryDescription pitr(DynamoDbClient c, String table) {
        return c.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
    }

    private static PointInTimeRecoveryDescription enable(DynamoDbClient c, String table) {
        return c.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)))
                .continuousBackupsDescription().pointInTimeRecoveryDescription();
    }

    private static void counter(DynamoDbClient c, String table, String key, long value) {
        c.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key),
                "v", AttributeValue.fromN(Long.toString(value)))));
    }

    /** Waits until {@code at} is inside the restorable window (its latest end trails the clock a little). */
    private static void awaitRestorable(DynamoDbClient c, String table, Instant at) throws InterruptedException {
        while (pitr(c, table).latestRestorableDateTime().isBefore(at)) {
            Thread.sleep(50);
        }
    }
}
