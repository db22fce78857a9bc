package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * An application's repository test as people write it for DynamoDB Local: the server started from the
 * command line with {@code -inMemory} (no {@code -sharedDb}), a client with made-up credentials, a provisioned
 * table with a global secondary index created in {@code @BeforeAll} and waited for, then the application's
 * own code under test. Only the jar started is DynaRocks'; the test body is unchanged.
 */
class DynamoDbLocalApplicationIT {

    private static Process server;
    private static DynamoDbClient dynamoDb;
    private static OrderRepository orders;

    /** The application code under test: orders of customers, with their lines and an audit trail. */
    static final class OrderRepository {
        private final DynamoDbClient client;

        OrderRepository(DynamoDbClient client) {
            this.client = client;
        }

        void create(String orderId, String customer, String createdAt) {
            client.putItem(b -> b.tableName("Orders").conditionExpression("attribute_not_exists(orderId)")
                    .item(Map.of("orderId", s(orderId), "customer", s(customer), "createdAt", s(createdAt),
                            "status", s("OPEN"), "total", n("0"))));
        }

        Optional<Map<String, AttributeValue>> find(String orderId) {
            var response = client.getItem(b -> b.tableName("Orders").key(Map.of("orderId", s(orderId)))
                    .consistentRead(true));
            return response.hasItem() ? Optional.of(response.item()) : Optional.empty();
        }

        /** Adds to an open order's total; returns the new total. */
        String addLine(String orderId, String amount) {
            return client.updateItem(b -> b.tableName("Orders").key(Map.of("orderId", s(orderId)))
                    .updateExpression("ADD #total :amount SET #lines = list_append(if_not_exists(#lines, :none), :line)")
                    .conditionExpression("#status = :open")
                    .expressionAttributeNames(Map.of("#total", "total", "#status", "status", "#lines", "lines"))
                    .expressionAttributeValues(Map.of(":amount", n(amount), ":open", s("OPEN"),
                            ":none", AttributeValue.fromL(List.of()), ":line", AttributeValue.fromL(List.of(n(amount)))))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("total").n();
        }

        /** Customer's orders, newest first, from the index. */
        List<String> ordersOf(String customer) {
            List<String> ids = new ArrayList<>();
            client.queryPaginator(b -> b.tableName("Orders").indexName("byCustomer")
                    .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", s(customer)))
                    .scanIndexForward(false).limit(2))
                    .items().forEach(i -> ids.add(i.get("orderId").s()));
            return ids;
        }

        /** Cancels an open order and records who did it, both or neither. */
        void cancel(String orderId, String by) {
            client.transactWriteItems(b -> b.transactItems(
                    t -> t.update(u -> u.tableName("Orders").key(Map.of("orderId", s(orderId)))
                            .updateExpression("SET #status = :cancelled").conditionExpression("#status = :open")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":cancelled", s("CANCELLED"), ":open", s("OPEN")))),
                    t -> t.put(p -> p.tableName("Orders").item(Map.of("orderId", s(orderId + "#audit"),
                            "customer", s("audit"), "createdAt", s("-"), "cancelledBy", s(by))))));
        }

        void importOrders(List<String> orderIds, String customer) {
            List<WriteRequest> writes = new ArrayList<>();
            for (String id : orderIds) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("orderId", s(id),
                        "customer", s(customer), "createdAt", s(id), "status", s("OPEN"), "total", n("0"))).build())
                        .build());
            }
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of("Orders", writes));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }

        private static AttributeValue s(String value) {
            return AttributeValue.fromS(value);
        }

        private static AttributeValue n(String value) {
            return AttributeValue.fromN(value);
        }
    }

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        server = ServerProcess.start(List.of("-Djava.library.path=./DynamoDBLocal_lib"), "-inMemory", "-port", "0");
        URI endpoint = ServerProcess.awaitEndpoint(server);
        dynamoDb = SdkClients.builder(endpoint, Region.US_WEST_2,
                AwsBasicCredentials.create("fakeMyKeyId", "fakeSecretAccessKey")).build();
        ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build();
        dynamoDb.createTable(b -> b.tableName("Orders")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("orderId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("customer").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("createdAt").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byCustomer")
                        .keySchema(KeySchemaElement.builder().attributeName("customer").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(throughput).build())
                .provisionedThroughput(throughput));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb).build()) {
            waiter.waitUntilTableExists(b -> b.tableName("Orders"));
        }
        orders = new OrderRepository(dynamoDb);
    }

    @AfterAll
    static void stopDynamoDbLocal() throws InterruptedException {
        dynamoDb.close();
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOrderIsCreatedOnce() {
        orders.create("o-1", "alice", "2024-01-01");
        assertThatThrownBy(() -> orders.create("o-1", "bob", "2024-01-02"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(orders.find("o-1")).hasValueSatisfying(o -> assertThat(o.get("customer").s()).isEqualTo("alice"));
        assertThat(orders.find("missing")).isEmpty();
    }

    @Test
    void linesAddUpOnAnOpenOrderOnly() {
        orders.create("o-2", "carol", "2024-02-01");
        assertThat(orders.addLine("o-2", "12.5")).isEqualTo("12.5");
        assertThat(orders.addLine("o-2", "7.25")).isEqualTo("19.75");
        assertThat(orders.find("o-2").orElseThrow().get("lines").l()).hasSize(2);

        orders.cancel("o-2", "support");
        assertThatThrownBy(() -> orders.addLine("o-2", "1")).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(orders.find("o-2#audit").orElseThrow().get("cancelledBy").s()).isEqualTo("support");
    }

    @Test
    void cancellingTwiceCancelsTheWholeTransaction() {
        orders.create("o-3", "dave", "2024-03-01");
        orders.cancel("o-3", "first");
        assertThatThrownBy(() -> orders.cancel("o-3", "second")).isInstanceOf(TransactionCanceledException.class);
        assertThat(orders.find("o-3#audit").orElseThrow().get("cancelledBy").s()).isEqualTo("first");
    }

    @Test
    void aCustomersOrdersComeNewestFirstAcrossPages() {
        orders.importOrders(List.of("2023-01", "2023-02", "2023-03", "2023-04", "2023-05"), "erin");
        assertThat(orders.ordersOf("erin")).containsExactly("2023-05", "2023-04", "2023-03", "2023-02", "2023-01");
        assertThat(orders.ordersOf("nobody")).isEmpty();
    }
}
