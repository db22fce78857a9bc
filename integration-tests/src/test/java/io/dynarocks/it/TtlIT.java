package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

class TtlIT {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static int expiring;
    private static final int SECONDS = 4;

    private static final MutableClock CLOCK = new MutableClock(START);
    private static DynaRocks server;
    private static DynamoDbClient client;
    private static ExecutorService pool;

    private static TestStorage storage;

    @RegisterExtension
    static final BeforeAllCallback STORAGE = context -> storage = TestStorage.of(context);

    @BeforeAll
    static void start(TestInfo test) {
        // Each etcd write is a Raft commit: the sweep test keeps its shape with fewer items there.
        expiring = TestStorage.onEtcd(test.getTestClass().orElseThrow()) ? 400 : 10_000;
        // The clock is shared with TtlOnEtcdIT, which may have run first in this JVM and moved it on.
        CLOCK.set(START);
        server = storage.builder().port(0).ttlInterval(INTERVAL).clock(CLOCK).start();
        client = ServerExtension.client(server.endpoint());
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        client.close();
        server.close();
        storage.close();
    }

    @Test
    void aNewTableHasTtlDisabled() {
        Tables.hashTable(client, "TtlFresh");
        TimeToLiveDescription d = client.describeTimeToLive(b -> b.tableName("TtlFresh")).timeToLiveDescription();
        assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(d.attributeName()).isNull();
    }

