package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import io.dynarocks.server.DynaRocks;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SearchResultItem;
import software.amazon.awssdk.services.dynamodb.model.SearchSchemaElement;
import software.amazon.awssdk.services.dynamodb.model.SearchSchemaElementType;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;
import software.amazon.awssdk.services.dynamodb.model.VectorIndex;
import software.amazon.awssdk.services.dynamodb.model.VectorIndexDescription;

/** Vector indexes and SearchVectors through the AWS SDK v2 sync client. */
class VectorSearchIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @TempDir
    Path dir;

    static AttributeValue vector(double... xs) {
        List<AttributeValue> l = new ArrayList<>();
        for (double x : xs) {
            l.add(AttributeValue.fromN(java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString()));
        }
        return AttributeValue.fromL(l);
    }

    static List<AttributeValue> search(double... xs) {
        return vector(xs).l();
    }

    static VectorIndex index(String name, int dims, VectorDistanceFunction distance, SearchSchemaElement... schema) {
        VectorIndex.Builder b = VectorIndex.builder().indexName(name)
                .vectorAttribute(a -> a.attributeName("embedding")).dimensions((long) dims).distanceFunction(distance)
                .projection(p -> p.projectionType(ProjectionType.ALL));
        if (schema.length > 0) {
            b.searchSchema(schema);
        }
        return b.build();
    }

    static void createTable(DynamoDbClient client, String table, VectorIndex index, AttributeDefinition... extra) {
        List<AttributeDefinition> defs = new ArrayList<>(List.of(AttributeDefinition.builder().attributeName("id")
                .attributeType(ScalarAttributeType.S).build()));
        defs.addAll(List.of(extra));
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(defs)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .vectorIndexes(index));
    }

    static void put(DynamoDbClient client, String table, String id, AttributeValue vector, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new HashMap<>(more);
        item.put("id", AttributeValue.fromS(id));
        if (vector != null) {
            item.put("embedding", vector);
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    static List<String> ids(SearchVectorsResponse r) {
        return r.searchResults().stream().map(i -> i.item().get("id").s()).toList();
    }

    @Test
    void createTableWithAVectorIndexThenSearchReturnsTheNearestItemsByCosineDistance() {
        DynamoDbClient client = SERVER.client();
        TableDescription created = client.createTable(b -> b.tableName("Docs").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .vectorIndexes(index("docs-embedding", 3, VectorDistanceFunction.COSINE))).tableDescription();
        VectorIndexDescription d = created.vectorIndexes().get(0);
        assertThat(d.indexName()).isEqualTo("docs-embedding");
        assertThat(d.dimensions()).isEqualTo(3);
        assertThat(d.distanceFunction()).isEqualTo(VectorDistanceFunction.COSINE);
        assertThat(d.vectorAttribute().attributeName()).isEqualTo("embedding");
        assertThat(d.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(d.indexArn()).endsWith("table/Docs/index/docs-embedding");

        put(client, "Docs", "x", vector(1, 0, 0), Map.of());
        put(client, "Docs", "y", vector(0, 1, 0), Map.of());
        put(client, "Docs", "xy", vector(1, 1, 0), Map.of());
        put(client, "Docs", "none", null, Map.of("title", AttributeValue.fromS("no vector")));

        SearchVectorsResponse r = client.searchVectors(b -> b.tableName("Docs").indexName("docs-embedding")
                .searchVector(search(1, 0.1, 0)).topK(10));
        assertThat(ids(r)).containsExactly("x", "xy", "y");
        SearchResultItem best = r.searchResults().get(0);
        assertThat(best.score()).isBetween(0.0, 0.01);
        assertThat(r.searchResults().get(2).score()).isBetween(0.9, 1.0);
        assertThat(best.item()).containsEntry("embedding", vector(1, 0, 0));

        assertThat(client.describeTable(b -> b.tableName("Docs")).table().vectorIndexes().get(0).itemCount())
                .isEqualTo(3);
    }

    @Test
    void searchWithinAPartitionAndWithInlineFiltersReturnsOnlyMatchingItems() {
        DynamoDbClient client = SERVER.client();
        createTable(client, "Products", index("by-category", 2, VectorDistanceFunction.EUCLIDEAN,
                        SearchSchemaElement.builder().attributeName("category")
                                .searchSchemaElementType(SearchSchemaElementType.HASH).build(),
                        SearchSchemaElement.builder().attributeName("color")
                                .searchSchemaElementType(SearchSchemaElementType.INLINE_FILTER).build()),
                AttributeDefinition.builder().attributeName("category").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("color").attributeType(ScalarAttributeType.S).build());
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            put(client, "Products", "p" + i, vector(random.nextDouble(), random.nextDouble()),
                    Map.of("category", AttributeValue.fromS(i % 2 == 0 ? "shoes" : "hats"),
                            "color", AttributeValue.fromS(i % 5 == 0 ? "red" : "blue")));
        }
        SearchVectorsResponse shoes = client.searchVectors(b -> b.tableName("Products").indexName("by-category")
                .searchVector(search(0.5, 0.5)).topK(5).searchConditionExpression("category = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("shoes"))));
        assertThat(shoes.searchResults()).hasSize(5)
                .allSatisfy(i -> assertThat(i.item().get("category").s()).isEqualTo("shoes"));
        assertThat(shoes.searchResults()).extracting(SearchResultItem::score).isSorted();

        SearchVectorsResponse redShoes = client.searchVectors(b -> b.tableName("Products").indexName("by-category")
                .searchVector(search(0.5, 0.5)).topK(20)
                .searchConditionExpression("#c = :c AND color = :red")
                .expressionAttributeNames(Map.of("#c", "category"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("shoes"), ":red", AttributeValue.fromS("red")))
                .projectionExpression("id, color")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        // Items 0, 10, 20, ... 190 are red shoes: all 20 of them come back, whatever the filter excludes.
        assertThat(redShoes.searchResults()).hasSize(20)
                .allSatisfy(i -> assertThat(i.item()).containsOnlyKeys("id", "color")
                        .containsEntry("color", AttributeValue.fromS("red")));
        assertThat(redShoes.consumedCapacity().vectorSearchRequestBytes()).isPositive();

        assertThatThrownBy(() -> client.searchVectors(b -> b.tableName("Products").indexName("by-category")
                .searchVector(search(0.5, 0.5)).topK(5)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("SearchConditionExpression must be provided when SearchSchema has a HASH key");
    }

    @Test
    void updatesAndDeletesChangeWhatASearchFinds() {
        DynamoDbClient client = SERVER.client();
        createTable(client, "Moving", index("moving-index", 2, VectorDistanceFunction.EUCLIDEAN));
        put(client, "Moving", "a", vector(0, 0), Map.of());
        put(client, "Moving", "b", vector(10, 10), Map.of());
        assertThat(ids(client.searchVectors(b -> b.tableName("Moving").indexName("moving-index")
                .searchVector(search(9, 9)).topK(1)))).containsExactly("b");
        client.updateItem(b -> b.tableName("Moving").key(Map.of("id", AttributeValue.fromS("a")))
                .updateExpression("SET embedding = :v").expressionAttributeValues(Map.of(":v", vector(9, 9))));
        SearchVectorsResponse moved = client.searchVectors(b -> b.tableName("Moving").indexName("moving-index")
                .searchVector(search(9, 9)).topK(1));
        assertThat(ids(moved)).containsExactly("a");
        assertThat(moved.searchResults().get(0).score()).isZero();
        client.deleteItem(b -> b.tableName("Moving").key(Map.of("id", AttributeValue.fromS("a"))));
        assertThat(ids(client.searchVectors(b -> b.tableName("Moving").indexName("moving-index")
                .searchVector(search(9, 9)).topK(5)))).containsExactly("b");
        client.updateItem(b -> b.tableName("Moving").key(Map.of("id", AttributeValue.fromS("b")))
                .updateExpression("REMOVE embedding"));
        assertThat(client.searchVectors(b -> b.tableName("Moving").indexName("moving-index")
                .searchVector(search(9, 9)).topK(5)).searchResults()).isEmpty();
    }

    @Test
    void theIndexIsRebuiltFromTheTableAfterARestart() {
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            createTable(client, "Durable", index("durable-index", 2, VectorDistanceFunction.DOT_PRODUCT));
            for (int i = 0; i < 50; i++) {
                put(client, "Durable", "d" + i, vector(i, 1), Map.of());
            }
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            SearchVectorsResponse r = client.searchVectors(b -> b.tableName("Durable").indexName("durable-index")
                    .searchVector(search(1, 0)).topK(3));
            assertThat(ids(r)).containsExactly("d49", "d48", "d47");
            assertThat(r.searchResults().get(0).score()).isEqualTo(49.0);
        }
    }

    @Test
    void writesChangingAVectorIndexReportTheBytesReplicatedToItUnderIndexes() {
        DynamoDbClient client = SERVER.client();
        createTable(client, "Metered", index("metered-index", 3, VectorDistanceFunction.COSINE));
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("m"), "embedding", vector(0.5, 0.5, 0));
        ConsumedCapacity first = client.putItem(b -> b.tableName("Metered").item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(first.capacityUnits()).isEqualTo(1.0);
        assertThat(first.table().capacityUnits()).isEqualTo(1.0);
        assertThat(first.vectorIndexes().get("metered-index").vectorWriteRequestBytes()).isEqualTo(1024.0);

        ConsumedCapacity same = client.putItem(b -> b.tableName("Metered").item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(same.hasVectorIndexes()).as("an identical overwrite replicates nothing").isFalse();
        ConsumedCapacity plain = client.putItem(b -> b.tableName("Metered")
                .item(Map.of("id", AttributeValue.fromS("plain"), "label", AttributeValue.fromS("no vector")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(plain.hasVectorIndexes()).isFalse();
        ConsumedCapacity total = client.putItem(b -> b.tableName("Metered")
                .item(Map.of("id", AttributeValue.fromS("t"), "embedding", vector(0, 0, 1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(total.hasVectorIndexes()).as("TOTAL reports no vector writes").isFalse();
        assertThat(total.table()).isNull();

        ConsumedCapacity deleted = client.deleteItem(b -> b.tableName("Metered").key(Map.of("id", AttributeValue.fromS("m")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(deleted.vectorIndexes().get("metered-index").vectorWriteRequestBytes()).isEqualTo(1024.0);
    }
}
