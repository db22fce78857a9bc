package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;

/** Vector search runs on the relocated jvector (and the libraries it brings) of the embedded jar. */
class VectorSearchTest {

    @Test
    void searchReturnsTheNearestItemsFirst() throws InterruptedException {
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).start();
             DynamoDbClient client = InProcessClients.client(db)) {
            client.createTable(b -> b.tableName("Docs").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .vectorIndexes(v -> v.indexName("by-embedding").vectorAttribute(a -> a.attributeName("embedding"))
                            .dimensions(2L).distanceFunction(VectorDistanceFunction.EUCLIDEAN)
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
            put(client, "far", "9", "9");
            put(client, "near", "1", "1");
            put(client, "middle", "4", "4");

            // What this checks is that the relocated graph library works, not how soon a write reaches the
            // index: under heavy load a search right after a write has been seen to miss that item, so it is
            // given up to 2 s to appear.
            List<String> ids = search(client);
            for (int i = 0; i < 100 && ids.size() < 3; i++) {
                Thread.sleep(20);
                ids = search(client);
            }

            assertEquals(List.of("near", "middle", "far"), ids);
        }
    }

    private static List<String> search(DynamoDbClient client) {
        return client.searchVectors(b -> b.tableName("Docs").indexName("by-embedding")
                        .searchVector(AttributeValue.fromN("0"), AttributeValue.fromN("0")).topK(3))
                .searchResults().stream().map(r -> r.item().get("id").s()).toList();
    }

    private static void put(DynamoDbClient client, String id, String x, String y) {
        client.putItem(b -> b.tableName("Docs").item(Map.of("id", AttributeValue.fromS(id),
                "embedding", AttributeValue.fromL(List.of(AttributeValue.fromN(x), AttributeValue.fromN(y))))));
    }
}
