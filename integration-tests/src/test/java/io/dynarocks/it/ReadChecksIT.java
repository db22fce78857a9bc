package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The checks DynamoDB makes on a Query or Scan: filter, projection and ExclusiveStartKey against the key schema. */
class ReadChecksIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void table() {
        DynamoDbClient c = SERVER.client();
        c.createTable(b -> b.tableName("Posts").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("topic", ScalarAttributeType.S), attribute("rank", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byTopic").keySchema(key("topic", KeyType.HASH),
                        key("rank", KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL))));
        for (int i = 0; i < 10; i++) {
            String sk = Integer.toString(i);
            c.putItem(b -> b.tableName("Posts").item(Map.of("pk", s("a"), "sk", n(sk), "topic", s("t"),
                    "rank", n(sk), "body", s("text " + sk))));
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private void rejects(QueryRequest.Builder request, String message) {
        assertThatThrownBy(() -> client.query(request.tableName("Posts").build()))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void filterExpressionMayNotNameTheKeyAttributesTheQueryReadsBy() {
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p").filterExpression("sk > :n")
                .expressionAttributeValues(Map.of(":p", s("a"), ":n", n("1"))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p")
                .filterExpression("attribute_exists(body) AND #k = :p").expressionAttributeNames(Map.of("#k", "pk"))
                .expressionAttributeValues(Map.of(":p", s("a"))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
        rejects(QueryRequest.builder().indexName("byTopic").keyConditionExpression("topic = :t")
                .filterExpression("#r > :n").expressionAttributeNames(Map.of("#r", "rank"))
                .expressionAttributeValues(Map.of(":t", s("t"), ":n", n("1"))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: rank");
    }

    @Test
    void indexQueryMayFilterOnTheTablesKeyAttributes() {
        var r = client.query(b -> b.tableName("Posts").indexName("byTopic").keyConditionExpression("topic = :t")
                .filterExpression("sk >= :n").expressionAttributeValues(Map.of(":t", s("t"), ":n", n("8"))));
        assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void queryFilterMayNotNameAKeyAttribute() {
        rejects(QueryRequest.builder()
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(s("a")).build()))
                .queryFilter(Map.of("sk", Condition.builder().comparisonOperator(ComparisonOperator.GT)
                        .attributeValueList(n("1")).build())),
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void projectionAndFilterPathsMayNotDescendIntoAKeyAttribute() {
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p").projectionExpression("body, pk.x")
                .expressionAttributeValues(Map.of(":p", s("a"))),
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk");
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p").projectionExpression("topic[0]")
                .expressionAttributeValues(Map.of(":p", s("a"))),
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "
                        + "IndexKey: topic");
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p").filterExpression("topic.x = :p")
                .expressionAttributeValues(Map.of(":p", s("a"))),
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: "
                        + "IndexKey: topic");
    }

    @Test
    void scanProjectionMayNotDescendIntoAKeyAttributeButItsFilterMayNameOne() {
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Posts").projectionExpression("sk[1]")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Key attributes must be scalars; list random access '[]' and map lookup '.' "
                        + "are not allowed: Key: sk");
        assertThat(client.scan(b -> b.tableName("Posts").filterExpression("sk = :n")
                .expressionAttributeValues(Map.of(":n", n("3")))).count()).isEqualTo(1);
    }

    @Test
    void exclusiveStartKeyOutsideThePartitionIsRejected() {
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p")
                .exclusiveStartKey(Map.of("pk", s("b"), "sk", n("3")))
                .expressionAttributeValues(Map.of(":p", s("a"))),
                "The provided starting key is outside query boundaries based on provided conditions");
    }

    @Test
    void exclusiveStartKeyOutsideTheSortKeyConditionIsRejected() {
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p AND sk > :n")
                .exclusiveStartKey(Map.of("pk", s("a"), "sk", n("3")))
                .expressionAttributeValues(Map.of(":p", s("a"), ":n", n("5"))),
                "The provided starting key does not match the range key predicate");
        rejects(QueryRequest.builder().keyConditionExpression("pk = :p AND sk < :n")
                .exclusiveStartKey(Map.of("pk", s("b"), "sk", n("3")))
                .expressionAttributeValues(Map.of(":p", s("a"), ":n", n("5"))),
                "The query can return at most one row and cannot be restarted");
    }

    @Test
    void exclusiveStartKeyWithinTheConditionResumesAfterIt() {
        var r = client.query(b -> b.tableName("Posts").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                .exclusiveStartKey(Map.of("pk", s("a"), "sk", n("3")))
                .expressionAttributeValues(Map.of(":p", s("a"), ":a", n("2"), ":b", n("5"))));
        assertThat(r.items()).extracting(i -> i.get("sk").n()).containsExactly("4", "5");
        var onIndex = client.query(b -> b.tableName("Posts").indexName("byTopic").keyConditionExpression("topic = :t")
                .exclusiveStartKey(Map.of("pk", s("a"), "sk", n("7"), "topic", s("t"), "rank", n("7")))
                .expressionAttributeValues(Map.of(":t", s("t"))));
        assertThat(onIndex.items()).extracting(i -> i.get("rank").n()).containsExactly("8", "9");
    }

    @Test
    void parallelScanExclusiveStartKeyMustBelongToTheSegment() {
        Map<String, AttributeValue> start = Map.of("pk", s("a"), "sk", n("3"));
        int own = -1;
        for (int segment = 0; segment < 4 && own < 0; segment++) {
            int seg = segment;
            if (client.scan(b -> b.tableName("Posts").segment(seg).totalSegments(4)).count() > 0) {
                own = seg;
            }
        }
        int ownSegment = own;
        assertThat(client.scan(b -> b.tableName("Posts").segment(ownSegment).totalSegments(4).exclusiveStartKey(start))
                .count()).isEqualTo(6);
        int other = (ownSegment + 1) % 4;
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Posts").segment(other).totalSegments(4)
                .exclusiveStartKey(start)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                                + "ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: " + other));
    }
}
