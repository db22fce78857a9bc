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
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The legacy parameters (KeyConditions, QueryFilter, ScanFilter, Expected) and how they combine with expressions. */
class LegacyParametersIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    private static final AttributeValue LIST = AttributeValue.fromL(List.of(n("1"), s("two")));
    private static final AttributeValue MAP = AttributeValue.fromM(Map.of("k", s("v")));

    @BeforeAll
    static void data() {
        DynamoDbClient c = SERVER.client();
        Tables.compositeTable(c, "Legacy");
        c.putItem(b -> b.tableName("Legacy").item(Map.of("pk", s("p"), "sk", n("1"), "list", LIST, "map", MAP,
                "flag", AttributeValue.fromBool(true), "nil", AttributeValue.fromNul(true),
                "bin", bin(1, 2, 3), "bins", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {9}))),
                "strs", AttributeValue.fromSs(List.of("a", "b")), "nums", AttributeValue.fromNs(List.of("5")))));
        c.putItem(b -> b.tableName("Legacy").item(Map.of("pk", s("p"), "sk", n("2"), "list",
                AttributeValue.fromL(List.of(n("1"))), "flag", AttributeValue.fromBool(false))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static AttributeValue bin(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(out));
    }

    private static Condition condition(ComparisonOperator op, AttributeValue... values) {
        return Condition.builder().comparisonOperator(op).attributeValueList(values).build();
    }

    private static Map<String, Condition> partition() {
        return Map.of("pk", condition(ComparisonOperator.EQ, s("p")));
    }

    private List<String> scanSortKeys(String attribute, Condition c) {
        return client.scan(b -> b.tableName("Legacy").scanFilter(Map.of(attribute, c))).items().stream()
                .map(i -> i.get("sk").n()).sorted().toList();
    }

    @Test
    void keyConditionsGoWithProjectionExpressionFilterExpressionAndSelect() {
        var projected = client.query(b -> b.tableName("Legacy").keyConditions(partition()).projectionExpression("sk"));
        assertThat(projected.items()).containsExactly(Map.of("sk", n("1")), Map.of("sk", n("2")));
        var filtered = client.query(b -> b.tableName("Legacy").keyConditions(partition())
                .filterExpression("flag = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        assertThat(filtered.count()).isEqualTo(1);
        assertThat(client.query(b -> b.tableName("Legacy").keyConditions(partition()).select(Select.COUNT)).count())
                .isEqualTo(2);
    }

    @Test
    void parametersMeaningTheSameThingAreRejectedTogether() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("Legacy").keyConditions(partition())
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {KeyConditions} Expression parameters: "
                        + "{KeyConditionExpression}");
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Legacy").attributesToGet("sk").projectionExpression("sk")))
                .hasMessageStartingWith("Can not use both expression and non-expression parameters in the same "
                        + "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                        + "{ProjectionExpression}");
    }

    @Test
    void equalityFiltersAcceptEveryType() {
        assertThat(scanSortKeys("list", condition(ComparisonOperator.EQ, LIST))).containsExactly("1");
        assertThat(scanSortKeys("map", condition(ComparisonOperator.EQ, MAP))).containsExactly("1");
        assertThat(scanSortKeys("flag", condition(ComparisonOperator.EQ, AttributeValue.fromBool(false))))
                .containsExactly("2");
        assertThat(scanSortKeys("nil", condition(ComparisonOperator.EQ, AttributeValue.fromNul(true))))
                .containsExactly("1");
        assertThat(scanSortKeys("list", condition(ComparisonOperator.NE, LIST))).containsExactly("2");
    }

    @Test
    void containsWorksOnBinaryValuesAndSets() {
        assertThat(scanSortKeys("bin", condition(ComparisonOperator.CONTAINS, bin(2, 3)))).containsExactly("1");
        assertThat(scanSortKeys("bin", condition(ComparisonOperator.NOT_CONTAINS, bin(3, 2)))).containsExactly("1");
        assertThat(scanSortKeys("bins", condition(ComparisonOperator.CONTAINS, bin(9)))).containsExactly("1");
        assertThat(scanSortKeys("strs", condition(ComparisonOperator.CONTAINS, s("b")))).containsExactly("1");
        assertThat(scanSortKeys("nums", condition(ComparisonOperator.NOT_CONTAINS, n("6")))).containsExactly("1");
        assertThat(scanSortKeys("list", condition(ComparisonOperator.CONTAINS, n("1")))).containsExactly("1", "2");
    }

    @Test
    void betweenBoundsMustBeComparableAndOrdered() {
        assertThatThrownBy(() -> scanSortKeys("sk", condition(ComparisonOperator.BETWEEN, n("5"), n("1"))))
                .isInstanceOf(DynamoDbException.class).hasMessageStartingWith(
                        "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        assertThatThrownBy(() -> scanSortKeys("sk", condition(ComparisonOperator.BETWEEN, n("1"), s("5"))))
                .hasMessageStartingWith(
                        "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
        assertThatThrownBy(() -> scanSortKeys("sk", condition(ComparisonOperator.BETWEEN,
                AttributeValue.fromSs(List.of("a")), AttributeValue.fromSs(List.of("b")))))
                .hasMessageStartingWith(
                        "One or more parameter values were invalid: ComparisonOperator BETWEEN is not valid for SS AttributeValue type");
    }

    @Test
    void aFilterConditionWithoutComparisonOperatorIsRejected() {
        assertThatThrownBy(() -> scanSortKeys("flag", Condition.builder()
                .attributeValueList(AttributeValue.fromBool(true)).build()))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'scanFilter.flag.member.comparisonOperator' "
                                + "failed to satisfy constraint: Member must not be null"));
    }

    @Test
    void expectedComparesListsAndMapsForEquality() {
        Map<String, AttributeValue> key = Map.of("pk", s("p"), "sk", n("1"));
        client.updateItem(b -> b.tableName("Legacy").key(key).expected(Map.of("list",
                ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(LIST)
                        .build(), "map", ExpectedAttributeValue.builder().value(MAP).build())));
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Legacy").key(key).expected(Map.of("list",
                ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.NE).attributeValueList(LIST)
                        .build()))))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }
}