    @Test
    void enablingAndDisablingTtlEchoesTheSpecificationAndChangesTheStatus() {
        Tables.hashTable(client, "TtlToggle");
        UpdateTimeToLiveResponse enabled = enable("TtlToggle", "expires");
        assertThat(enabled.timeToLiveSpecification().attributeName()).isEqualTo("expires");
        assertThat(enabled.timeToLiveSpecification().enabled()).isTrue();
        assertThat(describe("TtlToggle").timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(describe("TtlToggle").attributeName()).isEqualTo("expires");

        UpdateTimeToLiveResponse disabled = client.updateTimeToLive(b -> b.tableName("TtlToggle")
                .timeToLiveSpecification(s -> s.attributeName("expires").enabled(false)));
        assertThat(disabled.timeToLiveSpecification().enabled()).isFalse();
        assertThat(describe("TtlToggle").timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(describe("TtlToggle").attributeName()).isNull();
    }

    @Test
    void enablingTtlTwiceOrOnAnotherAttributeIsRejected() {
        Tables.hashTable(client, "TtlTwice");
        enable("TtlTwice", "expires");
        assertValidation(() -> enable("TtlTwice", "expires"), "TimeToLive is already enabled");
        assertValidation(() -> enable("TtlTwice", "other"),
                "TimeToLive is active on a different AttributeName: current AttributeName is expires");
        assertValidation(() -> client.updateTimeToLive(b -> b.tableName("TtlTwice")
                        .timeToLiveSpecification(s -> s.attributeName("other").enabled(false))),
                "TimeToLive is active on a different AttributeName: current AttributeName is expires");
        assertThat(describe("TtlTwice").attributeName()).isEqualTo("expires");
    }

    @Test
    void disablingTtlThatIsNotEnabledIsRejected() {
        Tables.hashTable(client, "TtlOff");
        assertValidation(() -> client.updateTimeToLive(b -> b.tableName("TtlOff")
                .timeToLiveSpecification(s -> s.attributeName("expires").enabled(false))),
                "TimeToLive is already disabled");
    }

    @Test
    void theSpecificationIsValidated() {
        assertValidation(() -> client.updateTimeToLive(b -> b.tableName("NoSuchTtlTable")),
                "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: "
                        + "Member must not be null");
        assertValidation(() -> client.updateTimeToLive(b -> b.tableName("NoSuchTtlTable")
                        .timeToLiveSpecification(s -> s.enabled(true))),
                "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to "
                        + "satisfy constraint: Member must not be null");
        assertValidation(() -> enable("NoSuchTtlTable", ""), "TimeToLiveSpecification.AttributeName must be non empty");
        assertValidation(() -> enable("NoSuchTtlTable", "a".repeat(256)),
                "1 validation error detected: Value '" + "a".repeat(256) + "' at 'timeToLiveSpecification."
                        + "attributeName' failed to satisfy constraint: Member must have length less than or equal to 255");
        assertThatThrownBy(() -> enable("NoSuchTtlTable", "expires")).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: NoSuchTtlTable not found");
        assertThatThrownBy(() -> describe("NoSuchTtlTable")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void expiredItemsAreDeletedSecondBySecondAndTheOthersStay() throws Exception {
        client.createTable(b -> b.tableName("TtlSweep").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("grp").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGroup")
                        .keySchema(KeySchemaElement.builder().attributeName("grp").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        enable("TtlSweep", "expires");
        long start = START.getEpochSecond();
        // Expiring items spread over SECONDS seconds; never-expiring ones far in the future, without
        // the attribute, with a non-Number, or more than five years in the past.
        parallel(expiring, i -> put("e" + i, AttributeValue.fromN(Long.toString(start + 1 + i % SECONDS))));
        parallel(expiring, i -> put("n" + i, neverExpiring(i, start)));

        for (int s = 1; s <= SECONDS; s++) {
            long second = start + s;
            CLOCK.set(Instant.ofEpochSecond(second, 500_000_000));
            int group = s - 1;
            await().atMost(Duration.ofSeconds(20)).pollInterval(INTERVAL)
                    .until(() -> none(expiring, i -> i % SECONDS == group && exists("e" + i)));
            assertThat(none(expiring, i -> i % SECONDS == group + 1 && !exists("e" + i)))
                    .as("the items due a second later are still there at second %d", s).isTrue();
        }
        assertThat(none(expiring, i -> !exists("n" + i))).as("never-expiring items are untouched").isTrue();

        // The index entries went with the items: only never-expiring items are left in each group.
        for (int g = 0; g < SECONDS; g++) {
            String group = "g" + g;
            assertThat(client.queryPaginator(b -> b.tableName("TtlSweep").indexName("byGroup")
                    .keyConditionExpression("grp = :g").expressionAttributeValues(Map.of(":g", AttributeValue.fromS(group))))
                    .items().stream().map(item -> item.get("pk").s()))
                    .hasSize(expiring / SECONDS).allMatch(pk -> pk.startsWith("n"));
        }
        // DescribeTable counts only what is left, in the table and in its index.
        TableDescription described = client.describeTable(b -> b.tableName("TtlSweep")).table();
        assertThat(described.itemCount()).isEqualTo(expiring);
        assertThat(described.globalSecondaryIndexes().get(0).itemCount()).isEqualTo(expiring);
        // The stream holds exactly one service REMOVE per expired item, and no other REMOVE.
        String arn = client.describeTable(b -> b.tableName("TtlSweep")).table().latestStreamArn();
        try (DynamoDbStreamsClient streams = StreamClients.client(server.endpoint())) {
            List<software.amazon.awssdk.services.dynamodb.model.Record> removes = StreamClients.all(streams, arn)
                    .stream().filter(r -> r.eventNameAsString().equals("REMOVE")).toList();
            assertThat(removes).hasSize(expiring).allSatisfy(r -> {
                assertThat(r.userIdentity().type()).isEqualTo("Service");
                assertThat(r.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
            });
            assertThat(removes.stream().map(r -> r.dynamodb().keys().get("pk").s()).distinct())
                    .hasSize(expiring).allMatch(pk -> pk.startsWith("e"));
        }
    }

    private static AttributeValue neverExpiring(int i, long start) {
        switch (i % 4) {
            case 0:
                return AttributeValue.fromN(Long.toString(start + 1_000_000));
            case 1:
                return AttributeValue.fromS(Long.toString(start));
            case 2:
                return AttributeValue.fromN(Long.toString(start - 6L * 366 * 86_400));
            default:
                return null;
        }
    }

    private static void put(String pk, AttributeValue expires) {
        String group = "g" + Integer.parseInt(pk.substring(1)) % SECONDS;
        Map<String, AttributeValue> item = expires == null
                ? Map.of("pk", AttributeValue.fromS(pk), "grp", AttributeValue.fromS(group))
                : Map.of("pk", AttributeValue.fromS(pk), "grp", AttributeValue.fromS(group), "expires", expires);
        client.putItem(b -> b.tableName("TtlSweep").item(item));
    }

    private static boolean exists(String pk) {
        return client.getItem(b -> b.tableName("TtlSweep").key(Map.of("pk", AttributeValue.fromS(pk)))).hasItem();
    }

    /** Whether no i in [0, n) matches, checked on several connections at once. */
    private static boolean none(int n, IntPredicate matches) throws Exception {
        List<Future<Boolean>> parts = new ArrayList<>();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    if (matches.test(i)) {
                        return false;
                    }
                }
                return true;
            }));
        }
        boolean none = true;
        for (Future<Boolean> part : parts) {
            none &= part.get();
        }
        return none;
    }

    private static void parallel(int n, IntConsumer action) throws Exception {
        none(n, i -> {
            action.accept(i);
            return false;
        });
    }

    private UpdateTimeToLiveResponse enable(String table, String attribute) {
        return client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
    }

    private TimeToLiveDescription describe(String table) {
        return client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    }

    private static void assertValidation(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
