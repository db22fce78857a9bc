package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

/** Without authentication, a table's ARN (of the default account) names the table wherever a TableName goes. */
class TableArnAsNameIT {

    @Test
    void tableArnWorksAsTableNameInItemTableAndBatchActions() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "orders");
            String arn = client.describeTable(b -> b.tableName("orders")).table().tableArn();
            assertThat(arn).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/orders");
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("o1"));

            assertThat(client.describeTable(b -> b.tableName(arn)).table().tableName()).isEqualTo("orders");
            client.putItem(b -> b.tableName(arn).item(Map.of("pk", AttributeValue.fromS("o1"),
                    "n", AttributeValue.fromN("1"))));
            client.updateItem(b -> b.tableName(arn).key(key).updateExpression("SET n = n + :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            assertThat(client.getItem(b -> b.tableName(arn).key(key)).item())
                    .containsEntry("n", AttributeValue.fromN("2"));
            assertThat(client.query(b -> b.tableName(arn).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("o1")))).count()).isEqualTo(1);
            assertThat(client.scan(b -> b.tableName(arn)).count()).isEqualTo(1);
            assertThat(client.batchGetItem(b -> b.requestItems(Map.of(arn,
                    KeysAndAttributes.builder().keys(key).build()))).responses().get(arn)).hasSize(1);
            assertThat(client.transactGetItems(b -> b.transactItems(List.of(TransactGetItem.builder()
                    .get(g -> g.tableName(arn).key(key)).build()))).responses().get(0).item()).isNotEmpty();
            client.deleteItem(b -> b.tableName(arn).key(key));
            assertThat(client.getItem(b -> b.tableName(arn).key(key)).hasItem()).isFalse();
            client.deleteTable(b -> b.tableName(arn));
            assertThat(client.listTables().tableNames()).doesNotContain("orders");
        }
    }
}
