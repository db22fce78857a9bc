package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynarocks.engine.catalog.TransientDelays;
import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Tables, indexes and Time to Live pass through DynamoDB's transient statuses for the configured delays,
 * on a clock the test moves, so each status is seen for certain: CREATING, UPDATING and DELETING tables,
 * CREATING and DELETING indexes, ENABLING and DISABLING Time to Live, and what DynamoDB refuses meanwhile.
 */
class TransientStatusesIT {

    private static final Duration TABLE = Duration.ofSeconds(20);
    private static final Duration INDEX = Duration.ofSeconds(60);
    private static final Duration TTL = Duration.ofSeconds(30);

    private static final MutableClock CLOCK = new MutableClock();
    private static DynaRocks server;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        server = DynaRocks.builder().inMemory().port(0).clock(CLOCK)
                .transientStatusDelays(new TransientDelays(TABLE, INDEX, TTL)).start();
        client = ServerExtension.client(server.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static String status(String table) {
        return client.describeTable(b -> b.tableName(table)).table().tableStatusAsString();
    }

    private static void createTable(String name) {
        String status = client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()))
                .tableDescription().tableStatusAsString();
        assertThat(status).isEqualTo("CREATING");
    }

    private static Map<String, AttributeValue> item(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "g", AttributeValue.fromS("group"));
    }

    @Test
    void aNewTableIsCreatingAndRefusesItemsUntilItIsActive() {
        createTable("Creating");
        assertThat(status("Creating")).isEqualTo("CREATING");
        assertThat(client.listTables().tableNames()).contains("Creating");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Creating").item(item("a"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found");
        assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Creating").deletionProtectionEnabled(true)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Table is being created: Creating");
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Creating")))
                .isInstanceOf(ResourceInUseException.class);

        CLOCK.advance(TABLE);
        assertThat(status("Creating")).isEqualTo("ACTIVE");
        client.putItem(b -> b.tableName("Creating").item(item("a")));
    }

    @Test
    void anUpdatedTableIsUpdatingAndRefusesAnotherUpdateMeanwhile() {
        createTable("Updating");
        CLOCK.advance(TABLE);
        String status = client.updateTable(b -> b.tableName("Updating").deletionProtectionEnabled(false))
                .tableDescription().tableStatusAsString();
        assertThat(status).isEqualTo("UPDATING");
        assertThat(status("Updating")).isEqualTo("UPDATING");
        client.putItem(b -> b.tableName("Updating").item(item("writes continue while UPDATING")));
        assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Updating").deletionProtectionEnabled(false)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Table is being updated: Updating");

        CLOCK.advance(TABLE);
        assertThat(status("Updating")).isEqualTo("ACTIVE");
    }

    @Test
    void aDeletedTableIsDeletingUntilItIsGone() {
        createTable("Deleting");
        CLOCK.advance(TABLE);
        client.putItem(b -> b.tableName("Deleting").item(item("a")));
        assertThat(client.deleteTable(b -> b.tableName("Deleting")).tableDescription().tableStatus())
                .isEqualTo(TableStatus.DELETING);
        assertThat(status("Deleting")).isEqualTo("DELETING");
        assertThat(client.listTables().tableNames()).contains("Deleting");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Deleting").key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> createTable("Deleting"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Table already exists: Deleting");
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Deleting")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Table is being deleted: Deleting");

        CLOCK.advance(TABLE);
        assertThatThrownBy(() -> status("Deleting")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.listTables().tableNames()).doesNotContain("Deleting");
    }

    @Test
    void aNewGlobalIndexIsCreatingAndUnreadableThenADeletedOneIsDeleting() {
        createTable("Indexed");
        CLOCK.advance(TABLE);
        client.putItem(b -> b.tableName("Indexed").item(item("a")));
        client.updateTable(b -> b.tableName("Indexed")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byGroup")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        CLOCK.advance(TABLE);
        GlobalSecondaryIndexDescription index = client.describeTable(b -> b.tableName("Indexed")).table()
                .globalSecondaryIndexes().get(0);
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.CREATING);
        assertThat(index.backfilling()).isTrue();
        assertThatThrownBy(() -> client.query(b -> b.tableName("Indexed").indexName("byGroup")
                .keyConditionExpression("g = :g").expressionAttributeValues(Map.of(":g", AttributeValue.fromS("group")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Cannot read from backfilling global secondary index: byGroup");
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Indexed")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Attempt to change a resource which is still in use: Cannot delete table "
                        + "while indexes are being created, updated, or deleted.");

        CLOCK.advance(INDEX);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.describeTable(b -> b.tableName("Indexed")).table()
                .globalSecondaryIndexes().get(0).indexStatus() == IndexStatus.ACTIVE);
        assertThat(client.query(b -> b.tableName("Indexed").indexName("byGroup").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("group")))).count()).isEqualTo(1);

        client.updateTable(b -> b.tableName("Indexed").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byGroup"))));
        CLOCK.advance(TABLE);
        assertThat(client.describeTable(b -> b.tableName("Indexed")).table().globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexStatus).containsExactly(IndexStatus.DELETING);
        CLOCK.advance(INDEX);
        assertThat(client.describeTable(b -> b.tableName("Indexed")).table().globalSecondaryIndexes()).isEmpty();
    }

    @Test
    void timeToLiveIsEnablingThenEnabledAndDisablingThenDisabled() {
        createTable("Expiring");
        CLOCK.advance(TABLE);
        client.updateTimeToLive(b -> b.tableName("Expiring").timeToLiveSpecification(s -> s.attributeName("expires").enabled(true)));
        assertThat(ttl("Expiring")).isEqualTo(TimeToLiveStatus.ENABLING);
        CLOCK.advance(TTL);
        assertThat(ttl("Expiring")).isEqualTo(TimeToLiveStatus.ENABLED);

        client.updateTimeToLive(b -> b.tableName("Expiring").timeToLiveSpecification(s -> s.attributeName("expires").enabled(false)));
        assertThat(ttl("Expiring")).isEqualTo(TimeToLiveStatus.DISABLING);
        assertThat(client.describeTimeToLive(b -> b.tableName("Expiring")).timeToLiveDescription().attributeName())
                .isEqualTo("expires");
        CLOCK.advance(TTL);
        assertThat(ttl("Expiring")).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    private static TimeToLiveStatus ttl(String table) {
        return client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus();
    }
}
