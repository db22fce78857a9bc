package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "TableA");
        Tables.hashTable(SERVER.client(), "TableB");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static WriteRequest put(String pk, String v) {
        return WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(pk),
                "v", AttributeValue.fromS(v)))).build();
    }

    @Test
    void batchWritePutsAndDeletesAcrossTablesAndLeavesNothingUnprocessed() {
        client.putItem(b -> b.tableName("TableB").item(Map.of("pk", AttributeValue.fromS("gone"))));
        BatchWriteItemResponse r = client.batchWriteItem(b -> b.requestItems(Map.of(
                "TableA", List.of(put("w1", "x"), put("w2", "y")),
                "TableB", List.of(WriteRequest.builder().deleteRequest(d -> d.key(key("gone"))).build()))));
        assertThat(r.unprocessedItems()).isEmpty();
        assertThat(client.getItem(b -> b.tableName("TableA").key(key("w2"))).item().get("v").s()).isEqualTo("y");
        assertThat(client.getItem(b -> b.tableName("TableB").key(key("gone"))).hasItem()).isFalse();
    }

    @Test
    void batchWriteRejectsMoreThan25RequestsAndDuplicateKeys() {
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(put("m" + i, "v"));
        }
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("TableA", many))))
                .hasMessageContaining("Member must have length less than or equal to 25");
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("TableA",
                List.of(put("dup", "1"), put("dup", "2"))))))
                .hasMessageContaining("Provided list of item keys contains duplicates");
        assertThat(client.getItem(b -> b.tableName("TableA").key(key("dup"))).hasItem()).isFalse();
    }

    @Test
    void batchGetReadsSeveralTablesWithProjections() {
        client.batchWriteItem(b -> b.requestItems(Map.of("TableA", List.of(put("g1", "a1"), put("g2", "a2")),
                "TableB", List.of(put("g1", "b1")))));
        BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(Map.of(
                "TableA", KeysAndAttributes.builder().keys(key("g1"), key("g2"), key("missing"))
                        .projectionExpression("#v").expressionAttributeNames(Map.of("#v", "v")).build(),
                "TableB", KeysAndAttributes.builder().keys(key("g1")).consistentRead(true).build())));
        assertThat(r.responses().get("TableA")).containsExactlyInAnyOrder(Map.of("v", AttributeValue.fromS("a1")),
                Map.of("v", AttributeValue.fromS("a2")));
        assertThat(r.responses().get("TableB")).containsExactly(Map.of("pk", AttributeValue.fromS("g1"),
                "v", AttributeValue.fromS("b1")));
        assertThat(r.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchGetRejectsMoreThan100KeysAndUnknownTables() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(key("k" + i));
        }
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("TableA",
                KeysAndAttributes.builder().keys(keys).build()))))
                .hasMessageContaining("Member must have length less than or equal to 100");
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(Map.of("Nope",
                KeysAndAttributes.builder().keys(key("x")).build()))))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
