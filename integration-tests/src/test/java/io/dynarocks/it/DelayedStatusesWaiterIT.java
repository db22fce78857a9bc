package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The jar started as DynamoDB Local with {@code -delayTransientStatuses}: tables really pass through CREATING
 * and DELETING, and the SDK's {@link DynamoDbWaiter} waits them out as it would against DynamoDB.
 */
class DelayedStatusesWaiterIT {

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        server.destroy();
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitersSeeTablesBecomeActiveAndThenDisappear() throws Exception {
        server = ServerProcess.start(List.of("-Djava.library.path=./DynamoDBLocal_lib"),
                "-inMemory", "-delayTransientStatuses", "-port", "0");
        URI endpoint = ServerProcess.awaitEndpoint(server);
        try (DynamoDbClient client = DynamoDbLocalCommandLineIT.client(endpoint, "waiter", Region.US_WEST_2);
                DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                        // The SDK polls every 20 s by default; a test polls faster, nothing else changes.
                        .overrideConfiguration(c -> c.maxAttempts(120)
                                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(250))))
                        .build()) {
            TableStatus created = client.createTable(b -> b.tableName("Waited")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)))
                    .tableDescription().tableStatus();
            assertThat(created).isEqualTo(TableStatus.CREATING);

            WaiterResponse<DescribeTableResponse> exists = waiter.waitUntilTableExists(b -> b.tableName("Waited"));
            assertThat(exists.matched().response()).hasValueSatisfying(
                    r -> assertThat(r.table().tableStatus()).isEqualTo(TableStatus.ACTIVE));
            client.putItem(b -> b.tableName("Waited").item(Map.of("pk", AttributeValue.fromS("a"))));

            assertThat(client.deleteTable(b -> b.tableName("Waited")).tableDescription().tableStatus())
                    .isEqualTo(TableStatus.DELETING);
            WaiterResponse<DescribeTableResponse> gone = waiter.waitUntilTableNotExists(b -> b.tableName("Waited"));
            assertThat(gone.matched().exception()).hasValueSatisfying(
                    e -> assertThat(e).isInstanceOf(ResourceNotFoundException.class));
        }
    }
}
