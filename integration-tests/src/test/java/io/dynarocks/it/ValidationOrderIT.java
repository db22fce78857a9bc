package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** DynamoDB validates the whole request before it looks the table up: a bad request on a missing table is invalid, not "not found". */
class ValidationOrderIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String MISSING = "NoSuchTable";

    private final DynamoDbClient client = SERVER.client();

    @Test
    void anOversizedItemOnAMissingTableIsAValidationError() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(MISSING).item(Map.of(
                "pk", AttributeValue.fromS("a"), "big", AttributeValue.fromS("x".repeat(410 * 1024))))))
                .hasMessageContaining("Item size has exceeded the maximum allowed size")
                .isNotInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void mixedLegacyAndExpressionParametersOnAMissingTableAreAValidationError() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(MISSING).item(Map.of("pk", AttributeValue.fromS("a")))
                .conditionExpression("attribute_exists(pk)")
                .expected(Map.of("pk", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NOT_NULL)
                        .build()))))
                .hasMessageContaining("Can not use both expression and non-expression parameters in the same request")
                .isNotInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anInvalidUpdateOnAMissingTableIsAValidationError() {
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName(MISSING).key(Map.of("pk", AttributeValue.fromS("a")))
                .updateExpression("SET = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("v")))))
                .hasMessageContaining("Invalid UpdateExpression: Syntax error")
                .isNotInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName(MISSING).key(Map.of("pk", AttributeValue.fromS("a")))
                .updateExpression("SET a = :v")))
                .hasMessageContaining("An expression attribute value used in expression is not defined")
                .isNotInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anInvalidQueryOnAMissingTableIsAValidationError() {
        assertThatThrownBy(() -> client.query(b -> b.tableName(MISSING).keyConditionExpression("pk = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a"))).limit(0)))
                .hasMessageContaining("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1")
                .isNotInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aValidRequestOnAMissingTableIsResourceNotFound() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName(MISSING).key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
