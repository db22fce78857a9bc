package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Condition, update and projection expressions, and their legacy equivalents, through the SDK. */
class ExpressionsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Expr");
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName("Expr").item(item));
    }

    private Map<String, AttributeValue> get(String pk) {
        return client.getItem(b -> b.tableName("Expr").key(key(pk))).item();
    }

    private Map<String, AttributeValue> update(String pk, String expression, Map<String, AttributeValue> values) {
        return client.updateItem(b -> b.tableName("Expr").key(key(pk)).updateExpression(expression)
                .expressionAttributeNames(expression.contains("#old") ? Map.of("#old", "old") : null)
                .expressionAttributeValues(values.isEmpty() ? null : values).returnValues(ReturnValue.ALL_NEW))
                .attributes();
    }

    @Test
    void setWithArithmeticIfNotExistsAndListAppend() {
        put(Map.of("pk", s("set"), "n", n("10"), "l", AttributeValue.fromL(List.of(s("a")))));
        Map<String, AttributeValue> item = update("set",
                "SET n = n + :five, m = if_not_exists(m, :zero), l = list_append(l, :more), c = :zero - :five",
                Map.of(":five", n("5"), ":zero", n("0"), ":more", AttributeValue.fromL(List.of(s("b")))));
        assertThat(item).containsEntry("n", n("15")).containsEntry("m", n("0")).containsEntry("c", n("-5"))
                .containsEntry("l", AttributeValue.fromL(List.of(s("a"), s("b"))));
    }

    @Test
    void nestedPathsAndListIndexesAreUpdated() {
        put(Map.of("pk", s("nested"), "doc", AttributeValue.fromM(Map.of(
                "nums", AttributeValue.fromL(List.of(n("1"), n("2"), n("3")))))));
        Map<String, AttributeValue> item = update("nested",
                "SET doc.fresh = :v, doc.nums[1] = :x, doc.nums[10] = :end REMOVE doc.nums[0]",
                Map.of(":v", s("v"), ":x", n("20"), ":end", n("99")));
        Map<String, AttributeValue> doc = item.get("doc").m();
        assertThat(doc).containsEntry("fresh", s("v"));
        assertThat(doc.get("nums").l()).containsExactly(n("20"), n("3"), n("99"));
    }

    @Test
    void addAndDeleteWorkOnNumbersAndSets() {
        put(Map.of("pk", s("sets"), "tags", AttributeValue.fromSs(List.of("a", "b")), "old", AttributeValue.fromSs(List.of("a", "b"))));
        Map<String, AttributeValue> item = update("sets", "ADD hits :one, tags :c DELETE #old :a",
                Map.of(":one", n("1"), ":c", AttributeValue.fromSs(List.of("c")), ":a", AttributeValue.fromSs(List.of("a"))));
        assertThat(item.get("hits")).isEqualTo(n("1"));
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(item.get("old").ss()).containsExactly("b");
        Map<String, AttributeValue> emptied = update("sets", "DELETE tags :all",
                Map.of(":all", AttributeValue.fromSs(List.of("a", "b", "c"))));
        assertThat(emptied).doesNotContainKey("tags");
    }

    @Test
    void updatedNewReturnsOnlyTheUpdatedPaths() {
        put(Map.of("pk", s("paths"), "doc", AttributeValue.fromM(Map.of("a", n("1"), "b", n("2"))), "other", s("x")));
        Map<String, AttributeValue> returned = client.updateItem(b -> b.tableName("Expr").key(key("paths"))
                .updateExpression("SET doc.a = :v").expressionAttributeValues(Map.of(":v", n("5")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        assertThat(returned).isEqualTo(Map.of("doc", AttributeValue.fromM(Map.of("a", n("5")))));
    }

    @Test
    void conditionsUseComparisonsFunctionsAndPrecedence() {
        put(Map.of("pk", s("cond"), "age", n("30"), "name", s("Alice"), "tags", AttributeValue.fromSs(List.of("x"))));
        client.putItem(b -> b.tableName("Expr").item(Map.of("pk", s("cond"), "age", n("31")))
                .conditionExpression("age BETWEEN :lo AND :hi AND begins_with(#n, :p) AND contains(tags, :t) "
                        + "AND size(#n) = :five AND attribute_type(age, :num) OR attribute_not_exists(pk)")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":lo", n("18"), ":hi", n("65"), ":p", s("Al"), ":t", s("x"),
                        ":five", n("5"), ":num", s("N"))));
        assertThat(get("cond")).containsEntry("age", n("31"));
        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName("Expr").key(key("cond"))
                .conditionExpression("NOT age IN (:a, :b)")
                .expressionAttributeValues(Map.of(":a", n("31"), ":b", n("32")))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("cond")).isNotNull();
    }

    @Test
    void projectionExpressionReturnsNestedPaths() {
        put(Map.of("pk", s("proj"), "doc", AttributeValue.fromM(Map.of("a", n("1"), "l",
                AttributeValue.fromL(List.of(s("x"), s("y"), s("z")))))));
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName("Expr").key(key("proj"))
                .projectionExpression("doc.l[2], doc.a")).item();
        assertThat(item).isEqualTo(Map.of("doc", AttributeValue.fromM(Map.of("a", n("1"),
                "l", AttributeValue.fromL(List.of(s("z")))))));
    }

    @Test
    void reservedWordsMustBeQuoted() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Expr").key(key("x")).projectionExpression("status")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                        + "reserved keyword: status");
    }

    @Test
    void unusedAndUndefinedPlaceholdersAreRejected() {
        assertThatThrownBy(() -> update("x", "SET a = :a", Map.of(":a", n("1"), ":b", n("2"))))
                .hasMessageStartingWith("Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
        assertThatThrownBy(() -> update("x", "SET a = :missing", Map.of(":a", n("1"))))
                .hasMessageStartingWith("Invalid UpdateExpression: An expression attribute value used in expression "
                        + "is not defined; attribute value: :missing");
    }

    @Test
    void overlappingPathsInOneUpdateAreRejected() {
        assertThatThrownBy(() -> update("x", "SET a = :v, a.b = :v", Map.of(":v", n("1"))))
                .hasMessageStartingWith("Invalid UpdateExpression: Two document paths overlap with each other; must "
                        + "remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void arithmeticOnAStringIsATypeError() {
        put(Map.of("pk", s("type"), "a", s("text")));
        assertThatThrownBy(() -> update("type", "SET a = a + :one", Map.of(":one", n("1"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("An operand in the update expression has an incorrect data type");
        assertThat(get("type")).containsEntry("a", s("text"));
    }

    @Test
    void emptyUpdateExpressionIsRejected() {
        assertThatThrownBy(() -> update("x", "", Map.of()))
                .hasMessageStartingWith("Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void legacyExpectedAndAttributeUpdatesWork() {
        put(Map.of("pk", s("legacy"), "v", n("1")));
        client.updateItem(b -> b.tableName("Expr").key(key("legacy"))
                .attributeUpdates(Map.of("v", AttributeValueUpdate.builder().action(AttributeAction.ADD)
                        .value(n("2")).build(), "w", AttributeValueUpdate.builder().action(AttributeAction.PUT)
                        .value(s("new")).build()))
                .expected(Map.of("v", ExpectedAttributeValue.builder().value(n("1")).build())));
        assertThat(get("legacy")).containsEntry("v", n("3")).containsEntry("w", s("new"));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Expr").item(key("legacy"))
                .expected(Map.of("v", ExpectedAttributeValue.builder()
                        .comparisonOperator(ComparisonOperator.LT).attributeValueList(n("2")).build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        client.deleteItem(b -> b.tableName("Expr").key(key("legacy"))
                .expected(Map.of("w", ExpectedAttributeValue.builder().exists(true).value(s("new")).build())));
        assertThat(client.getItem(b -> b.tableName("Expr").key(key("legacy"))).hasItem()).isFalse();
    }

    @Test
    void mixingLegacyAndExpressionParametersIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Expr").item(key("mix"))
                .conditionExpression("attribute_exists(pk)")
                .expected(Map.of("v", ExpectedAttributeValue.builder().exists(false).build()))))
                .hasMessageStartingWith("Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }
}
