package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** UpdateTable's and DeleteTable's checks and answers, as DynamoDB gives them. */
class TableControlPlaneIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    private static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndexUpdate create(String index, String attribute) {
        return GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(index)
                .keySchema(key(attribute, KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL))).build();
    }

    private void provisionedTable(String name) {
        client.createTable(b -> b.tableName(name).attributeDefinitions(def("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L)));
    }

    private void rejected(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void anUpdateThatChangesNothingIsRejected() {
        provisionedTable("Unchanged");
        rejected(() -> client.updateTable(b -> b.tableName("Unchanged")), "At least one of ProvisionedThroughput, "
                + "BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
                + "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, "
                + "OnDemandThroughput, WarmThroughput or TableClass is required");
        rejected(() -> client.updateTable(b -> b.tableName("Unchanged")
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))),
                "The provisioned throughput for the table will not change. The requested value equals the current "
                        + "value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: "
                        + "5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. "
                        + "Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher "
                        + "limits.");
        TableDescription changed = client.updateTable(b -> b.tableName("Unchanged")
                .provisionedThroughput(t -> t.readCapacityUnits(6L).writeCapacityUnits(5L))).tableDescription();
        assertThat(changed.provisionedThroughput().readCapacityUnits()).isEqualTo(6L);
    }

    @Test
    void provisionedThroughputOnAPayPerRequestTableIsRejected() {
        Tables.hashTable(client, "OnDemand");
        rejected(() -> client.updateTable(b -> b.tableName("OnDemand")
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))),
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                        + "specified when BillingMode is PAY_PER_REQUEST");
        TableDescription switched = client.updateTable(b -> b.tableName("OnDemand").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))).tableDescription();
        assertThat(switched.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
    }

    @Test
    void onlyOneGlobalIndexIsCreatedOrDeletedPerUpdate() {
        Tables.hashTable(client, "TwoIndexes");
        assertThatThrownBy(() -> client.updateTable(b -> b.tableName("TwoIndexes")
                .attributeDefinitions(def("a", ScalarAttributeType.S), def("b", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(create("byA", "a"), create("byB", "b"))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Subscriber limit exceeded: Only 1 online index can be created or "
                                + "deleted simultaneously per table"));
        assertThat(client.describeTable(b -> b.tableName("TwoIndexes")).table().hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void indexChangesAreValidatedAsDynamoDbDoes() {
        provisionedTable("IndexRules");
        rejected(() -> client.updateTable(b -> b.tableName("IndexRules").globalSecondaryIndexUpdates(List.of())
                .billingMode(BillingMode.PAY_PER_REQUEST)),
                "One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty");
        rejected(() -> client.updateTable(b -> b.tableName("IndexRules")
                .attributeDefinitions(def("a", ScalarAttributeType.S))
                .provisionedThroughput(t -> t.readCapacityUnits(9L).writeCapacityUnits(9L))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byA")
                        .keySchema(key("a", KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))).build())),
                "You cannot create or delete index while updating table IOPS");
        String longName = "i".repeat(256);
        assertThatThrownBy(() -> client.updateTable(b -> b.tableName("IndexRules")
                .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName(longName)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("at 'globalSecondaryIndexUpdates.1.member.delete.indexName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 255");
        rejected(() -> client.updateTable(b -> b.tableName("IndexRules").globalSecondaryIndexUpdates(
                u -> u.delete(d -> d.indexName("gone")), u -> u.delete(d -> d.indexName("gone")))),
                "One or more parameter values were invalid: Only one global secondary index update per index is "
                        + "allowed simultaneously. Index: gone");
    }

    @Test
    void aGlobalIndexAddedLaterIsBackfilledOnATableWithLocalIndexesSkippingItemsItCannotHold() {
        client.createTable(b -> b.tableName("WithLsi").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S),
                        def("l", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("byL").keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(Map.of("pk", AttributeValue.fromS("p" + (i % 3)), "sk", AttributeValue.fromS("s" + i),
                    "l", AttributeValue.fromS("l" + i), "g", AttributeValue.fromS("g" + (i % 2))));
        }
        items.forEach(i -> client.putItem(b -> b.tableName("WithLsi").item(i)));
        // Items the new index cannot hold: a number where it expects a string, a key over 2048 bytes, an empty key.
        client.putItem(b -> b.tableName("WithLsi").item(Map.of("pk", AttributeValue.fromS("x"),
                "sk", AttributeValue.fromS("number"), "g", AttributeValue.fromN("1"))));
        client.putItem(b -> b.tableName("WithLsi").item(Map.of("pk", AttributeValue.fromS("x"),
                "sk", AttributeValue.fromS("long"), "g", AttributeValue.fromS("g".repeat(2049)))));
        client.putItem(b -> b.tableName("WithLsi").item(Map.of("pk", AttributeValue.fromS("x"),
                "sk", AttributeValue.fromS("empty"), "g", AttributeValue.fromS(""))));

        client.updateTable(b -> b.tableName("WithLsi").attributeDefinitions(def("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(create("byG", "g")));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.describeTable(b -> b.tableName("WithLsi")).table()
                .globalSecondaryIndexes().get(0).indexStatus() == IndexStatus.ACTIVE);
        int found = 0;
        for (String g : List.of("g0", "g1")) {
            found += client.query(b -> b.tableName("WithLsi").indexName("byG").keyConditionExpression("g = :g")
                    .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(g)))).count();
        }
        assertThat(found).isEqualTo(30);
        assertThat(client.scan(b -> b.tableName("WithLsi").indexName("byG")).count()).isEqualTo(30);
        assertThat(client.query(b -> b.tableName("WithLsi").indexName("byL").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p0")))).count()).isEqualTo(10);
    }

    @Test
    void deleteTableAnswersTheShortDescriptionOfADeletingTable() {
        client.createTable(b -> b.tableName("Going").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(key("g", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")));
        TableDescription d = client.deleteTable(b -> b.tableName("Going")).tableDescription();
        assertThat(d.tableName()).isEqualTo("Going");
        assertThat(d.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThat(d.tableArn()).endsWith(":table/Going");
        assertThat(d.itemCount()).isZero();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(d.hasKeySchema()).isFalse();
        assertThat(d.hasAttributeDefinitions()).isFalse();
        assertThat(d.creationDateTime()).isNull();
        assertThat(d.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(d.latestStreamArn()).isNull();
    }
}
