package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SearchSchemaElement;
import software.amazon.awssdk.services.dynamodb.model.SearchSchemaElementType;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;
import software.amazon.awssdk.services.dynamodb.model.VectorIndex;

/** DynamoDB's ValidationExceptions for invalid vector index declarations, writes and searches. */
class VectorValidationIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final SearchSchemaElement CATEGORY = SearchSchemaElement.builder().attributeName("category")
            .searchSchemaElementType(SearchSchemaElementType.HASH).build();

    @BeforeAll
    static void table() {
        VectorSearchIT.createTable(SERVER.client(), "Valid", VectorSearchIT.index("valid-index", 3,
                VectorDistanceFunction.COSINE, CATEGORY), AttributeDefinition.builder().attributeName("category")
                .attributeType(ScalarAttributeType.S).build());
    }

    private static void rejected(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DynamoDbException) e).awsErrorDetails()
                        .errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining(message);
    }

    private static void create(String table, BillingMode billing, List<AttributeDefinition> extra, VectorIndex... indexes) {
        List<AttributeDefinition> defs = new java.util.ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName("id").attributeType(ScalarAttributeType.S).build()));
        defs.addAll(extra);
        SERVER.client().createTable(b -> {
            b.tableName(table).billingMode(billing).attributeDefinitions(defs)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .vectorIndexes(indexes);
            if (billing == BillingMode.PROVISIONED) {
                b.provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L));
            }
        });
    }

    @Test
    void vectorIndexesRequireAnOnDemandTable() {
        rejected(() -> create("Provisioned", BillingMode.PROVISIONED, List.of(),
                VectorSearchIT.index("idx", 3, VectorDistanceFunction.COSINE)), "PAY_PER_REQUEST");
    }

    @Test
    void searchSchemaAttributesMustBeDefined() {
        rejected(() -> create("Undefined", BillingMode.PAY_PER_REQUEST, List.of(),
                VectorSearchIT.index("idx", 3, VectorDistanceFunction.COSINE, CATEGORY)),
                "One element in SearchSchema is not defined in attribute definitions");
    }

    @Test
    void dimensionsMustBeInRange() {
        rejected(() -> create("Zero", BillingMode.PAY_PER_REQUEST, List.of(),
                VectorSearchIT.index("idx", 0, VectorDistanceFunction.COSINE)),
                "Value '0' at 'vectorIndexes.1.member.dimensions' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 1");
        rejected(() -> create("Huge", BillingMode.PAY_PER_REQUEST, List.of(),
                VectorSearchIT.index("idx", 4097, VectorDistanceFunction.COSINE)), "4096");
    }

    @Test
    void indexesSharingAVectorAttributeMustAgreeOnDimensions() {
        rejected(() -> create("Disagree", BillingMode.PAY_PER_REQUEST, List.of(),
                VectorSearchIT.index("first", 3, VectorDistanceFunction.COSINE),
                VectorSearchIT.index("second", 4, VectorDistanceFunction.EUCLIDEAN)), "same number of dimensions");
        rejected(() -> create("Twice", BillingMode.PAY_PER_REQUEST, List.of(),
                VectorSearchIT.index("same", 3, VectorDistanceFunction.COSINE),
                VectorSearchIT.index("same", 3, VectorDistanceFunction.EUCLIDEAN)), "Duplicate index name: same");
    }

    @Test
    void writesWithAnUnindexableVectorAreRejectedAndNothingIsWritten() {
        DynamoDbClient client = SERVER.client();
        rejected(() -> VectorSearchIT.put(client, "Valid", "short", VectorSearchIT.vector(1, 2), Map.of()),
                "Vector dimension mismatch");
        rejected(() -> VectorSearchIT.put(client, "Valid", "string", AttributeValue.fromS("1,2,3"), Map.of()),
                "Invalid type for parameter embedding");
        rejected(() -> VectorSearchIT.put(client, "Valid", "element", AttributeValue.fromL(List.of(
                AttributeValue.fromN("1"), AttributeValue.fromS("x"), AttributeValue.fromN("3"))), Map.of()),
                "embedding[1]");
        rejected(() -> VectorSearchIT.put(client, "Valid", "category", VectorSearchIT.vector(1, 2, 3),
                Map.of("category", AttributeValue.fromN("5"))), "Type mismatch for Index Key category");
        org.assertj.core.api.Assertions.assertThat(client.scan(b -> b.tableName("Valid")).count()).isZero();
    }

    @Test
    void searchesAreValidated() {
        DynamoDbClient client = SERVER.client();
        Map<String, AttributeValue> cat = Map.of(":c", AttributeValue.fromS("a"));
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(101).searchConditionExpression("category = :c")
                .expressionAttributeValues(cat)), "Provided TopK value is out of valid range");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(0).searchConditionExpression("category = :c")
                .expressionAttributeValues(cat)), "Provided TopK value is out of valid range");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(5).searchConditionExpression("category > :c")
                .expressionAttributeValues(cat)), "Invalid comparator used in SearchConditionExpression");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(5)),
                "SearchConditionExpression must be provided when SearchSchema has a HASH key");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("missing-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(5)),
                "The table does not have the specified index: missing-index");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2)).topK(5).searchConditionExpression("category = :c")
                .expressionAttributeValues(cat)), "dimension mismatch");
        rejected(() -> client.searchVectors(b -> b.tableName("Valid").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(5).searchConditionExpression("category = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("a"), ":unused", AttributeValue.fromS("b")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertThatThrownBy(() -> client.searchVectors(b -> b.tableName("NoSuchTable").indexName("valid-index")
                .searchVector(VectorSearchIT.search(1, 2, 3)).topK(5))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aTableWithVectorIndexesCannotSwitchToProvisioned() {
        rejected(() -> SERVER.client().updateTable(b -> b.tableName("Valid").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))), "PAY_PER_REQUEST");
    }
}
