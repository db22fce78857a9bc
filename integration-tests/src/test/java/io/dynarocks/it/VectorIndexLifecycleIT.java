package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.SearchSchemaElementType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;
import software.amazon.awssdk.services.dynamodb.model.VectorIndexDescription;

/**
 * A vector index added to a populated table backfills and turns ACTIVE; deleting it removes it; every
 * distance function orders and scores as DynamoDB documents; transactions keep the index current.
 */
class VectorIndexLifecycleIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static void createPlainTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    private static List<AttributeValue> v(double... xs) {
        return VectorSearchIT.search(xs);
    }

    private static VectorIndexDescription describe(DynamoDbClient client, String table, String index) {
        return client.describeTable(b -> b.tableName(table)).table().vectorIndexes().stream()
                .filter(d -> d.indexName().equals(index)).findFirst().orElse(null);
    }

    @Test
    void anIndexAddedToAPopulatedTableBackfillsThenServesSearches() {
        DynamoDbClient client = SERVER.client();
        createPlainTable(client, "Populated");
        for (int i = 0; i < 300; i++) {
            VectorSearchIT.put(client, "Populated", "i" + i, VectorSearchIT.vector(i, 300 - i),
                    Map.of("kind", AttributeValue.fromS(i % 3 == 0 ? "fizz" : "other")));
        }
        VectorIndexDescription creating = client.updateTable(b -> b.tableName("Populated")
                .attributeDefinitions(a -> a.attributeName("kind").attributeType(ScalarAttributeType.S))
                .vectorIndexUpdates(u -> u.create(c -> c.indexName("late-index")
                        .vectorAttribute(a -> a.attributeName("embedding")).dimensions(2L)
                        .distanceFunction(VectorDistanceFunction.EUCLIDEAN)
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .searchSchema(s -> s.attributeName("kind").searchSchemaElementType(
                                SearchSchemaElementType.INLINE_FILTER)))))
                .tableDescription().vectorIndexes().get(0);
        assertThat(creating.indexStatus()).isEqualTo(IndexStatus.CREATING);
        assertThat(creating.backfilling()).isTrue();
        // Writes during the backfill are indexed too.
        VectorSearchIT.put(client, "Populated", "late", VectorSearchIT.vector(1000, 1000),
                Map.of("kind", AttributeValue.fromS("fizz")));

        await().atMost(Duration.ofSeconds(60)).until(() -> describe(client, "Populated", "late-index").indexStatus()
                == IndexStatus.ACTIVE);
        VectorIndexDescription active = describe(client, "Populated", "late-index");
        assertThat(active.backfilling()).isFalse();
        assertThat(active.itemCount()).isEqualTo(301);
        assertThat(client.describeTable(b -> b.tableName("Populated")).table().attributeDefinitions())
                .extracting(d -> d.attributeName()).contains("kind");

        var nearest = client.searchVectors(b -> b.tableName("Populated").indexName("late-index")
                .searchVector(v(150, 150)).topK(3).searchConditionExpression("kind = :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("fizz"))));
        assertThat(VectorSearchIT.ids(nearest)).containsExactlyInAnyOrder("i150", "i147", "i153");
        assertThat(nearest.searchResults().get(0).item()).containsOnlyKeys("id", "kind");
        assertThat(VectorSearchIT.ids(client.searchVectors(b -> b.tableName("Populated").indexName("late-index")
                .searchVector(v(990, 990)).topK(1)))).containsExactly("late");

        client.updateTable(b -> b.tableName("Populated").vectorIndexUpdates(u -> u.delete(d -> d.indexName("late-index"))));
        assertThat(client.describeTable(b -> b.tableName("Populated")).table().hasVectorIndexes()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.searchVectors(b -> b.tableName("Populated")
                .indexName("late-index").searchVector(v(1, 1)).topK(1)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The table does not have the specified index: late-index");
    }

    @Test
    void eachDistanceFunctionOrdersAndScoresAsDynamoDbDocuments() {
        DynamoDbClient client = SERVER.client();
        Map<VectorDistanceFunction, List<Double>> expected = Map.of(
                // cosine distance 1 - cos: (1,0) is 0 from the query, (1,1) 1 - 1/sqrt(2), (0,2) 1
                VectorDistanceFunction.COSINE, List.of(0.0, 1 - Math.sqrt(0.5), 1.0),
                // Euclidean distance from (1,0): (1,0) 0, (1,1) 1, (0,2) sqrt(5)
                VectorDistanceFunction.EUCLIDEAN, List.of(0.0, 1.0, Math.sqrt(5)),
                // dot product with (1,0), highest first: (1,0)=1, (1,1)=1, (0,2)=0
                VectorDistanceFunction.DOT_PRODUCT, List.of(1.0, 1.0, 0.0));
        for (VectorDistanceFunction f : expected.keySet()) {
            String table = "Distance" + f;
            VectorSearchIT.createTable(client, table, VectorSearchIT.index("idx", 2, f));
            VectorSearchIT.put(client, table, "a", VectorSearchIT.vector(1, 0), Map.of());
            VectorSearchIT.put(client, table, "b", VectorSearchIT.vector(1, 1), Map.of());
            VectorSearchIT.put(client, table, "c", VectorSearchIT.vector(0, 2), Map.of());
            var r = client.searchVectors(b -> b.tableName(table).indexName("idx").searchVector(v(1, 0)).topK(3));
            assertThat(r.searchResults()).extracting(i -> i.score())
                    .satisfies(scores -> {
                        for (int i = 0; i < 3; i++) {
                            assertThat(scores.get(i)).as(f + " score " + i).isCloseTo(expected.get(f).get(i),
                                    org.assertj.core.data.Offset.offset(1e-6));
                        }
                    });
            assertThat(VectorSearchIT.ids(r).get(2)).as(f.toString()).isEqualTo("c");
        }
    }

    @Test
    void transactionsKeepTheIndexCurrent() {
        DynamoDbClient client = SERVER.client();
        VectorSearchIT.createTable(client, "TxTable", VectorSearchIT.index("tx-index", 2, VectorDistanceFunction.EUCLIDEAN));
        VectorSearchIT.put(client, "TxTable", "old", VectorSearchIT.vector(5, 5), Map.of());
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("TxTable").item(Map.of("id", AttributeValue.fromS("new"),
                        "embedding", VectorSearchIT.vector(5, 5.1)))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("TxTable").key(Map.of("id", AttributeValue.fromS("old"))))
                        .build()));
        assertThat(VectorSearchIT.ids(client.searchVectors(b -> b.tableName("TxTable").indexName("tx-index")
                .searchVector(v(5, 5)).topK(5)))).containsExactly("new");
    }
}
