package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Global tables (version 2019.11.21) across three servers on loopback, each standing for one region. */
class GlobalTablesIT extends RegionsTest {

    private static void deleteReplica(DynamoDbClient client, String table, String region) {
        client.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .delete(c -> c.regionName(region)).build()));
    }

    private static Map<String, AttributeValue> get(DynamoDbClient client, String table, String pk) {
        var response = client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                .consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    private static void put(DynamoDbClient client, String table, String pk, String value) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                "value", AttributeValue.fromS(value))));
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
        items.sort(Comparator.comparing(i -> i.get("pk").s()));
        return items;
    }

    @Test
    void addingReplicaCreatesTheTableInThatRegionAndDescribesIt() {
        regions = new Regions(EAST, WEST);
        Tables.hashTable(regions.client(EAST), "Music");

        TableDescription updated = regions.client(EAST).updateTable(b -> b.tableName("Music")
                .replicaUpdates(ReplicationGroupUpdate.builder().create(c -> c.regionName(WEST)).build()))
                .tableDescription();

        assertThat(updated.globalTableVersion()).isEqualTo("2019.11.21");
        assertThat(updated.replicas()).extracting(ReplicaDescription::regionName).containsExactly(WEST);
        assertThat(updated.replicas().get(0).replicaTableClassSummary().tableClassAsString()).isEqualTo("STANDARD");
        assertThat(updated.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        awaitActive(regions.client(EAST), "Music", WEST);
        TableDescription west = regions.client(WEST).describeTable(b -> b.tableName("Music")).table();
        assertThat(west.keySchema()).isEqualTo(updated.keySchema());
        assertThat(west.globalTableVersion()).isEqualTo("2019.11.21");
        assertThat(west.replicas()).extracting(ReplicaDescription::regionName).containsExactly(EAST);
    }

    @Test
    void aWriteInEachRegionAppearsInTheOthers() {
        globalTable("Writes");
        for (String region : regions.running()) {
            put(regions.client(region), "Writes", "from-" + region, region);
        }
        for (String reader : regions.running()) {
            await().atMost(WAIT).untilAsserted(() -> {
                for (String writer : regions.running()) {
                    assertThat(get(regions.client(reader), "Writes", "from-" + writer))
                            .containsEntry("value", AttributeValue.fromS(writer));
                }
            });
        }
        regions.client(WEST).deleteItem(b -> b.tableName("Writes").key(Map.of("pk", AttributeValue.fromS("from-" + EU))));
        for (String reader : regions.running()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(get(regions.client(reader), "Writes", "from-" + EU)).isNull());
        }
    }

    @Test
    void replicaInUnknownRegionIsRejected() {
        regions = new Regions(EAST);
        Tables.hashTable(regions.client(EAST), "Lonely");

        // DynamoDB lists the regions where global tables are supported: a server knows its own and its peers.
        assertRefused(() -> addReplica(regions.client(EAST), "Lonely", "ap-south-1"),
                "Region ap-south-1 is not supported. The latest version of global tables are only supported in the "
                        + "following regions: [us-east-1].");
        assertThat(regions.client(EAST).describeTable(b -> b.tableName("Lonely")).table().hasReplicas()).isFalse();
    }

    @Test
    void concurrentConflictingWritesFromTwoRegionsConvergeToTheSameWinnerEverywhere() throws Exception {
        globalTable("Conflicts");
        List<Thread> writers = new ArrayList<>();
        for (String region : List.of(EAST, WEST)) {
            writers.add(new Thread(() -> {
                for (int round = 0; round < 100; round++) {
                    for (int k = 0; k < 5; k++) {
                        put(regions.client(region), "Conflicts", "k" + k, region + "-" + round);
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, AttributeValue>> east = scan(regions.client(EAST), "Conflicts");
            assertThat(east).hasSize(5);
            assertThat(scan(regions.client(WEST), "Conflicts")).isEqualTo(east);
            assertThat(scan(regions.client(EU), "Conflicts")).isEqualTo(east);
        });
        for (Map<String, AttributeValue> item : scan(regions.client(EU), "Conflicts")) {
            assertThat(item.get("value").s()).matches("(us-east-1|us-west-2)-99");
        }
    }

    @Test
    void regionStoppedDuringWritesCatchesUpAfterRestartWithNothingLostOrDuplicated() throws Exception {
        globalTable("Outage");
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            DynamoDbClient east = regions.client(EAST);
            while (running.get()) {
                int i = written.get();
                put(east, "Outage", String.format("item-%05d", i), "v" + i);
                // ADD is not idempotent: replaying a change twice would show in the counter.
                east.updateItem(b -> b.tableName("Outage").key(Map.of("pk", AttributeValue.fromS("counter")))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                written.incrementAndGet();
            }
        });
        writer.start();
        await().atMost(WAIT).until(() -> written.get() >= 50);
        regions.stop(EU);
        int atStop = written.get();
        await().atMost(WAIT).until(() -> written.get() >= atStop + 150);
        put(regions.client(WEST), "Outage", "west-during-outage", WEST);
        regions.start(EU);
        int atRestart = written.get();
        await().atMost(WAIT).until(() -> written.get() >= atRestart + 50);
        running.set(false);
        writer.join();

        int total = written.get();
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, AttributeValue>> eu = scan(regions.client(EU), "Outage");
            assertThat(eu).hasSize(total + 2);
            assertThat(eu).isEqualTo(scan(regions.client(EAST), "Outage"));
            assertThat(get(regions.client(EU), "Outage", "counter")).containsEntry("n", AttributeValue.fromN(
                    Integer.toString(total)));
        });
        assertThat(scan(regions.client(WEST), "Outage")).isEqualTo(scan(regions.client(EU), "Outage"));
    }

    @Test
    void replicaAddedToATableOf10000ItemsWhileWritesContinueEndsIdentical() throws Exception {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        Tables.hashTable(east, "Big");
        for (int batch = 0; batch < 400; batch++) {
            List<WriteRequest> requests = new ArrayList<>();
            for (int i = batch * 25; i < batch * 25 + 25; i++) {
                String pk = String.format("item-%05d", i);
                requests.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(pk),
                        "value", AttributeValue.fromS("v0")))).build());
            }
            east.batchWriteItem(b -> b.requestItems(Map.of("Big", requests)));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int n = 1; running.get(); n++) {
                put(east, "Big", String.format("item-%05d", (n * 7919) % 10_000), "v" + n);
                if (n % 10 == 0) {
                    put(east, "Big", "late-" + n, "v" + n);
                }
                if (n % 7 == 0) {
                    // Deletions racing the backfill: of items it may or may not have copied yet.
                    String gone = String.format("item-%05d", (n * 104_729) % 10_000);
                    east.deleteItem(d -> d.tableName("Big").key(Map.of("pk", AttributeValue.fromS(gone))));
                }
            }
        });
        writer.start();
        addReplica(east, "Big", WEST);
        awaitActive(east, "Big", WEST);
        running.set(false);
        writer.join();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(scan(regions.client(WEST), "Big")).isEqualTo(scan(east, "Big")));
        assertThat(scan(east, "Big")).anyMatch(i -> i.get("pk").s().startsWith("late-"))
                .hasSizeLessThan(10_000 + (int) scan(east, "Big").stream()
                        .filter(i -> i.get("pk").s().startsWith("late-")).count());
    }

    @Test
    void deletingAReplicaStopsReplicationAndDeletesTheTableInThatRegion() {
        globalTable("Leaving");
        put(regions.client(EAST), "Leaving", "before", "x");
        await().atMost(WAIT).until(() -> get(regions.client(EU), "Leaving", "before") != null);

        deleteReplica(regions.client(EAST), "Leaving", EU);

        assertThat(regions.client(EAST).describeTable(b -> b.tableName("Leaving")).table().replicas())
                .extracting(ReplicaDescription::regionName).containsExactly(WEST);
        assertThat(regions.client(WEST).describeTable(b -> b.tableName("Leaving")).table().replicas())
                .extracting(ReplicaDescription::regionName).containsExactly(EAST);
        assertThatThrownBy(() -> regions.client(EU).describeTable(b -> b.tableName("Leaving")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(regions.server(EAST).replication().states()).extracting(s -> s.region()).containsExactly(WEST);
        assertThat(regions.server(WEST).replication().states()).extracting(s -> s.region()).containsExactly(EAST);
        put(regions.client(WEST), "Leaving", "after", "y");
        await().atMost(WAIT).until(() -> get(regions.client(EAST), "Leaving", "after") != null);
        assertThatThrownBy(() -> get(regions.client(EU), "Leaving", "after"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void replicaOverridesAreAppliedInTheReplicaRegionAndDescribedEverywhere() {
        provisionedGlobalTable("Tuned", c -> c.provisionedThroughputOverride(p -> p.readCapacityUnits(7L))
                .tableClassOverride(TableClass.STANDARD_INFREQUENT_ACCESS));
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        assertThat(west.describeTable(b -> b.tableName("Tuned")).table().provisionedThroughput().readCapacityUnits())
                .isEqualTo(7L);

        east.updateTable(b -> b.tableName("Tuned").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).provisionedThroughputOverride(p -> p.readCapacityUnits(9L))
                        .globalSecondaryIndexes(i -> i.indexName("ByGenre")
                                .provisionedThroughputOverride(p -> p.readCapacityUnits(4L)))).build()));

        ReplicaDescription described = replicaOf(east, "Tuned", WEST);
        assertThat(described.provisionedThroughputOverride().readCapacityUnits()).isEqualTo(9L);
        assertThat(described.globalSecondaryIndexes()).hasSize(1);
        assertThat(described.globalSecondaryIndexes().get(0).indexName()).isEqualTo("ByGenre");
        assertThat(described.globalSecondaryIndexes().get(0).provisionedThroughputOverride().readCapacityUnits())
                .isEqualTo(4L);
        assertThat(described.replicaTableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        TableDescription westTable = west.describeTable(b -> b.tableName("Tuned")).table();
        assertThat(westTable.provisionedThroughput().readCapacityUnits()).isEqualTo(9L);
        assertThat(westTable.provisionedThroughput().writeCapacityUnits()).isEqualTo(5L);
        assertThat(westTable.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits()).isEqualTo(4L);
        assertThat(westTable.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        // us-east-1 set no override of its own: from us-west-2 it has the base's settings.
        ReplicaDescription eastFromWest = replicaOf(west, "Tuned", EAST);
        assertThat(eastFromWest.provisionedThroughputOverride()).isNull();
        assertThat(eastFromWest.replicaTableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD);
        assertThat(east.describeTable(b -> b.tableName("Tuned")).table().provisionedThroughput().readCapacityUnits())
                .isEqualTo(5L);

        // Sending the base's own value clears the override.
        east.updateTable(b -> b.tableName("Tuned").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).provisionedThroughputOverride(p -> p.readCapacityUnits(5L))).build()));
        assertThat(replicaOf(east, "Tuned", WEST).provisionedThroughputOverride()).isNull();
        assertThat(replicaOf(east, "Tuned", WEST).globalSecondaryIndexes().get(0).provisionedThroughputOverride()
                .readCapacityUnits()).isEqualTo(4L);
        assertThat(west.describeTable(b -> b.tableName("Tuned")).table().provisionedThroughput().readCapacityUnits())
                .isEqualTo(5L);
    }

    /** A pay-per-request table encrypted under KMS key {@code keyId} (the AWS managed key when null). */
    private static void encryptedTable(DynamoDbClient client, String name, String keyId) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(keyId)));
    }

    private static void addReplica(DynamoDbClient client, String table, String region, String keyId) {
        client.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(region).kmsMasterKeyId(keyId)).build()));
    }

    private static String tableKey(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table().sseDescription().kmsMasterKeyArn();
    }

    @Test
    void eachReplicaOfATableUnderACustomerManagedKeyIsEncryptedUnderAKeyOfItsOwnRegion() {
        regions = new Regions(EAST, WEST, EU);
        DynamoDbClient east = regions.client(EAST);
        encryptedTable(east, "Secrets", "east-key");
        String eastKey = "arn:aws:kms:us-east-1:000000000000:key/east-key";
        assertThat(tableKey(east, "Secrets")).isEqualTo(eastKey);

        assertRefused(() -> addReplica(east, "Secrets", WEST),
                "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.");
        addReplica(east, "Secrets", WEST, "west-key");
        addReplica(east, "Secrets", EU, "arn:aws:kms:eu-west-1:000000000000:key/eu-key");
        awaitActive(east, "Secrets", WEST, EU);

        String westKey = "arn:aws:kms:us-west-2:000000000000:key/west-key";
        assertThat(replicaOf(east, "Secrets", WEST).kmsMasterKeyId()).isEqualTo(westKey);
        assertThat(replicaOf(east, "Secrets", EU).kmsMasterKeyId())
                .isEqualTo("arn:aws:kms:eu-west-1:000000000000:key/eu-key");
        assertThat(tableKey(regions.client(WEST), "Secrets")).isEqualTo(westKey);
        assertThat(replicaOf(regions.client(WEST), "Secrets", EAST).kmsMasterKeyId()).isEqualTo(eastKey);
        assertThat(replicaOf(regions.client(EU), "Secrets", WEST).kmsMasterKeyId()).isEqualTo(westKey);
        assertThat(tableKey(east, "Secrets")).isEqualTo(eastKey);

        // A replica's key is not changed through ReplicaUpdates (DynamoDB refuses any Update naming one)...
        assertRefused(() -> east.updateTable(b -> b.tableName("Secrets").replicaUpdates(ReplicationGroupUpdate
                .builder().update(u -> u.regionName(WEST).kmsMasterKeyId("west-key-2")).build())),
                "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.");
        // ...but in its own region: that region's table is encrypted under it, every region reports it.
        regions.client(WEST).updateTable(b -> b.tableName("Secrets")
                .sseSpecification(sse -> sse.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("west-key-2")));
        String westKey2 = "arn:aws:kms:us-west-2:000000000000:key/west-key-2";
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(tableKey(regions.client(WEST), "Secrets")).isEqualTo(westKey2);
            assertThat(replicaOf(regions.client(EU), "Secrets", WEST).kmsMasterKeyId()).isEqualTo(westKey2);
        });
        assertThat(replicaOf(east, "Secrets", WEST).kmsMasterKeyId()).isEqualTo(westKey2);
        assertThat(tableKey(east, "Secrets")).isEqualTo(eastKey);
    }

    @Test
    void aReplicaOfATableUnderTheAwsManagedKeyHasTheAwsManagedKeyOfItsRegion() {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        encryptedTable(east, "Managed", null);
        assertRefused(() -> addReplica(east, "Managed", WEST, "west-key"),
                "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.");
        addReplica(east, "Managed", WEST);
        awaitActive(east, "Managed", WEST);

        String eastKey = tableKey(east, "Managed");
        String westKey = tableKey(regions.client(WEST), "Managed");
        assertThat(eastKey).startsWith("arn:aws:kms:us-east-1:000000000000:key/");
        assertThat(westKey).isEqualTo(eastKey.replace("us-east-1", "us-west-2"));
        assertThat(replicaOf(east, "Managed", WEST).kmsMasterKeyId()).isNull();
    }

    @Test
    void withAReplicaTransientStatusDelayAReplicaIsCreatingThenActiveAndDeletingThenGone() {
        // A clock that only the test moves: the delay ends exactly when the test says so.
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-10-08T20:00:00Z"));
        java.time.Duration delay = java.time.Duration.ofMinutes(10);
        regions = new Regions((region, builder) -> builder.clock(clock).transientStatusDelays(
                io.dynarocks.engine.catalog.TransientDelays.NONE.with("replica", delay)), EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        Tables.hashTable(east, "Delayed");
        put(east, "Delayed", "before", "v1");
        addReplica(east, "Delayed", WEST);

        // The backfill ends and writes replicate, but the replica stays CREATING until the delay is over.
        await().atMost(WAIT).until(() -> regions.server(EAST).replication().state("Delayed", WEST) != null
                && regions.server(EAST).replication().state("Delayed", WEST).backfilled()
                && get(regions.client(WEST), "Delayed", "before") != null);
        assertThat(replicaOf(east, "Delayed", WEST).replicaStatus()).isEqualTo(ReplicaStatus.CREATING);
        clock.advance(delay.minusSeconds(1));
        assertThat(replicaOf(east, "Delayed", WEST).replicaStatus()).isEqualTo(ReplicaStatus.CREATING);
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(replicaOf(east, "Delayed", WEST).replicaStatus()).isEqualTo(ReplicaStatus.ACTIVE);

        deleteReplica(east, "Delayed", WEST);
        assertThat(replicaOf(east, "Delayed", WEST).replicaStatus()).isEqualTo(ReplicaStatus.DELETING);
        clock.advance(delay);
        assertThat(east.describeTable(b -> b.tableName("Delayed")).table().replicas()).isEmpty();
    }

    @Test
    void switchingAGlobalTableToACustomerManagedKeyWithoutReplicaKeysIsRefused() {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        encryptedTable(east, "Switched", null);
        addReplica(east, "Switched", WEST);
        awaitActive(east, "Switched", WEST);
        String managedKey = tableKey(east, "Switched");

        assertRefused(() -> east.updateTable(b -> b.tableName("Switched")
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("east-key"))),
                "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.");
        assertThat(tableKey(east, "Switched")).isEqualTo(managedKey);
        // A table without replicas may switch: it has no other region needing a key of its own.
        encryptedTable(east, "Alone", null);
        east.updateTable(b -> b.tableName("Alone")
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("east-key")));
        assertThat(tableKey(east, "Alone")).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/east-key");
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> {
                    assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(((DynamoDbException) e).awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void replicaUpdatesAreRefusedWithDynamoDbsMessages() {
        regions = new Regions(EAST, WEST, EU);
        DynamoDbClient east = regions.client(EAST);
        Tables.provisionedTable(east, "Strict");
        addReplica(east, "Strict", WEST);

        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST)).build())),
                "There are no actions specified in the Replica Update Action of the request.");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).globalSecondaryIndexes(i -> i.indexName("ByGenre"))).build())),
                "There are no actions specified in the Replica Update Action of the request.");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).kmsMasterKeyId("alias/mine")).build())),
                "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica.");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).onDemandThroughputOverride(o -> o.maxReadRequestUnits(10L))).build())),
                "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table BillingMode is "
                        + "PROVISIONED");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(EU).tableClassOverride(TableClass.STANDARD)).build())),
                "Update global table operation failed because one or more replicas were not part of the global table. "
                        + "Please retry the request without these replicas: [eu-west-1].");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(WEST)).build())),
                "Failed to create a the new replica of table with name: \u2018Strict\u2019 because one or more replicas "
                        + "already existed as tables.");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(
                ReplicationGroupUpdate.builder().create(c -> c.regionName(EU)).build(),
                ReplicationGroupUpdate.builder().delete(c -> c.regionName(WEST)).build())),
                "Update table operation with more than one create or delete replica actions not allowed");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").deletionProtectionEnabled(true)
                .replicaUpdates(ReplicationGroupUpdate.builder().delete(c -> c.regionName(WEST)).build())),
                "One or more parameter values were invalid: Requests that modify replicas or witnesses must not also "
                        + "modify other fields");
        assertRefused(() -> east.updateTable(b -> b.tableName("Strict").replicaUpdates(ReplicationGroupUpdate.builder()
                .delete(c -> c.regionName(EAST)).build())),
                "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, "
                        + "or UpdateTable as required.");
        Tables.hashTable(regions.client(EU), "Strict");
        assertRefused(() -> addReplica(east, "Strict", EU),
                "Failed to create a the new replica of table with name: \u2018Strict\u2019 because one or more replicas "
                        + "already existed as tables.");
        assertThat(regions.client(EU).describeTable(b -> b.tableName("Strict")).table().hasReplicas()).isFalse();
        assertThat(east.describeTable(b -> b.tableName("Strict")).table().replicas())
                .extracting(ReplicaDescription::regionName).containsExactly(WEST);
    }

    @Test
    void peersSignTheirCallsWhenTheOtherRegionRequiresSignedRequests() {
        // Every server requires SigV4: the clients' key, and the key the regions sign their calls to each other
        // with (us-west-2 is given none at first).
        regions = new Regions((region, server) -> {
            server.authKey("key", "secret").authKey("AKIDREPLICATION", "replication-secret");
            if (!region.equals(WEST)) {
                server.peerCredentials("AKIDREPLICATION", "replication-secret");
            }
        }, EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        Tables.hashTable(east, "Signed");

        addReplica(east, "Signed", WEST);
        awaitActive(east, "Signed", WEST);
        put(east, "Signed", "from-east", EAST);
        await().atMost(WAIT).until(() -> get(west, "Signed", "from-east") != null);

        // us-west-2 calls us-east-1 unsigned: refused, and the replica says so instead of pretending to be down.
        put(west, "Signed", "from-west", WEST);
        await().atMost(WAIT).untilAsserted(() -> assertThat(replicaOf(west, "Signed", EAST).replicaStatus())
                .isEqualTo(ReplicaStatus.REPLICATION_NOT_AUTHORIZED));
        assertThat(get(east, "Signed", "from-west")).isNull();
        assertThatThrownBy(() -> west.updateTable(b -> b.tableName("Signed").replicaUpdates(ReplicationGroupUpdate
                .builder().delete(d -> d.regionName(EAST)).build())))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorMessage())
                        .contains("MissingAuthenticationTokenException").contains("--peer-credentials"));

        regions.stop(WEST);
        regions.start(WEST, server -> server.peerCredentials(EAST, "AKIDREPLICATION", "replication-secret"));
        await().atMost(WAIT).until(() -> get(regions.client(EAST), "Signed", "from-west") != null);
        awaitActive(regions.client(WEST), "Signed", EAST);
    }

    @Test
    void aDeletionThatHasNotReachedEveryRegionWhenANewReplicaIsBackfilledStillDeletesItThere() {
        regions = new Regions(EAST, WEST, EU);
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        Tables.hashTable(east, "Gone");
        addReplica(east, "Gone", WEST);
        awaitActive(east, "Gone", WEST);
        put(east, "Gone", "doomed", "x");
        put(east, "Gone", "kept", "y");
        await().atMost(WAIT).until(() -> get(west, "Gone", "doomed") != null && get(west, "Gone", "kept") != null);

        // us-east-1 can no longer reach us-west-2, so the deletion stays in us-east-1 for now.
        java.net.URI westEndpoint = regions.server(WEST).endpoint();
        regions.server(EAST).replication().peer(WEST, java.net.URI.create("http://127.0.0.1:1"));
        east.deleteItem(b -> b.tableName("Gone").key(Map.of("pk", AttributeValue.fromS("doomed"))));
        // eu-west-1 joins through us-west-2, which still has the item and copies it there.
        addReplica(west, "Gone", EU);
        awaitActive(west, "Gone", EAST, EU);
        await().atMost(WAIT).until(() -> regions.server(EAST).replication().states().stream()
                .anyMatch(s -> s.region().equals(EU) && s.backfilled()));
        regions.server(EAST).replication().peer(WEST, westEndpoint);

        for (String region : regions.running()) {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(get(regions.client(region), "Gone", "doomed")).isNull();
                assertThat(get(regions.client(region), "Gone", "kept")).isNotNull();
            });
        }
        assertThat(scan(regions.client(EU), "Gone")).isEqualTo(scan(east, "Gone")).isEqualTo(scan(west, "Gone"));
    }

    private static List<software.amazon.awssdk.services.dynamodb.model.Record> streamOf(Regions regions, String region,
            String table) {
        String arn = regions.client(region).describeTable(b -> b.tableName(table)).table().latestStreamArn();
        try (var streams = StreamClients.client(regions.server(region).endpoint())) {
            return StreamClients.all(streams, arn);
        }
    }

    @Test
    void replicatedWritesAppearInTheReceivingStreamAsWritesAndATtlDeletionIsTheServicesOnlyWhereTheItemExpired() {
        // Only us-east-1 sweeps expired items (its clock is the test's); us-west-2 gets the deletion by replication.
        MutableClock clock = new MutableClock(java.time.Instant.now());
        regions = new Regions((region, builder) -> builder.ttlInterval(region.equals(EAST)
                ? java.time.Duration.ofMillis(50) : java.time.Duration.ofDays(1))
                .clock(region.equals(EAST) ? clock : java.time.Clock.systemUTC()), EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        Tables.hashTable(east, "Expiring");
        east.updateTimeToLive(b -> b.tableName("Expiring")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        addReplica(east, "Expiring", WEST);
        awaitActive(east, "Expiring", WEST);
        // The new replica has the table's TTL setting, as every replica of a global table has.
        assertThat(west.describeTimeToLive(b -> b.tableName("Expiring")).timeToLiveDescription().attributeName())
                .isEqualTo("expires");
        String due = Long.toString(clock.instant().getEpochSecond() + 60);
        east.putItem(b -> b.tableName("Expiring").item(Map.of("pk", AttributeValue.fromS("short-lived"),
                "expires", AttributeValue.fromN(due))));
        put(east, "Expiring", "kept", "v1");
        await().atMost(WAIT).until(() -> get(west, "Expiring", "kept") != null);
        put(east, "Expiring", "kept", "v2");
        await().atMost(WAIT).until(() -> get(west, "Expiring", "short-lived") != null
                && "v2".equals(java.util.Optional.ofNullable(get(west, "Expiring", "kept"))
                        .map(i -> i.get("value").s()).orElse(null)));

        clock.advance(java.time.Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> get(east, "Expiring", "short-lived") == null);
        await().atMost(WAIT).until(() -> get(west, "Expiring", "short-lived") == null);

        var eastRemove = streamOf(regions, EAST, "Expiring").stream()
                .filter(r -> r.eventNameAsString().equals("REMOVE")).toList();
        assertThat(eastRemove).singleElement().satisfies(r -> {
            assertThat(r.userIdentity().type()).isEqualTo("Service");
            assertThat(r.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        });
        var westRecords = streamOf(regions, WEST, "Expiring");
        assertThat(westRecords).allSatisfy(r -> assertThat(r.userIdentity()).isNull());
        var shortLived = westRecords.stream().filter(r -> r.dynamodb().keys().get("pk").s().equals("short-lived"))
                .toList();
        assertThat(shortLived).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "REMOVE");
        assertThat(shortLived.get(1).dynamodb().oldImage()).containsEntry("expires", AttributeValue.fromN(due));
        var kept = westRecords.stream().filter(r -> r.dynamodb().keys().get("pk").s().equals("kept")).toList();
        assertThat(kept).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY");
        assertThat(kept.get(1).dynamodb().oldImage()).containsEntry("value", AttributeValue.fromS("v1"));
        assertThat(kept.get(1).dynamodb().newImage()).containsEntry("value", AttributeValue.fromS("v2"));

        // TTL changed in any region changes in every region.
        west.updateTimeToLive(b -> b.tableName("Expiring")
                .timeToLiveSpecification(t -> t.enabled(false).attributeName("expires")));
        assertThat(east.describeTimeToLive(b -> b.tableName("Expiring")).timeToLiveDescription()
                .timeToLiveStatusAsString()).isEqualTo("DISABLED");
        east.updateTimeToLive(b -> b.tableName("Expiring")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiry")));
        assertThat(west.describeTimeToLive(b -> b.tableName("Expiring")).timeToLiveDescription())
                .satisfies(d -> {
                    assertThat(d.timeToLiveStatusAsString()).isEqualTo("ENABLED");
                    assertThat(d.attributeName()).isEqualTo("expiry");
                });
    }

    /**
     * POSTs {@code body} to the internal replication action {@code action} of {@code endpoint}, signed with
     * {@code key} and {@code secret} (unsigned when {@code key} is null); returns the status and the body.
     */
    private static String[] callReplicationAction(java.net.URI endpoint, String action, String body, String key,
            String secret) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .method(software.amazon.awssdk.http.SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynaRocksReplication_20191121." + action)
                .build();
        var headers = key == null ? request.headers()
                : software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                        .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(key, secret))
                        .request(request)
                        .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                                "dynamodb")
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, EAST))
                .request().headers();
        var http = java.net.http.HttpRequest.newBuilder(endpoint)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        var response = java.net.http.HttpClient.newHttpClient().send(http.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new String[] {Integer.toString(response.statusCode()), response.body()};
    }

    @Test
    void withSignedRequestsRequiredOnlyAKeyAllowedTheReplicationActionsCanCallThem() throws Exception {
        java.nio.file.Path policies = java.nio.file.Files.createTempDirectory("dynarocks-policies");
        java.nio.file.Path writer = policies.resolve("writer.json");
        java.nio.file.Files.writeString(writer, """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                  "Resource": "*"}]}
                """);
        try {
            regions = new Regions((region, server) -> server.authKey("key", "secret")
                    .authKey("AKIDWRITER", "writer-secret", writer)
                    .peerCredentials("key", "secret"), EAST, WEST);
            DynamoDbClient east = regions.client(EAST);
            Tables.hashTable(east, "Guarded");
            addReplica(east, "Guarded", WEST);
            awaitActive(east, "Guarded", WEST);
            String forged = "{\"TableName\":\"Guarded\",\"SourceRegion\":\"us-west-2\",\"Changes\":[{\"Keys\":"
                    + "{\"pk\":{\"S\":\"forged\"}},\"Item\":{\"pk\":{\"S\":\"forged\"}},"
                    + "\"Timestamp\":9000000000000000,\"Region\":\"us-west-2\",\"Deleted\":false}]}";
            java.net.URI endpoint = regions.server(EAST).endpoint();

            String[] unsigned = callReplicationAction(endpoint, "ApplyReplicatedChanges", forged, null, null);
            assertThat(unsigned[0]).isEqualTo("400");
            assertThat(unsigned[1]).contains("MissingAuthenticationTokenException");
            String[] unknownKey = callReplicationAction(endpoint, "ApplyReplicatedChanges", forged, "AKIDNOBODY",
                    "nobody-secret");
            assertThat(unknownKey[0]).isEqualTo("400");
            assertThat(unknownKey[1]).contains("UnrecognizedClientException");
            String[] notAllowed = callReplicationAction(endpoint, "ApplyReplicatedChanges", forged, "AKIDWRITER",
                    "writer-secret");
            assertThat(notAllowed[0]).isEqualTo("400");
            assertThat(notAllowed[1]).contains("AccessDeniedException")
                    .contains("is not authorized to perform: dynamodb:ApplyReplicatedChanges");
            String[] setChange = callReplicationAction(endpoint, "UpdateReplicaSet",
                    "{\"TableName\":\"Guarded\",\"GlobalTableVersion\":\"2019.11.21\",\"Regions\":[\"us-west-2\"],"
                            + "\"CreationDateTime\":0}",
                    "AKIDWRITER", "writer-secret");
            assertThat(setChange[1]).contains("AccessDeniedException");
            assertThat(get(east, "Guarded", "forged")).isNull();
            assertThat(east.describeTable(b -> b.tableName("Guarded")).table().replicas())
                    .extracting(ReplicaDescription::regionName).containsExactly(WEST);

            // The regions themselves, signing with a key allowed everything, still replicate both ways.
            put(east, "Guarded", "from-east", EAST);
            put(regions.client(WEST), "Guarded", "from-west", WEST);
            await().atMost(WAIT).until(() -> get(regions.client(WEST), "Guarded", "from-east") != null
                    && get(east, "Guarded", "from-west") != null);
        } finally {
            try (var paths = java.nio.file.Files.walk(policies)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aReplicaIsAddedWhateverTheTablesStreamViewTypeAndTheStreamCannotBeDisabledWhileItHasReplicas() {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        east.createTable(b -> b.tableName("Keys")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));

        // Two identical Creates count as one; a read capacity override has nothing to apply to on an on-demand table.
        ReplicationGroupUpdate create = ReplicationGroupUpdate.builder().create(c -> c.regionName(WEST)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(10L))).build();
        east.updateTable(b -> b.tableName("Keys").replicaUpdates(create, create));
        awaitActive(east, "Keys", WEST);
        assertThat(east.describeTable(b -> b.tableName("Keys")).table().streamSpecification().streamViewType())
                .isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(west.describeTable(b -> b.tableName("Keys")).table().streamSpecification().streamViewType())
                .isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(replicaOf(east, "Keys", WEST).provisionedThroughputOverride()).isNull();
        put(east, "Keys", "from-east", EAST);
        put(west, "Keys", "from-west", WEST);
        await().atMost(WAIT).until(() -> get(west, "Keys", "from-east") != null && get(east, "Keys", "from-west") != null);

        assertRefused(() -> east.updateTable(b -> b.tableName("Keys").replicaUpdates(ReplicationGroupUpdate.builder()
                .update(u -> u.regionName(WEST).provisionedThroughputOverride(p -> p.readCapacityUnits(5L))).build())),
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        assertRefused(() -> east.updateTable(b -> b.tableName("Keys").replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(EU)).delete(d -> d.regionName(WEST)).build())),
                "Update table operation with more than one type of replica actions not allowed.");
        assertRefused(() -> east.updateTable(b -> b.tableName("Keys").replicaUpdates(ReplicationGroupUpdate.builder()
                .build())), "There are no actions specified in the Replica Update Action of the request.");
        for (DynamoDbClient client : List.of(east, west)) {
            assertRefused(() -> client.updateTable(b -> b.tableName("Keys")
                    .streamSpecification(st -> st.streamEnabled(false))),
                    "One or more parameter values were invalid: Disabling Stream is not allowed for a Global Table "
                            + "replica.");
            assertThat(client.describeTable(b -> b.tableName("Keys")).table().streamSpecification().streamEnabled())
                    .isTrue();
        }
    }

    /** {@code region}'s replication lag metric of {@code table} to {@code peer}, in seconds; -1 when it has none. */
    private double lagMetric(String region, String table, String peer) throws Exception {
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                regions.server(region).endpoint().resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return java.util.Arrays.stream(body.split("\n"))
                .filter(l -> l.startsWith("dynarocks_replication_lag_seconds{") && l.contains("table=\"" + table + "\"")
                        && l.contains("region=\"" + peer + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void aRegionThatIsDownIsDescribedAsDisabledWithItsLagWhichTheMetricShowsWhileWritesContinue() throws Exception {
        globalTable("Lagging");
        DynamoDbClient east = regions.client(EAST);
        regions.stop(EU);
        put(east, "Lagging", "while-down", "x");
        put(regions.client(WEST), "Lagging", "west-while-down", "y");

        await().atMost(WAIT).untilAsserted(() -> {
            ReplicaDescription eu = replicaOf(east, "Lagging", EU);
            assertThat(eu.replicaStatus()).isEqualTo(ReplicaStatus.REGION_DISABLED);
            assertThat(eu.replicaStatusDescription()).startsWith("Replication lag ");
            assertThat(lagMetric(EAST, "Lagging", EU)).isGreaterThan(0);
        });
        // The regions that are up go on replicating to each other.
        await().atMost(WAIT).until(() -> get(regions.client(WEST), "Lagging", "while-down") != null
                && get(east, "Lagging", "west-while-down") != null);

        regions.start(EU);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(get(regions.client(EU), "Lagging", "while-down")).isNotNull();
            assertThat(get(regions.client(EU), "Lagging", "west-while-down")).isNotNull();
            assertThat(replicaOf(east, "Lagging", EU).replicaStatus()).isEqualTo(ReplicaStatus.ACTIVE);
            assertThat(lagMetric(EAST, "Lagging", EU)).isZero();
        });
    }

    @Test
    void transactionsApplyInTheirRegionAndConditionsAreEvaluatedOnTheLocalCopyThenLastWriterWins() {
        globalTable("Orders");
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        put(east, "Orders", "stock", "1");
        await().atMost(WAIT).until(() -> get(west, "Orders", "stock") != null);

        // A transaction issued in us-east-1 is all or nothing there, and its items reach the other regions.
        east.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("order-1"),
                        "value", AttributeValue.fromS("placed")))),
                t -> t.update(u -> u.tableName("Orders").key(Map.of("pk", AttributeValue.fromS("stock")))
                        .updateExpression("SET #v = :zero").conditionExpression("#v = :one")
                        .expressionAttributeNames(Map.of("#v", "value"))
                        .expressionAttributeValues(Map.of(":zero", AttributeValue.fromS("0"),
                                ":one", AttributeValue.fromS("1"))))));
        assertThatThrownBy(() -> east.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("order-2"),
                        "value", AttributeValue.fromS("placed")))),
                t -> t.conditionCheck(c -> c.tableName("Orders").key(Map.of("pk", AttributeValue.fromS("stock")))
                        .conditionExpression("#v = :one").expressionAttributeNames(Map.of("#v", "value"))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromS("1")))))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class);
        for (String region : regions.running()) {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(get(regions.client(region), "Orders", "order-1")).containsEntry("value",
                        AttributeValue.fromS("placed"));
                assertThat(get(regions.client(region), "Orders", "stock")).containsEntry("value",
                        AttributeValue.fromS("0"));
            });
        }
        // The cancelled transaction wrote nothing, so nothing of it is in the stream that replication ships.
        assertThat(get(east, "Orders", "order-2")).isNull();
        assertThat(streamOf(regions, EAST, "Orders")).noneMatch(r -> r.dynamodb().keys().get("pk").s().equals("order-2"));

        // us-west-2 cannot hear from us-east-1 for a while: a condition is evaluated on each region's own copy.
        java.net.URI westEndpoint = regions.server(WEST).endpoint();
        regions.server(EAST).replication().peer(WEST, java.net.URI.create("http://127.0.0.1:1"));
        east.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("stock"),
                "value", AttributeValue.fromS("5"))));
        assertThatThrownBy(() -> east.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("stock"),
                "value", AttributeValue.fromS("east"))).conditionExpression("#v = :zero")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":zero", AttributeValue.fromS("0")))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
        west.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("stock"),
                "value", AttributeValue.fromS("west"))).conditionExpression("#v = :zero")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":zero", AttributeValue.fromS("0"))));
        regions.server(EAST).replication().peer(WEST, westEndpoint);

        // us-west-2's write came last: it wins in every region, us-east-1's earlier one included.
        for (String region : regions.running()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(get(regions.client(region), "Orders", "stock"))
                    .containsEntry("value", AttributeValue.fromS("west")));
        }
    }
}
