package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.server.DynaRocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** With {@code --limits}, account quotas apply as configured and DescribeLimits reports them. */
class AccountLimitsIT {

    private static DynaRocks start(LimitsConfig limits) {
        return DynaRocks.builder().inMemory().port(0).limits(limits).clock(new MutableClock()).start();
    }

    @Test
    void createTableBeyondTheTableQuotaIsLimitExceeded() {
        try (DynaRocks server = start(LimitsConfig.aws().with("tables", 2));
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ThrottlingIT.provisioned(client, "One", 1, 1);
            ThrottlingIT.provisioned(client, "Two", 1, 1);
            assertThatThrownBy(() -> ThrottlingIT.provisioned(client, "Three", 1, 1))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage())
                            .isEqualTo("Subscriber limit exceeded: There is a limit of 2 tables per subscriber"));
            client.deleteTable(b -> b.tableName("One"));
            ThrottlingIT.provisioned(client, "Three", 1, 1);
        }
    }

    @Test
    void globalIndexesBeyondTheLoweredQuotaAreRefused() {
        try (DynaRocks server = start(LimitsConfig.aws().with("gsis", 1));
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            assertThatThrownBy(() -> client.createTable(b -> b.tableName("TwoIndexes")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("a").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("b").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .globalSecondaryIndexes(index("byA", "a"), index("byB", "b"))))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds "
                                    + "the per-table limit of 1"));
        }
    }

    private static GlobalSecondaryIndex index(String name, String attribute) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(k -> k.attributeName(attribute).keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)).build();
    }

    @Test
    void describeLimitsReportsTheConfiguredQuotas() {
        try (DynaRocks server = start(LimitsConfig.aws().with("account-read", 1000).with("account-write", 500)
                .with("table-read", 300).with("table-write", 200));
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            DescribeLimitsResponse limits = client.describeLimits(b -> { });
            assertThat(List.of(limits.accountMaxReadCapacityUnits(), limits.accountMaxWriteCapacityUnits(),
                    limits.tableMaxReadCapacityUnits(), limits.tableMaxWriteCapacityUnits()))
                    .containsExactly(1000L, 500L, 300L, 200L);
        }
    }

    @Test
    void describeTableReportsWarmThroughputFromThePartitions() {
        try (DynaRocks server = start(LimitsConfig.aws());
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            // 1,000 RCU / 3,000 + 10,000 WCU / 1,000 = 10.3: eleven partitions.
            ThrottlingIT.provisioned(client, "Warm", 1000, 10_000);
            TableDescription table = client.describeTable(b -> b.tableName("Warm")).table();
            assertThat(table.warmThroughput().readUnitsPerSecond()).isEqualTo(33_000L);
            assertThat(table.warmThroughput().writeUnitsPerSecond()).isEqualTo(11_000L);
            assertThat(table.warmThroughput().statusAsString()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void controlPlaneRequestsBeyondTheAccountRateAreThrottled() {
        MutableClock clock = new MutableClock();
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).clock(clock)
                .limits(LimitsConfig.aws().with("control-plane-rate", 3)).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            client.listTables();
            client.listTables();
            client.describeLimits(b -> { });
            assertThatThrownBy(client::listTables).isInstanceOfSatisfying(ThrottlingException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Rate of requests exceeds the allowed throughput."));
            clock.advance(java.time.Duration.ofSeconds(1));
            client.listTables();
        }
    }

    @Test
    void withoutLimitsTheTableQuotaIsNotEnforced() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).limits(LimitsConfig.off().with("tables", 1))
                .start(); DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ThrottlingIT.provisioned(client, "One", 1, 1);
            ThrottlingIT.provisioned(client, "Two", 1, 1);
            assertThat(client.describeTable(b -> b.tableName("Two")).table().warmThroughput()).isNull();
        }
    }

    private static String limitExceeded(Throwable e) {
        assertThat(e).isInstanceOf(LimitExceededException.class);
        return ((LimitExceededException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void throughputAboveThePerTableMaximumIsLimitExceeded() {
        try (DynaRocks server = start(LimitsConfig.aws().with("table-read", 100).with("table-write", 50));
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            assertThatThrownBy(() -> ThrottlingIT.provisioned(client, "TooMuch", 101, 1))
                    .satisfies(e -> assertThat(limitExceeded(e)).isEqualTo("The requested ReadCapacityUnits, 101, is "
                            + "above the per table maximum for the account in us-east-1. Per table maximum: 100."));
            ThrottlingIT.provisioned(client, "Enough", 100, 50);
            assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Enough")
                    .provisionedThroughput(p -> p.readCapacityUnits(100L).writeCapacityUnits(51L))))
                    .satisfies(e -> assertThat(limitExceeded(e)).isEqualTo("The requested WriteCapacityUnits, 51, is "
                            + "above the per table maximum for the account in us-east-1. Per table maximum: 50."));
            assertThatThrownBy(() -> client.createTable(b -> b.tableName("OnDemandTooMuch")
                    .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .onDemandThroughput(o -> o.maxReadRequestUnits(101L))))
                    .satisfies(e -> assertThat(limitExceeded(e)).isEqualTo("Subscriber limit exceeded: Requested "
                            + "MaxReadRequestUnits for OnDemandThroughput for table exceeds TableMaxReadCapacityUnits "
                            + "of the account in region us-east-1"));
        }
    }

    @Test
    void provisionedThroughputBeyondTheAccountTotalIsLimitExceeded() {
        try (DynaRocks server = start(LimitsConfig.aws().with("account-read", 10));
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ThrottlingIT.provisioned(client, "First", 6, 1);
            assertThatThrownBy(() -> ThrottlingIT.provisioned(client, "Second", 5, 1))
                    .satisfies(e -> assertThat(limitExceeded(e)).isEqualTo("This request would have caused the "
                            + "ReadCapacityUnits limit to be exceeded for the account in us-east-1. Current "
                            + "ReadCapacityUnits reserved by the account: 6. Limit: 10. Requested: 5"));
            assertThat(client.listTables().tableNames()).containsExactly("First");
            ThrottlingIT.provisioned(client, "Second", 4, 1);
            client.updateTable(b -> b.tableName("First").provisionedThroughput(p -> p.readCapacityUnits(2L)
                    .writeCapacityUnits(1L)));
            ThrottlingIT.provisioned(client, "Third", 4, 1);
        }
    }

    @Test
    void afterFourDecreasesADayOnlyOnePerHourIsAllowed() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-10-08T20:00:00Z"));
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).limits().clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ThrottlingIT.provisioned(client, "Shrinking", 10, 10);
            for (long wcu = 9; wcu >= 6; wcu--) {
                long units = wcu;
                client.updateTable(b -> b.tableName("Shrinking").provisionedThroughput(p -> p.readCapacityUnits(10L)
                        .writeCapacityUnits(units)));
                clock.advance(java.time.Duration.ofMinutes(1));
            }
            assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Shrinking").provisionedThroughput(
                    p -> p.readCapacityUnits(10L).writeCapacityUnits(5L))))
                    .satisfies(e -> assertThat(limitExceeded(e)).isEqualTo("Subscriber limit exceeded: Provisioned "
                            + "throughput decreases are limited within a given UTC day. After the first 4 decreases, "
                            + "each subsequent decrease in the same UTC day can be performed at most once every 3600 "
                            + "seconds. Number of decreases today: 4. Last decrease at Thursday, October 8, 2026 at "
                            + "8:03:00 PM Coordinated Universal Time. Next decrease can be made at Thursday, October "
                            + "8, 2026 at 9:03:00 PM Coordinated Universal Time."));
            client.updateTable(b -> b.tableName("Shrinking").provisionedThroughput(p -> p.readCapacityUnits(20L)
                    .writeCapacityUnits(6L)));
            clock.advance(java.time.Duration.ofHours(1));
            client.updateTable(b -> b.tableName("Shrinking").provisionedThroughput(p -> p.readCapacityUnits(20L)
                    .writeCapacityUnits(5L)));
            assertThatThrownBy(() -> client.updateTable(b -> b.tableName("Shrinking").provisionedThroughput(
                    p -> p.readCapacityUnits(20L).writeCapacityUnits(4L))))
                    .isInstanceOf(LimitExceededException.class);
        }
    }
}
