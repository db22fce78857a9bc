package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem validates every request before writing any: one invalid request rejects the whole batch. */
class BatchValidationIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void table() {
        SERVER.client().createTable(b -> b.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
                        attribute("g", ScalarAttributeType.S), attribute("l", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byG").keySchema(key("g", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .localSecondaryIndexes(l -> l.indexName("byL").keySchema(key("pk", KeyType.HASH),
                        key("l", KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static WriteRequest put(String sk, String attribute, AttributeValue value) {
        return WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS("batch"),
                "sk", AttributeValue.fromS(sk), attribute, value))).build();
    }

    private void assertRejectedAndNothingWritten(List<WriteRequest> requests, String message) {
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("Indexed", requests))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
        assertThat(client.scan(b -> b.tableName("Indexed")).count()).isZero();
    }

    @Test
    void aWrongTypeForAGlobalIndexKeyAnywhereRejectsTheWholeBatch() {
        assertRejectedAndNothingWritten(List.of(put("1", "g", AttributeValue.fromS("ok")),
                put("2", "x", AttributeValue.fromS("ok")), put("3", "g", AttributeValue.fromN("7"))),
                "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N "
                        + "IndexName: byG");
    }

    @Test
    void aWrongTypeForALocalIndexKeyAnywhereRejectsTheWholeBatch() {
        assertRejectedAndNothingWritten(List.of(put("1", "l", AttributeValue.fromN("1")),
                put("2", "l", AttributeValue.fromS("one"))),
                "One or more parameter values were invalid: Type mismatch for Index Key l Expected: N Actual: S "
                        + "IndexName: byL");
    }

    @Test
    void anEmptyIndexKeyValueAnywhereRejectsTheWholeBatch() {
        assertRejectedAndNothingWritten(List.of(put("1", "g", AttributeValue.fromS("ok")),
                put("2", "g", AttributeValue.fromS(""))),
                "One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: byG, IndexKey: g");
    }

    @Test
    void putItemReportsAnInvalidIndexKeyBeforeEvaluatingItsCondition() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Indexed").item(Map.of("pk", AttributeValue.fromS("p"),
                "sk", AttributeValue.fromS("s"), "g", AttributeValue.fromN("1")))
                .conditionExpression("attribute_exists(pk)")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for Index Key g Expected: S Actual: N IndexName: byG");
    }
}
