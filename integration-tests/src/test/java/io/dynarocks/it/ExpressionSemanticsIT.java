package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** How condition and update expressions evaluate, where DynamoDB's results are not obvious. */
class ExpressionSemanticsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Sem");
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static AttributeValue b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(out));
    }

    @Test
    void severalAssignmentsPastTheEndOfAListAppendInIndexOrder() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("list"), "c", AttributeValue.fromL(
                List.of(n("1"), n("3"))))));
        Map<String, AttributeValue> after = client.updateItem(b -> b.tableName("Sem").key(Map.of("pk", s("list")))
                .updateExpression("SET c[4] = :x, c[2] = :y, c[0] = :z")
                .expressionAttributeValues(Map.of(":x", s("x"), ":y", s("y"), ":z", s("z")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(after.get("c").l()).containsExactly(s("z"), n("3"), s("y"), s("x"));
    }

    @Test
    void containsMatchesABinaryAttributeHoldingTheOperandsBytes() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("bin"), "b", b(1, 2, 3, 4))));
        for (AttributeValue part : List.of(b(1, 2, 3, 4), b(2, 3), b(4))) {
            assertThat(client.scan(r -> r.tableName("Sem").filterExpression("contains(b, :v)")
                    .expressionAttributeValues(Map.of(":v", part))).count()).isEqualTo(1);
        }
        assertThat(client.scan(r -> r.tableName("Sem").filterExpression("contains(b, :v)")
                .expressionAttributeValues(Map.of(":v", b(3, 2)))).count()).isZero();
    }

    private void conditionRejected(String condition, Map<String, AttributeValue> values, String message) {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("typed")))
                .conditionExpression(condition).expressionAttributeValues(values)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void constantsOfATypeTheOperatorCannotCompareAreRejected() {
        AttributeValue list = AttributeValue.fromL(List.of(n("1")));
        AttributeValue map = AttributeValue.fromM(Map.of("k", n("1")));
        conditionRejected("a < :v", Map.of(":v", list), "Invalid ConditionExpression: Incorrect operand type for "
                + "operator or function; operator or function: <, operand type: LIST");
        conditionRejected(":v >= a", Map.of(":v", AttributeValue.fromBool(true)), "Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: >=, operand type: BOOLEAN");
        conditionRejected("a BETWEEN :lo AND :hi", Map.of(":lo", map, ":hi", map), "Invalid ConditionExpression: "
                + "Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: MAP");
        conditionRejected("begins_with(a, :v)", Map.of(":v", n("1")), "Invalid ConditionExpression: Incorrect "
                + "operand type for operator or function; operator or function: begins_with, operand type: N");
        conditionRejected("contains(a, :v)", Map.of(":v", map), "Invalid ConditionExpression: Incorrect operand "
                + "type for operator or function; operator or function: contains, operand type: M");
        conditionRejected("contains(:v, a)", Map.of(":v", n("1")), "Invalid ConditionExpression: Incorrect operand "
                + "type for operator or function; operator or function: contains, operand type: N");
    }

    @Test
    void anAttributeOfAnotherTypeMakesTheConditionFalseNotAnError() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("mixed"), "a", AttributeValue.fromL(
                List.of(n("1"))), "s", s("text"))));
        for (String condition : List.of("a < :n", "a BETWEEN :n AND :n", "begins_with(a, :s)", "contains(s, :n)")) {
            assertThatThrownBy(() -> client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("mixed")))
                    .conditionExpression(condition)
                    .expressionAttributeValues(condition.contains(":s") ? Map.of(":s", s("t")) : Map.of(":n", n("1")))))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    @Test
    void functionsAreOnlyAllowedWhereTheyMakeSense() {
        conditionRejected("attribute_exists(a) = :t", Map.of(":t", AttributeValue.fromBool(true)),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
                        + "function: attribute_exists");
        conditionRejected("size(a) AND a = :t", Map.of(":t", AttributeValue.fromBool(true)),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
                        + "function: size");
    }

    @Test
    void filtersCompareTwoAttributesOfTheSameItem() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("cmp-1"), "x", n("1"), "y", n("2"))));
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("cmp-2"), "x", n("3"), "y", n("2"))));
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("cmp-3"), "x", s("3"), "y", n("3"))));
        assertThat(client.scan(b -> b.tableName("Sem").filterExpression("x < y")).items())
                .extracting(i -> i.get("pk").s()).containsExactly("cmp-1");
        assertThat(client.scan(b -> b.tableName("Sem").filterExpression("x >= y")).items())
                .extracting(i -> i.get("pk").s()).containsExactly("cmp-2");
        assertThat(client.scan(b -> b.tableName("Sem").filterExpression("attribute_exists(x) AND x <> y")).items())
                .extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("cmp-1", "cmp-2", "cmp-3");
    }
}
