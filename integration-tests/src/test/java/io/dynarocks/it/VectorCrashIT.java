package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;

/** After kill -9 the restarted server answers searches from an index that matches the table exactly. */
class VectorCrashIT {

    @TempDir
    Path dir;

    @Test
    void afterKillNineSearchesMatchTheTable() throws Exception {
        Random random = new Random(3);
        Process server = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(server))) {
            VectorSearchIT.createTable(client, "Crash", VectorSearchIT.index("crash-index", 2,
                    VectorDistanceFunction.EUCLIDEAN));
            for (int i = 0; i < 300; i++) {
                VectorSearchIT.put(client, "Crash", "c" + random.nextInt(200),
                        random.nextInt(10) == 0 ? null : VectorSearchIT.vector(random.nextDouble(), random.nextDouble()),
                        Map.of());
                if (i % 7 == 0) {
                    client.deleteItem(b -> b.tableName("Crash").key(Map.of("id",
                            AttributeValue.fromS("c" + random.nextInt(200)))));
                }
            }
            server.destroyForcibly(); // SIGKILL: the graph in memory is lost, the acknowledged items are not
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        Process restarted = ServerProcess.serve(dir.resolve("data"));
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(restarted))) {
            List<Map<String, AttributeValue>> items = client.scan(b -> b.tableName("Crash")).items().stream()
                    .filter(i -> i.containsKey("embedding")).toList();
            for (int q = 0; q < 10; q++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                List<String> exact = items.stream().sorted(Comparator.comparingDouble(i -> distance(i, x, y)))
                        .limit(10).map(i -> i.get("id").s()).toList();
                assertThat(VectorSearchIT.ids(client.searchVectors(b -> b.tableName("Crash").indexName("crash-index")
                        .searchVector(VectorSearchIT.search(x, y)).topK(10)))).isEqualTo(exact);
            }
            assertThat(client.describeTable(b -> b.tableName("Crash")).table().vectorIndexes().get(0).itemCount())
                    .isEqualTo(items.size());
        } finally {
            restarted.destroy();
            assertThat(restarted.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static double distance(Map<String, AttributeValue> item, double x, double y) {
        List<AttributeValue> v = item.get("embedding").l();
        double dx = Float.parseFloat(v.get(0).n()) - (float) x;
        double dy = Float.parseFloat(v.get(1).n()) - (float) y;
        return dx * dx + dy * dy;
    }
}
