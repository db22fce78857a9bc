package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The settings DynamoDB keeps the same on every replica of a global table (version 2019.11.21) when UpdateTable
 * changes them in any region (global secondary indexes created or deleted, billing mode, write capacity), and
 * those each replica keeps as its own (read capacity and table class overrides, deletion protection).
 */
class GlobalTableSettingsIT extends RegionsTest {

    private static TableDescription describe(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table();
    }

    private static void put(DynamoDbClient client, String table, String pk, String genre) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk),
                "genre", AttributeValue.fromS(genre))));
    }

    /** The keys of the items index ByGenre holds for {@code genre}, sorted. */
    private static List<String> byGenre(DynamoDbClient client, String table, String genre) {
        return client.queryPaginator(b -> b.tableName(table).indexName("ByGenre")
                        .keyConditionExpression("genre = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(genre))))
                .items().stream().map(i -> i.get("pk").s()).sorted().toList();
    }

    private static void createByGenre(DynamoDbClient client, String table) {
        client.updateTable(b -> b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("genre").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("ByGenre")
                        .keySchema(k -> k.attributeName("genre").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType("ALL"))).build()));
    }

    @Test
    void anIndexCreatedInOneRegionIsBackfilledAndQueryableInEveryReplicaAndItsDeletionToo() {
        globalTable("Albums");
        DynamoDbClient east = regions.client(EAST);
        put(east, "Albums", "a1", "rock");
        put(regions.client(WEST), "Albums", "a2", "rock");
        put(regions.client(EU), "Albums", "a3", "jazz");
        for (String region : regions.running()) {
            await().atMost(WAIT).until(() -> regions.client(region).scan(b -> b.tableName("Albums")
                    .consistentRead(true)).count() == 3);
        }

        // Created in a replica region, not the one the table was made global in.
        createByGenre(regions.client(WEST), "Albums");

        for (String region : regions.running()) {
            DynamoDbClient client = regions.client(region);
            await().atMost(WAIT).untilAsserted(() -> assertThat(describe(client, "Albums").globalSecondaryIndexes())
                    .extracting(GlobalSecondaryIndexDescription::indexName, GlobalSecondaryIndexDescription::indexStatus)
                    .containsExactly(Tuple.tuple("ByGenre", IndexStatus.ACTIVE)));
            // Backfilled from the region's own items.
            assertThat(byGenre(client, "Albums", "rock")).containsExactly("a1", "a2");
            assertThat(byGenre(client, "Albums", "jazz")).containsExactly("a3");
            // Every replica is described with the index, as DynamoDB lists each replica's indexes.
            assertThat(describe(client, "Albums").replicas()).hasSize(2).allSatisfy(r ->
                    assertThat(r.globalSecondaryIndexes()).extracting(ReplicaGlobalSecondaryIndexDescription::indexName)
                            .containsExactly("ByGenre"));
        }

        // Writes after the index appeared replicate, and each region indexes them.
        put(regions.client(EU), "Albums", "a4", "jazz");
        regions.client(EAST).updateItem(b -> b.tableName("Albums").key(Map.of("pk", AttributeValue.fromS("a1")))
                .updateExpression("SET genre = :g").expressionAttributeValues(Map.of(":g", AttributeValue.fromS("jazz"))));
        for (String region : regions.running()) {
            DynamoDbClient client = regions.client(region);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(byGenre(client, "Albums", "jazz")).containsExactly("a1", "a3", "a4");
                assertThat(byGenre(client, "Albums", "rock")).containsExactly("a2");
            });
        }

        regions.client(EU).updateTable(b -> b.tableName("Albums").globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("ByGenre")).build()));

        for (String region : regions.running()) {
            DynamoDbClient client = regions.client(region);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(describe(client, "Albums").hasGlobalSecondaryIndexes()).isFalse();
                assertThat(describe(client, "Albums").replicas())
                        .allSatisfy(r -> assertThat(r.hasGlobalSecondaryIndexes()).isFalse());
            });
            assertThatThrownBy(() -> byGenre(client, "Albums", "jazz")).isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("The table does not have the specified index: ByGenre");
        }
    }

    @Test
    void aReplicaAddedLaterGetsTheIndexesCreatedSinceTheTableBecameGlobal() {
        globalTable("Later", WEST);
        DynamoDbClient east = regions.client(EAST);
        createByGenre(east, "Later");
        put(east, "Later", "x", "pop");
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(byGenre(regions.client(WEST), "Later", "pop"))
                .containsExactly("x"));

        addReplica(regions.client(WEST), "Later", EU);

        awaitActive(east, "Later", WEST, EU);
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(byGenre(regions.client(EU), "Later", "pop"))
                .containsExactly("x"));
        assertThat(describe(regions.client(EU), "Later").globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexName).containsExactly("ByGenre");
    }

    @Test
    void billingModeAndWriteCapacityFollowEveryChangeWhileReadOverridesStayTheReplicasOwn() {
        provisionedGlobalTable("Capacity", c -> c.provisionedThroughputOverride(p -> p.readCapacityUnits(7L))
                .globalSecondaryIndexes(i -> i.indexName("ByGenre")
                        .provisionedThroughputOverride(p -> p.readCapacityUnits(4L)))
                .tableClassOverride(TableClass.STANDARD_INFREQUENT_ACCESS));
        DynamoDbClient east = regions.client(EAST);
        DynamoDbClient west = regions.client(WEST);
        // Applying its overrides in us-west-2 changes nothing in us-east-1.
        assertThat(describe(west, "Capacity").provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
        assertThat(describe(east, "Capacity").provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(describe(east, "Capacity").globalSecondaryIndexes().get(0).provisionedThroughput()
                .readCapacityUnits()).isEqualTo(5L);
        west.updateTable(b -> b.tableName("Capacity").deletionProtectionEnabled(true));

        east.updateTable(b -> b.tableName("Capacity")
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(8L)));
        east.updateTable(b -> b.tableName("Capacity").globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                .update(u -> u.indexName("ByGenre").provisionedThroughput(p -> p.readCapacityUnits(6L)
                        .writeCapacityUnits(9L))).build()));

        // Write capacity is the same everywhere (the other regions follow asynchronously, as in DynamoDB);
        // us-west-2 keeps its read overrides.
        await().atMost(WAIT).untilAsserted(() -> {
            TableDescription westTable = describe(west, "Capacity");
            assertThat(westTable.provisionedThroughput().writeCapacityUnits()).isEqualTo(8L);
            assertThat(westTable.provisionedThroughput().readCapacityUnits()).isEqualTo(7L);
            assertThat(westTable.globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits())
                    .isEqualTo(9L);
            assertThat(westTable.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits())
                    .isEqualTo(4L);
        });
        ReplicaDescription westReplica = replicaOf(east, "Capacity", WEST);
        assertThat(westReplica.provisionedThroughputOverride().readCapacityUnits()).isEqualTo(7L);
        assertThat(westReplica.globalSecondaryIndexes().get(0).provisionedThroughputOverride().readCapacityUnits())
                .isEqualTo(4L);
        TableDescription eastTable = describe(east, "Capacity");
        assertThat(eastTable.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
        assertThat(eastTable.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits()).isEqualTo(6L);

        // Switching to on demand in any region switches every replica; read overrides have nothing left to apply to.
        west.updateTable(b -> b.tableName("Capacity").billingMode(BillingMode.PAY_PER_REQUEST));
        for (DynamoDbClient client : List.of(east, west)) {
            await().atMost(WAIT).untilAsserted(() -> {
                TableDescription table = describe(client, "Capacity");
                assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
                ReplicaDescription other = table.replicas().get(0);
                assertThat(other.provisionedThroughputOverride()).isNull();
                assertThat(other.globalSecondaryIndexes().get(0).provisionedThroughputOverride()).isNull();
            });
        }

        east.updateTable(b -> b.tableName("Capacity").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(2L))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName("ByGenre")
                        .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(2L))).build()));
        await().atMost(WAIT).untilAsserted(() -> {
            TableDescription westTable = describe(west, "Capacity");
            assertThat(westTable.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
            assertThat(westTable.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
            assertThat(westTable.provisionedThroughput().writeCapacityUnits()).isEqualTo(2L);
            assertThat(westTable.globalSecondaryIndexes().get(0).provisionedThroughput().writeCapacityUnits())
                    .isEqualTo(2L);
        });
        assertThat(replicaOf(east, "Capacity", WEST).provisionedThroughputOverride()).isNull();

        // Per replica: table class and deletion protection are not synchronized.
        assertThat(replicaOf(east, "Capacity", WEST).replicaTableClassSummary().tableClass())
                .isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(replicaOf(west, "Capacity", EAST).replicaTableClassSummary().tableClass())
                .isEqualTo(TableClass.STANDARD);
        assertThat(describe(west, "Capacity").deletionProtectionEnabled()).isTrue();
        assertThat(describe(east, "Capacity").deletionProtectionEnabled()).isFalse();
    }

    @Test
    void aRegionDownWhenAnIndexIsCreatedCreatesItWhenItReturns() {
        globalTable("Outage");
        DynamoDbClient east = regions.client(EAST);
        put(east, "Outage", "before", "folk");
        await().atMost(WAIT).until(() -> regions.client(EU).scan(b -> b.tableName("Outage").consistentRead(true))
                .count() == 1);
        regions.stop(EU);

        createByGenre(east, "Outage");
        put(east, "Outage", "during", "folk");
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(byGenre(regions.client(WEST), "Outage", "folk"))
                .containsExactly("before", "during"));
        // Deleted and created again while the region is away: it takes both, in order.
        regions.client(WEST).updateTable(b -> b.tableName("Outage").globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("ByGenre")).build()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(describe(east, "Outage").hasGlobalSecondaryIndexes())
                .isFalse());
        createByGenre(east, "Outage");
        regions.start(EU);

        DynamoDbClient eu = regions.client(EU);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(describe(eu, "Outage").globalSecondaryIndexes())
                    .extracting(GlobalSecondaryIndexDescription::indexName, GlobalSecondaryIndexDescription::indexStatus)
                    .containsExactly(Tuple.tuple("ByGenre", IndexStatus.ACTIVE));
            assertThat(byGenre(eu, "Outage", "folk")).containsExactly("before", "during");
        });
        put(eu, "Outage", "after", "folk");
        for (String region : regions.running()) {
            await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(byGenre(regions.client(region), "Outage", "folk"))
                    .containsExactly("after", "before", "during"));
        }
    }

    @Test
    void indexChangesCannotComeWithReplicaUpdatesAndARefusedOneChangesNoRegion() {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        Tables.hashTable(east, "Mixed");
        addReplica(east, "Mixed", WEST);
        awaitActive(east, "Mixed", WEST);

        assertThatThrownBy(() -> east.updateTable(b -> b.tableName("Mixed")
                .attributeDefinitions(a -> a.attributeName("genre").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("ByGenre")
                        .keySchema(k -> k.attributeName("genre").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType("ALL"))).build())
                .replicaUpdates(ReplicationGroupUpdate.builder().update(u -> u.regionName(WEST)
                        .tableClassOverride(TableClass.STANDARD_INFREQUENT_ACCESS)).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Requests that modify replicas or witnesses must not also modify other fields");
        // An index DynamoDB refuses in the region asked is not created anywhere.
        assertThatThrownBy(() -> regions.client(WEST).updateTable(b -> b.tableName("Mixed")
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("ByGenre")
                        .keySchema(k -> k.attributeName("genre").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType("ALL"))).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("One or more parameter values were invalid: Some index key attributes are not "
                        + "defined in AttributeDefinitions.");
        assertThat(describe(east, "Mixed").hasGlobalSecondaryIndexes()).isFalse();
        assertThat(describe(regions.client(WEST), "Mixed").hasGlobalSecondaryIndexes()).isFalse();
    }
}
