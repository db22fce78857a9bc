package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** TTL deletions and DAX-style cache statistics appear on {@code GET /metrics}. */
class ModuleMetricsIT {

    private final MutableClock clock = new MutableClock();

    private static String scrape(URI endpoint) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void rocksDbStatisticsAreExported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            Tables.hashTable(client, "Stored");
            client.putItem(b -> b.tableName("Stored").item(Map.of("pk", AttributeValue.fromS("a"))));
            assertThat(scrape(db.endpoint())).contains("dynarocks_storage_estimate_num_keys ")
                    .contains("dynarocks_storage_cur_size_all_mem_tables ")
                    .contains("dynarocks_table_bytes{table=\"Stored\"} 3.0");
        }
    }

    @Test
    void ttlDeletionsAndCacheHitsAreExported() throws Exception {
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).daxPort(0).clock(clock)
                .ttlInterval(Duration.ofMillis(50)).start();
                DynamoDbClient main = ServerExtension.client(db.endpoint());
                DynamoDbClient cached = ServerExtension.client(db.daxEndpoint())) {
            Tables.hashTable(main, "Metered");
            main.updateTimeToLive(b -> b.tableName("Metered")
                    .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
            long past = clock.millis() / 1000 - 10;
            main.putItem(b -> b.tableName("Metered").item(Map.of("pk", AttributeValue.fromS("gone"),
                    "expires", AttributeValue.fromN(Long.toString(past)))));
            main.putItem(b -> b.tableName("Metered").item(Map.of("pk", AttributeValue.fromS("kept"))));
            await().atMost(Duration.ofSeconds(20)).until(() -> scrape(db.endpoint())
                    .contains("dynarocks_ttl_deleted_items_total{table=\"Metered\"} 1.0"));

            for (int i = 0; i < 2; i++) {
                cached.getItem(b -> b.tableName("Metered").key(Map.of("pk", AttributeValue.fromS("kept"))));
            }
            String text = scrape(db.endpoint());
            assertThat(text).contains("dynarocks_table_items{table=\"Metered\"} 1.0")
                    .contains("dynarocks_dax_cache_hits_total{cache=\"item\"} 1.0")
                    .contains("dynarocks_dax_cache_misses_total{cache=\"item\"} 1.0")
                    .contains("dynarocks_dax_cache_size{cache=\"item\"} 1.0");
        }
    }
}
