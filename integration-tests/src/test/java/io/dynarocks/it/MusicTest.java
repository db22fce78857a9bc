package io.dynarocks.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynarocks.junit5.DynaRocksTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@DynaRocksTest
class MusicTest {
    DynamoDbClient client; // injected, like DynamoDbAsyncClient, DynamoDbEnhancedClient, DynamoDbStreamsClient, DynaRocks and URI

    @Test
    void storesSongs() {
        client.createTable(b -> b.tableName("Music")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("Artist").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("Artist").keyType(KeyType.HASH)));
        client.putItem(b -> b.tableName("Music").item(Map.of("Artist", AttributeValue.fromS("Acme Band"))));

        assertTrue(client.getItem(b -> b.tableName("Music")
                .key(Map.of("Artist", AttributeValue.fromS("Acme Band")))).hasItem());
    }
}
