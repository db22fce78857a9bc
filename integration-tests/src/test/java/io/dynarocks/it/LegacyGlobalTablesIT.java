package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableStatus;
import software.amazon.awssdk.services.dynamodb.model.IndexNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Replica;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/** Global tables version 2017.11.29 (CreateGlobalTable and its family) across three servers on loopback. */
class LegacyGlobalTablesIT extends RegionsTest {

    /** A provisioned table with a GSI and a NEW_AND_OLD_IMAGES stream, as every replica of this version needs. */
    private static void replicaTable(DynamoDbClient client, String name, String hashKey, boolean stream) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("genre").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexes(i -> i.indexName("ByGenre")
                        .keySchema(k -> k.attributeName("genre").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType("ALL"))
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)))
                .streamSpecification(s -> s.streamEnabled(stream).streamViewType(stream
                        ? StreamViewType.NEW_AND_OLD_IMAGES : null)));
    }

    private static Replica replica(String region) {
        return Replica.builder().regionName(region).build();
    }

    private static GlobalTableDescription createGlobalTable(DynamoDbClient client, String name, String... regions) {
        return client.createGlobalTable(b -> b.globalTableName(name)
                .replicationGroup(java.util.Arrays.stream(regions).map(LegacyGlobalTablesIT::replica).toList()))
                .globalTableDescription();
    }

    private static void put(DynamoDbClient client, String table, String pk) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                "genre", AttributeValue.fromS("jazz"))));
    }

    private static boolean has(DynamoDbClient client, String table, String pk) {
        return client.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))
                .consistentRead(true)).hasItem();
    }

    private static String errorCode(Throwable e) {
        return ((DynamoDbException) e).awsErrorDetails().errorCode();
    }

    @Test
    void createGlobalTableJoinsIdenticalEmptyTablesWhichThenReplicateBothWays() {
        regions = new Regions(EAST, WEST);
        replicaTable(regions.client(EAST), "Music", "pk", true);
        replicaTable(regions.client(WEST), "Music", "pk", true);

        GlobalTableDescription created = createGlobalTable(regions.client(EAST), "Music", EAST, WEST);

        assertThat(created.globalTableName()).isEqualTo("Music");
        assertThat(created.globalTableArn()).isEqualTo("arn:aws:dynamodb::000000000000:global-table/Music");
        assertThat(created.replicationGroup()).extracting(ReplicaDescription::regionName)
                .containsExactlyInAnyOrder(EAST, WEST);
        assertThat(created.creationDateTime()).isNotNull();
        await().atMost(WAIT).untilAsserted(() -> assertThat(regions.client(WEST)
                .describeGlobalTable(b -> b.globalTableName("Music")).globalTableDescription().globalTableStatus())
                .isEqualTo(GlobalTableStatus.ACTIVE));
        put(regions.client(EAST), "Music", "from-east");
        put(regions.client(WEST), "Music", "from-west");
        await().atMost(WAIT).until(() -> has(regions.client(WEST), "Music", "from-east")
                && has(regions.client(EAST), "Music", "from-west"));
        for (String region : List.of(EAST, WEST)) {
            var listed = regions.client(region).listGlobalTables(b -> b.regionName(WEST)).globalTables();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).globalTableName()).isEqualTo("Music");
            assertThat(listed.get(0).replicationGroup()).extracting(Replica::regionName)
                    .containsExactlyInAnyOrder(EAST, WEST);
            // A 2017.11.29 global table is not described by DescribeTable's 2019.11.21 members.
            assertThat(regions.client(region).describeTable(b -> b.tableName("Music")).table().globalTableVersion())
                    .isNull();
        }
        assertThat(regions.client(EAST).listGlobalTables(b -> b.regionName(EU)).globalTables()).isEmpty();
        assertThatThrownBy(() -> regions.client(EAST).updateTable(b -> b.tableName("Music")
                .replicaUpdates(ReplicationGroupUpdate.builder().delete(d -> d.regionName(WEST)).build())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
    }

    @Test
    void createGlobalTableRefusesTablesThatCannotBeReplicasAndCreatesNothing() {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        replicaTable(east, "Songs", "pk", true);

        assertThatThrownBy(() -> createGlobalTable(east, "Songs", EAST, WEST))
                .isInstanceOf(TableNotFoundException.class)
                .hasMessageContaining("Table: 'Songs' not found in region: 'us-west-2'");
        replicaTable(west, "Songs", "pk", false);
        assertThatThrownBy(() -> createGlobalTable(east, "Songs", EAST, WEST))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("NEW_AND_OLD_IMAGES");
        west.deleteTable(b -> b.tableName("Songs"));
        replicaTable(west, "Songs", "id", true);
        assertThatThrownBy(() -> createGlobalTable(east, "Songs", EAST, WEST))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("same key schema");
        west.deleteTable(b -> b.tableName("Songs"));
        replicaTable(west, "Songs", "pk", true);
        put(west, "Songs", "already-here");
        assertThatThrownBy(() -> createGlobalTable(east, "Songs", EAST, WEST))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("must be empty");
        assertThatThrownBy(() -> createGlobalTable(east, "Songs", EAST, "ap-south-1"))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> east.describeGlobalTable(b -> b.globalTableName("Songs")))
                .isInstanceOf(GlobalTableNotFoundException.class)
                .hasMessageContaining("Global table with name: 'Songs' does not exist.");
        assertThat(east.listGlobalTables(b -> { }).globalTables()).isEmpty();

        west.deleteItem(b -> b.tableName("Songs").key(Map.of("pk", AttributeValue.fromS("already-here"))));
        createGlobalTable(east, "Songs", EAST, WEST);
        assertThatThrownBy(() -> createGlobalTable(west, "Songs", EAST, WEST))
                .isInstanceOf(GlobalTableAlreadyExistsException.class);
    }

    @Test
    void updateGlobalTableAddsARegionAndRemovesOneWhichKeepsItsTable() {
        regions = new Regions(EAST, WEST, EU);
        for (String region : regions.running()) {
            replicaTable(regions.client(region), "Albums", "pk", true);
        }
        DynamoDbClient east = regions.client(EAST);
        createGlobalTable(east, "Albums", EAST, WEST);
        put(east, "Albums", "before-eu");

        assertThatThrownBy(() -> east.updateGlobalTable(b -> b.globalTableName("Albums")
                .replicaUpdates(ReplicaUpdate.builder().create(c -> c.regionName(WEST)).build())))
                .isInstanceOf(ReplicaAlreadyExistsException.class);
        assertThatThrownBy(() -> east.updateGlobalTable(b -> b.globalTableName("Albums")
                .replicaUpdates(ReplicaUpdate.builder().delete(c -> c.regionName(EU)).build())))
                .isInstanceOf(ReplicaNotFoundException.class);
        assertThatThrownBy(() -> east.updateGlobalTable(b -> b.globalTableName("Nothing")
                .replicaUpdates(ReplicaUpdate.builder().delete(c -> c.regionName(EU)).build())))
                .isInstanceOf(GlobalTableNotFoundException.class);

        GlobalTableDescription added = east.updateGlobalTable(b -> b.globalTableName("Albums")
                .replicaUpdates(ReplicaUpdate.builder().create(c -> c.regionName(EU)).build()))
                .globalTableDescription();
        assertThat(added.replicationGroup()).extracting(ReplicaDescription::regionName)
                .containsExactlyInAnyOrder(EAST, WEST, EU);
        await().atMost(WAIT).until(() -> has(regions.client(EU), "Albums", "before-eu"));
        put(regions.client(EU), "Albums", "from-eu");
        await().atMost(WAIT).until(() -> has(east, "Albums", "from-eu") && has(regions.client(WEST), "Albums", "from-eu"));

        GlobalTableDescription removed = regions.client(WEST).updateGlobalTable(b -> b.globalTableName("Albums")
                .replicaUpdates(ReplicaUpdate.builder().delete(c -> c.regionName(EU)).build()))
                .globalTableDescription();
        assertThat(removed.replicationGroup()).extracting(ReplicaDescription::regionName)
                .containsExactlyInAnyOrder(EAST, WEST);
        assertThat(regions.client(EU).describeTable(b -> b.tableName("Albums")).table().tableName()).isEqualTo("Albums");
        assertThatThrownBy(() -> regions.client(EU).describeGlobalTable(b -> b.globalTableName("Albums")))
                .isInstanceOf(GlobalTableNotFoundException.class);
        put(east, "Albums", "after-eu-left");
        await().atMost(WAIT).until(() -> has(regions.client(WEST), "Albums", "after-eu-left"));
        assertThat(has(regions.client(EU), "Albums", "after-eu-left")).isFalse();
        assertThat(regions.server(EAST).replication().states()).extracting(s -> s.region()).containsExactly(WEST);
    }

    @Test
    void globalTableSettingsAreEachReplicasOwnAndUpdatedInEveryRegion() {
        regions = new Regions(EAST, WEST);
        replicaTable(regions.client(EAST), "Ratings", "pk", true);
        replicaTable(regions.client(WEST), "Ratings", "pk", true);
        DynamoDbClient east = regions.client(EAST);
        createGlobalTable(east, "Ratings", EAST, WEST);

        var updated = east.updateGlobalTableSettings(b -> b.globalTableName("Ratings")
                .globalTableProvisionedWriteCapacityUnits(12L)
                .globalTableGlobalSecondaryIndexSettingsUpdate(i -> i.indexName("ByGenre")
                        .provisionedWriteCapacityUnits(7L))
                .replicaSettingsUpdate(r -> r.regionName(WEST).replicaProvisionedReadCapacityUnits(20L)
                        .replicaGlobalSecondaryIndexSettingsUpdate(i -> i.indexName("ByGenre")
                                .provisionedReadCapacityUnits(9L))));

        assertThat(updated.globalTableName()).isEqualTo("Ratings");
        var described = regions.client(WEST).describeGlobalTableSettings(b -> b.globalTableName("Ratings"));
        for (var settings : List.of(updated.replicaSettings(), described.replicaSettings())) {
            assertThat(settings).extracting(ReplicaSettingsDescription::regionName,
                    ReplicaSettingsDescription::replicaProvisionedReadCapacityUnits,
                    ReplicaSettingsDescription::replicaProvisionedWriteCapacityUnits)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(EAST, 5L, 12L),
                            org.assertj.core.groups.Tuple.tuple(WEST, 20L, 12L));
            ReplicaSettingsDescription west = settings.stream().filter(s -> s.regionName().equals(WEST)).findFirst()
                    .orElseThrow();
            assertThat(west.replicaBillingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
            assertThat(west.replicaGlobalSecondaryIndexSettings().get(0).provisionedReadCapacityUnits()).isEqualTo(9L);
            assertThat(west.replicaGlobalSecondaryIndexSettings().get(0).provisionedWriteCapacityUnits()).isEqualTo(7L);
        }
        var westTable = regions.client(WEST).describeTable(b -> b.tableName("Ratings")).table();
        assertThat(westTable.provisionedThroughput().readCapacityUnits()).isEqualTo(20L);
        assertThat(westTable.provisionedThroughput().writeCapacityUnits()).isEqualTo(12L);

        assertThatThrownBy(() -> east.updateGlobalTableSettings(b -> b.globalTableName("Ratings")
                .replicaSettingsUpdate(r -> r.regionName(EU).replicaProvisionedReadCapacityUnits(3L))))
                .isInstanceOf(ReplicaNotFoundException.class);
        assertThatThrownBy(() -> east.updateGlobalTableSettings(b -> b.globalTableName("Ratings")
                .globalTableGlobalSecondaryIndexSettingsUpdate(i -> i.indexName("NoSuchIndex")
                        .provisionedWriteCapacityUnits(3L))))
                .isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> east.describeGlobalTableSettings(b -> b.globalTableName("Missing")))
                .isInstanceOf(GlobalTableNotFoundException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorMessage())
                        .isEqualTo("Global table with name: 'Missing' does not exist."));

        east.updateGlobalTableSettings(b -> b.globalTableName("Ratings").globalTableBillingMode(BillingMode.PAY_PER_REQUEST));
        assertThat(regions.client(WEST).describeTable(b -> b.tableName("Ratings")).table().billingModeSummary()
                .billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void globalTableSettingsDecreasesCountAgainstTheDailyLimitOfEveryReplicaAsUpdateTableDoes() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-10-08T20:00:00Z"));
        regions = new Regions((region, builder) -> builder.limits().clock(clock), EAST, WEST);
        replicaTable(regions.client(EAST), "Shrinking", "pk", true);
        replicaTable(regions.client(WEST), "Shrinking", "pk", true);
        DynamoDbClient east = regions.client(EAST);
        createGlobalTable(east, "Shrinking", EAST, WEST);

        // Three decreases through the legacy API and one through UpdateTable: the same count of four.
        for (long wcu = 4; wcu >= 2; wcu--) {
            long units = wcu;
            east.updateGlobalTableSettings(b -> b.globalTableName("Shrinking")
                    .globalTableProvisionedWriteCapacityUnits(units));
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        for (String region : List.of(EAST, WEST)) {
            regions.client(region).updateTable(b -> b.tableName("Shrinking")
                    .provisionedThroughput(p -> p.readCapacityUnits(4L).writeCapacityUnits(2L)));
        }
        for (String region : List.of(EAST, WEST)) {
            assertThat(regions.client(region).describeTable(b -> b.tableName("Shrinking")).table()
                    .provisionedThroughput().numberOfDecreasesToday()).as(region).isEqualTo(4L);
        }
        // The fifth within the hour is refused as UpdateTable refuses it, and changes no region.
        assertThatThrownBy(() -> east.updateGlobalTableSettings(b -> b.globalTableName("Shrinking")
                .globalTableProvisionedWriteCapacityUnits(1L)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(errorCode(e)).isEqualTo("LimitExceededException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Subscriber limit exceeded: "
                            + "Provisioned throughput decreases are limited within a given UTC day.");
                });
        for (String region : List.of(EAST, WEST)) {
            var throughput = regions.client(region).describeTable(b -> b.tableName("Shrinking")).table()
                    .provisionedThroughput();
            assertThat(throughput.writeCapacityUnits()).as(region).isEqualTo(2L);
            assertThat(throughput.numberOfDecreasesToday()).as(region).isEqualTo(4L);
        }
    }

    @Test
    void aTableMadeGlobalWithUpdateTableIsNotALegacyGlobalTable() {
        regions = new Regions(EAST, WEST);
        Tables.hashTable(regions.client(EAST), "Current");
        regions.client(EAST).updateTable(b -> b.tableName("Current").replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(WEST)).build()));

        assertThatThrownBy(() -> regions.client(EAST).describeGlobalTable(b -> b.globalTableName("Current")))
                .isInstanceOf(GlobalTableNotFoundException.class);
        assertThat(regions.client(EAST).listGlobalTables(b -> { }).globalTables()).isEmpty();
        assertThatThrownBy(() -> regions.client(EAST).updateTable(b -> b.tableName("Current")
                .replicaUpdates(ReplicationGroupUpdate.builder().delete(c -> c.regionName(EAST)).build())))
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("Cannot add or delete the local region through ReplicaUpdates");
    }
}
