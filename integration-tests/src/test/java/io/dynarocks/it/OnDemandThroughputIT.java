package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * OnDemandThroughput (MaxReadRequestUnits / MaxWriteRequestUnits) on tables and global indexes: DynamoDB's
 * validations and UpdateTable's merge always; with {@code --limits}, requests beyond a maximum are throttled.
 */
class OnDemandThroughputIT {

    private static OnDemandThroughput max(Long read, Long write) {
        return OnDemandThroughput.builder().maxReadRequestUnits(read).maxWriteRequestUnits(write).build();
    }

    private static CreateTableRequest.Builder onDemandTable(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH));
    }

    /** An on-demand table with the global index {@code byG}. */
    private static CreateTableRequest.Builder indexed(String name, GlobalSecondaryIndex index) {
        return onDemandTable(name).globalSecondaryIndexes(index)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S));
    }

    private static GlobalSecondaryIndex byG(OnDemandThroughput max) {
        return GlobalSecondaryIndex.builder().indexName("byG")
                .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).onDemandThroughput(max).build();
    }

    private static String message(Throwable e) {
        return ((DynamoDbException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void describeTableReportsTheMaximumsThatAreSet() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            TableDescription created = client.createTable(indexed("Capped", byG(max(null, 7L)))
                    .onDemandThroughput(max(100L, null)).build()).tableDescription();
            assertThat(created.onDemandThroughput()).isEqualTo(max(100L, null));
            TableDescription described = client.describeTable(b -> b.tableName("Capped")).table();
            assertThat(described.onDemandThroughput()).isEqualTo(max(100L, null));
            assertThat(described.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(null, 7L));

            client.createTable(onDemandTable("Uncapped").build());
            assertThat(client.describeTable(b -> b.tableName("Uncapped")).table().onDemandThroughput()).isNull();
        }
    }

    @Test
    void maximumsOnAProvisionedTableOrItsIndexesAreRefused() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            assertThatThrownBy(() -> client.createTable(onDemandTable("Provisioned")
                    .billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .onDemandThroughput(max(10L, 10L)).build()))
                    .satisfies(e -> assertThat(message(e)).isEqualTo("One or more parameter values were invalid: "
                            + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode "
                            + "is PROVISIONED."));
            GlobalSecondaryIndex index = byG(max(null, 10L)).toBuilder()
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build();
            assertThatThrownBy(() -> client.createTable(indexed("Provisioned", index)
                    .billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .build()))
                    .satisfies(e -> assertThat(message(e)).isEqualTo("One or more parameter values were invalid: "
                            + "MaxWriteRequestUnits for OnDemandThroughput for index: byG cannot be specified when "
                            + "table BillingMode is PROVISIONED."));
            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void maximumsBelowOneAreOutsideTheValidRange() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            assertThatThrownBy(() -> client.createTable(onDemandTable("Zero").onDemandThroughput(max(0L, null))
                    .build()))
                    .satisfies(e -> assertThat(message(e)).isEqualTo("One or more parameter values were invalid: "
                            + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of valid "
                            + "range"));
            assertThatThrownBy(() -> client.createTable(indexed("MinusOne", byG(max(null, -1L))).build()))
                    .satisfies(e -> assertThat(message(e)).as("-1 removes a maximum, so a new index cannot have it")
                            .isEqualTo("One or more parameter values were invalid: Requested MaxWriteRequestUnits for "
                                    + "OnDemandThroughput for index : byG is outside of valid range"));
            client.createTable(onDemandTable("Capped").onDemandThroughput(max(10L, 10L)).build());
            assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Capped").onDemandThroughput(max(-2L, null))))
                    .satisfies(e -> assertThat(message(e)).isEqualTo("One or more parameter values were invalid: "
                            + "Requested MaxReadRequestUnits for OnDemandThroughput for table is outside of valid "
                            + "range"));
        }
    }

    @Test
    void updateTableReplacesTheGivenMaximumsAndMinusOneRemovesOne() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            client.createTable(indexed("Merged", byG(null)).build());
            assertThat(client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(1000L, 500L)))
                    .tableDescription().onDemandThroughput()).isEqualTo(max(1000L, 500L));
            client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(2000L, null)));
            assertThat(describe(client, "Merged").onDemandThroughput()).isEqualTo(max(2000L, 500L));
            client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(-1L, null)));
            assertThat(describe(client, "Merged").onDemandThroughput()).isEqualTo(max(null, 500L));
            client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(null, -1L)));
            assertThat(describe(client, "Merged").onDemandThroughput()).as("no maximum left").isNull();

            client.updateTable(b -> b.tableName("Merged").globalSecondaryIndexUpdates(u -> u.update(
                    i -> i.indexName("byG").onDemandThroughput(max(30L, 20L)))));
            assertThat(describe(client, "Merged").globalSecondaryIndexes().get(0).onDemandThroughput())
                    .isEqualTo(max(30L, 20L));

            client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(5L, 5L)));
            client.updateTable(b -> b.tableName("Merged").billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("byG")
                            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)))));
            TableDescription provisioned = describe(client, "Merged");
            assertThat(provisioned.onDemandThroughput()).as("a provisioned table has no maximums").isNull();
            assertThat(provisioned.globalSecondaryIndexes().get(0).onDemandThroughput()).isNull();
            assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Merged").onDemandThroughput(max(5L, null))))
                    .satisfies(e -> assertThat(message(e)).isEqualTo("One or more parameter values were invalid: "
                            + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when table BillingMode "
                            + "is PROVISIONED."));
        }
    }

    @Test
    void maximumsSurviveARestart(@TempDir Path dir) {
        try (DynaRocks server = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            client.createTable(indexed("Kept", byG(max(7L, null))).onDemandThroughput(max(9L, 8L)).build());
        }
        try (DynaRocks server = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            TableDescription kept = describe(client, "Kept");
            assertThat(kept.onDemandThroughput()).isEqualTo(max(9L, 8L));
            assertThat(kept.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(7L, null));
        }
    }

    @Test
    void withLimitsRequestsBeyondATableMaximumAreThrottled() {
        MutableClock clock = new MutableClock();
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).limits().clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            client.createTable(onDemandTable("TenWrites").onDemandThroughput(max(null, 10L)).build());
            for (int i = 0; i < 10; i++) {
                assertThat(ThrottlingIT.put(client, "TenWrites", "k" + i)).isTrue();
            }
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("TenWrites")
                    .item(Map.of("pk", AttributeValue.fromS("k10")))))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                "Throughput exceeds the maximum OnDemandThroughput configured on table or index");
                        assertThat(e.throttlingReasons()).singleElement().satisfies(r -> {
                            assertThat(r.reason()).isEqualTo("TableWriteMaxOnDemandThroughputExceeded");
                            assertThat(r.resource()).endsWith(":table/TenWrites");
                        });
                    });
            assertThat(client.getItem(b -> b.tableName("TenWrites").key(Map.of("pk", AttributeValue.fromS("k0"))))
                    .hasItem()).as("reads have no maximum").isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(ThrottlingIT.put(client, "TenWrites", "k10")).isTrue();

            client.updateTable(b -> b.tableName("TenWrites").onDemandThroughput(max(null, -1L)));
            for (int i = 0; i < 100; i++) {
                assertThat(ThrottlingIT.put(client, "TenWrites", "u" + i)).as("no maximum once removed").isTrue();
            }
        }
    }

    @Test
    void withLimitsWritesBeyondAGlobalIndexMaximumAreThrottled() {
        MutableClock clock = new MutableClock();
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).limits().clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            client.createTable(indexed("IndexCapped", byG(max(null, 2L))).build());
            for (int i = 0; i < 2; i++) {
                String pk = "k" + i;
                client.putItem(b -> b.tableName("IndexCapped").item(Map.of("pk", AttributeValue.fromS(pk),
                        "g", AttributeValue.fromS("x"))));
            }
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("IndexCapped").item(Map.of(
                    "pk", AttributeValue.fromS("k2"), "g", AttributeValue.fromS("x")))))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.throttlingReasons())
                            .singleElement().satisfies(r -> {
                                assertThat(r.reason()).isEqualTo("IndexWriteMaxOnDemandThroughputExceeded");
                                assertThat(r.resource()).endsWith(":table/IndexCapped/index/byG");
                            }));
        }
    }

    private static TableDescription describe(DynamoDbClient client, String table) {
        return client.describeTable(b -> b.tableName(table)).table();
    }
}
