package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class QueryIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    /** Items of the big partition: over 1 MB in all, so that a page stops at 1 MB (fewer, larger on etcd). */
    private static int big;

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void data(TestInfo test) {
        DynamoDbClient c = SERVER.client();
        Tables.compositeTable(c, "Events");
        boolean etcd = TestStorage.onEtcd(test.getTestClass().orElseThrow());
        big = etcd ? 2_000 : 10_000;
        String pad = "x".repeat(etcd ? 600 : 200);
        Bulk.write(c, "Events", big, i -> Map.of("pk", AttributeValue.fromS("big"), "sk", AttributeValue.fromN(
                Integer.toString(i)), "pad", AttributeValue.fromS(pad)));
        Bulk.write(c, "Events", 10, i -> Map.of("pk", AttributeValue.fromS("small"),
                "sk", AttributeValue.fromN(Integer.toString(i)), "even", AttributeValue.fromBool(i % 2 == 0),
                "parity", AttributeValue.fromN(Integer.toString(i % 2))));
    }

    private QueryResponse small(String keyCondition, Map<String, AttributeValue> values) {
        return client.query(b -> b.tableName("Events").keyConditionExpression(keyCondition)
                .expressionAttributeValues(values));
    }

    private static List<Integer> sortKeys(List<Map<String, AttributeValue>> items) {
        List<Integer> out = new ArrayList<>();
        items.forEach(i -> out.add(Integer.parseInt(i.get("sk").n())));
        return out;
    }

    @Test
    void paginatorReadsEveryItemOfAPartitionOnceInSortKeyOrder() {
        List<Integer> keys = new ArrayList<>();
        client.queryPaginator(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("big"))))
                .items().forEach(i -> keys.add(Integer.parseInt(i.get("sk").n())));
        assertThat(keys).hasSize(big).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void paginatorReadsBackwardsWithScanIndexForwardFalse() {
        var pages = client.queryPaginator(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .scanIndexForward(false).limit(777)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("big"))));
        List<Integer> keys = new ArrayList<>();
        pages.items().forEach(i -> keys.add(Integer.parseInt(i.get("sk").n())));
        assertThat(keys).hasSize(big).isSortedAccordingTo((a, b) -> b - a).doesNotHaveDuplicates();
    }

    @Test
    void aPageStopsAtOneMegabyteOfDataRead() {
        QueryResponse r = client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("big"))));
        assertThat(r.count()).isLessThan(big).isGreaterThan(1000);
        assertThat(r.lastEvaluatedKey()).containsOnlyKeys("pk", "sk");
    }

    @Test
    void sortKeyConditionsSelectARange() {
        assertThat(sortKeys(small("pk = :p AND sk BETWEEN :a AND :b", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("3"), ":b", AttributeValue.fromN("5"))).items())).containsExactly(3, 4, 5);
        assertThat(sortKeys(small("pk = :p AND sk < :a", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("2"))).items())).containsExactly(0, 1);
        assertThat(sortKeys(small("pk = :p AND sk <= :a", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("2"))).items())).containsExactly(0, 1, 2);
        assertThat(sortKeys(small("pk = :p AND sk > :a", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("7"))).items())).containsExactly(8, 9);
        assertThat(sortKeys(small(":a <= sk AND pk = :p", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("8"))).items())).containsExactly(8, 9);
        assertThat(sortKeys(small("pk = :p AND sk = :a", Map.of(":p", AttributeValue.fromS("small"),
                ":a", AttributeValue.fromN("4"))).items())).containsExactly(4);
    }

    @Test
    void filterIsAppliedAfterLimitSoCountAndScannedCountDiffer() {
        QueryResponse r = client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .filterExpression("even = :t").limit(5)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small"), ":t", AttributeValue.fromBool(true))));
        assertThat(r.scannedCount()).isEqualTo(5);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.lastEvaluatedKey()).isEqualTo(Map.of("pk", AttributeValue.fromS("small"), "sk", AttributeValue.fromN("4")));
        QueryResponse next = client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .exclusiveStartKey(r.lastEvaluatedKey())
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small"))));
        assertThat(sortKeys(next.items())).containsExactly(5, 6, 7, 8, 9);
    }

    @Test
    void legacyKeyConditionsAndQueryFilterWork() {
        QueryResponse r = client.query(b -> b.tableName("Events")
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(AttributeValue.fromS("small")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GE)
                                .attributeValueList(AttributeValue.fromN("6")).build()))
                .queryFilter(Map.of("parity", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromN("0")).build()))
                .attributesToGet("sk"));
        assertThat(r.items()).containsExactly(Map.of("sk", AttributeValue.fromN("6")), Map.of("sk", AttributeValue.fromN("8")));
    }

    @Test
    void selectCountReturnsNoItems() {
        QueryResponse r = client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .select(Select.COUNT).expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small"))));
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.hasItems()).isFalse();
    }

    @Test
    void keyConditionMustNameThePartitionKeyWithEquality() {
        assertThatThrownBy(() -> small("sk = :a", Map.of(":a", AttributeValue.fromN("1"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> small("pk > :a", Map.of(":a", AttributeValue.fromS("x"))))
                .hasMessageContaining("Query key condition not supported");
        assertThatThrownBy(() -> small("pk = :a", Map.of(":a", AttributeValue.fromN("1"))))
                .hasMessageContaining("Condition parameter type does not match schema type");
    }

    @Test
    void selectCombinationsAreValidated() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .select(Select.ALL_ATTRIBUTES).projectionExpression("sk")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small")))))
                .hasMessageContaining("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        assertThatThrownBy(() -> client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .select(Select.ALL_PROJECTED_ATTRIBUTES)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small")))))
                .hasMessageContaining("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        assertThatThrownBy(() -> client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .indexName("nope").expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small")))))
                .hasMessageContaining("The table does not have the specified index: nope");
    }

    @Test
    void exclusiveStartKeyMustMatchTheSchema() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("Events").keyConditionExpression("pk = :p")
                .exclusiveStartKey(Map.of("pk", AttributeValue.fromS("small")))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("small")))))
                .hasMessageContaining("The provided starting key is invalid: The provided key element does not match the schema");
    }
}
