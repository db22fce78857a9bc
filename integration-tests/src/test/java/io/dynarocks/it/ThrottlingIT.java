package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * With {@code --limits}, throughput is enforced as DynamoDB enforces it: per table (provisioned units with burst
 * credit, on-demand allowance) and per partition (1,000 WCU / 3,000 RCU). The server's clock is moved by hand, so
 * every count here is exact; the client does not retry, so each throttled request is seen once.
 */
class ThrottlingIT {

    private static final MutableClock CLOCK = new MutableClock();
    private static DynaRocks server;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        server = DynaRocks.builder().inMemory().port(0).limits().clock(CLOCK).start();
        client = noRetries(server.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** The SDK retries throttling errors by default; a test that counts them must not. */
    static DynamoDbClient noRetries(URI endpoint) {
        return SdkClients.builder(endpoint)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static void provisioned(DynamoDbClient client, String name, long rcu, long wcu) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu)));
    }

    /** Puts a small item (1 WCU); false when it was throttled. */
    static boolean put(DynamoDbClient client, String table, String pk) {
        try {
            client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
            return true;
        } catch (ProvisionedThroughputExceededException | ThrottlingException e) {
            return false;
        }
    }

    @Test
    void provisionedTableThrottlesWritesBeyondItsWriteCapacityUnits() {
        provisioned(client, "FiveWcu", 5, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(put(client, "FiveWcu", "k" + i)).isTrue();
        }
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("FiveWcu")
                .item(Map.of("pk", AttributeValue.fromS("k5")))))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The level of configured provisioned "
                            + "throughput for the table was exceeded. Consider increasing your provisioning level "
                            + "with the UpdateTable API");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.throttlingReasons()).singleElement().satisfies(r -> {
                        assertThat(r.reason()).isEqualTo("TableWriteProvisionedThroughputExceeded");
                        assertThat(r.resource()).endsWith(":table/FiveWcu");
                    });
                });
        CLOCK.advance(Duration.ofSeconds(1));
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += put(client, "FiveWcu", "later" + i) ? 1 : 0;
        }
        assertThat(admitted).as("one second refills five units").isEqualTo(5);
    }

    @Test
    void unusedCapacityIsKeptAsBurstCreditForUpTo300Seconds() {
        provisioned(client, "Burst", 1, 2);
        assertThat(put(client, "Burst", "a")).isTrue();
        assertThat(put(client, "Burst", "b")).isTrue();
        assertThat(put(client, "Burst", "c")).isFalse();
        CLOCK.advance(Duration.ofMinutes(10));
        int admitted = 0;
        for (int i = 0; i < 700; i++) {
            admitted += put(client, "Burst", "k" + i) ? 1 : 0;
        }
        assertThat(admitted).as("300 s of 2 WCU, not 600 s").isEqualTo(600);
    }

    @Test
    void eventuallyConsistentReadsCostHalfAReadUnit() {
        provisioned(client, "Reads", 2, 1000);
        put(client, "Reads", "x");
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            try {
                client.getItem(b -> b.tableName("Reads").key(Map.of("pk", AttributeValue.fromS("x"))));
                admitted++;
            } catch (ProvisionedThroughputExceededException e) {
                assertThat(e.throttlingReasons().get(0).reason()).isEqualTo("TableReadProvisionedThroughputExceeded");
            }
        }
        assertThat(admitted).isEqualTo(4);
    }

    @Test
    void aHotPartitionKeyThrottlesAt1000WcuWhileTenSuffixedKeysDoNot() {
        // 1,000 RCU and 10,000 WCU: eleven partitions of 1,000 WCU each. The same 1,200 writes a second to one
        // key, then to ten write-sharded keys (the partition key plus a suffix 0-9).
        provisioned(client, "Hot", 1000, 10_000);
        provisioned(client, "Sharded", 1000, 10_000);
        int hotThrottled = 0;
        int shardedThrottled = 0;
        for (int second = 0; second < 2; second++) {
            CLOCK.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 1200; i++) {
                hotThrottled += put(client, "Hot", "device-42") ? 0 : 1;
                shardedThrottled += put(client, "Sharded", "device-42#" + (i % 10)) ? 0 : 1;
            }
        }
        assertThat(hotThrottled).as("200 of 1,200 each second").isEqualTo(400);
        assertThat(shardedThrottled).isZero();
    }

    @Test
    void onDemandTableThrottlesAHotKeyWithThrottlingException() {
        client.createTable(b -> b.tableName("OnDemandHot").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        int admitted = 0;
        ThrottlingException last = null;
        for (int i = 0; i < 1100; i++) {
            try {
                client.putItem(b -> b.tableName("OnDemandHot").item(Map.of("pk", AttributeValue.fromS("hot"))));
                admitted++;
            } catch (ThrottlingException e) {
                last = e;
            }
        }
        assertThat(admitted).as("one partition's 1,000 WCU").isEqualTo(1000);
        assertThat(last).isNotNull();
        assertThat(last.awsErrorDetails().errorMessage()).startsWith("Throughput exceeds the current capacity of "
                + "your table or index. DynamoDB is automatically scaling your table or index so please try again "
                + "shortly.");
        assertThat(last.throttlingReasons().get(0).reason()).isEqualTo("TableWriteKeyRangeThroughputExceeded");
    }

    @Test
    void batchWriteReturnsThrottledWritesAsUnprocessedItems() {
        provisioned(client, "BatchWrites", 1, 2);
        BatchWriteItemResponse partly = client.batchWriteItem(b -> b.requestItems(Map.of("BatchWrites",
                java.util.stream.IntStream.range(0, 5).mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(
                        Map.of("pk", AttributeValue.fromS("b" + i)))).build()).toList())));
        assertThat(partly.unprocessedItems().get("BatchWrites")).hasSize(3);
        assertThat(partly.unprocessedItems().get("BatchWrites").get(0).putRequest().item())
                .isEqualTo(Map.of("pk", AttributeValue.fromS("b2")));
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("BatchWrites", List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(Map.of("pk", AttributeValue.fromS("b0")))).build())))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void batchGetReturnsThrottledKeysAsUnprocessedKeys() {
        provisioned(client, "BatchReads", 2, 100);
        List<Map<String, AttributeValue>> keys = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> Map.of("pk", AttributeValue.fromS("r" + i))).toList();
        BatchGetItemResponse partly = client.batchGetItem(b -> b.requestItems(Map.of("BatchReads",
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        assertThat(partly.unprocessedKeys().get("BatchReads").keys()).hasSize(3);
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("BatchReads",
                KeysAndAttributes.builder().keys(keys.get(0)).build()))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
    }

    @Test
    void transactionWithAThrottledItemIsCancelled() {
        // A transactional write costs twice the standard units: two transactions use up 4 WCU.
        provisioned(client, "Transactions", 1, 4);
        for (int i = 0; i < 2; i++) {
            String pk = "t" + i;
            client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(p -> p
                    .tableName("Transactions").item(Map.of("pk", AttributeValue.fromS(pk)))).build()));
        }
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("Transactions").item(Map.of("pk", AttributeValue.fromS("t2")))).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).singleElement().satisfies(r -> {
                        assertThat(r.code()).isEqualTo("ProvisionedThroughputExceeded");
                        assertThat(r.message()).startsWith("The level of configured provisioned throughput");
                    });
                });
        assertThat(client.getItem(b -> b.tableName("Transactions").key(Map.of("pk", AttributeValue.fromS("t2"))))
                .hasItem()).isFalse();
    }

    @Test
    void throttledRequestsAreCountedInTheMetrics() throws Exception {
        provisioned(client, "Counted", 1, 1);
        put(client, "Counted", "a");
        put(client, "Counted", "b");
        put(client, "Counted", "c");
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains(
                "dynarocks_throttled_requests_total{reason=\"TableWriteProvisionedThroughputExceeded\","
                        + "table=\"Counted\"} 2.0");
    }

    @Test
    void withoutLimitsNothingIsThrottled() {
        try (DynaRocks unlimited = DynaRocks.builder().inMemory().port(0).clock(CLOCK).start();
                DynamoDbClient c = noRetries(unlimited.endpoint())) {
            provisioned(c, "OneWcu", 1, 1);
            int admitted = 0;
            for (int i = 0; i < 2000; i++) {
                admitted += put(c, "OneWcu", "same") ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(2000);
        }
    }
}
