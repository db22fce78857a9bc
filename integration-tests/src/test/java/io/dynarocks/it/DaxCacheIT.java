package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.dax.CacheStatistics;
import io.dynarocks.dax.DaxCacheConfig;
import io.dynarocks.server.DatabaseLayout;
import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The DAX-style endpoint: item cache with write-through, staleness until TTL, consistent-read bypass. */
class DaxCacheIT {

    private final MutableClock clock = new MutableClock();
    private DynaRocks db;
    private DynamoDbClient main;
    private DynamoDbClient cached;

    @BeforeEach
    void start() {
        db = DynaRocks.builder().inMemory().port(0).daxPort(0).clock(clock)
                .daxCache(new DaxCacheConfig(Duration.ofMinutes(5), 3, Duration.ofMinutes(5), 100)).start();
        main = ServerExtension.client(db.endpoint());
        cached = ServerExtension.client(db.daxEndpoint());
        Tables.hashTable(main, "Cached");
    }

    @AfterEach
    void stop() {
        main.close();
        cached.close();
        db.close();
    }

    private static Map<String, AttributeValue> item(String pk, String v) {
        return Map.of("pk", AttributeValue.fromS(pk), "v", AttributeValue.fromS(v));
    }

    private Map<String, AttributeValue> cachedGet(String pk) {
        return cached.getItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromS(pk)))).item();
    }

    @Test
    void secondReadIsAHitAfterAMiss() {
        main.putItem(b -> b.tableName("Cached").item(item("a", "1")));
        assertThat(cachedGet("a")).containsEntry("v", AttributeValue.fromS("1"));
        assertThat(cachedGet("a")).containsEntry("v", AttributeValue.fromS("1"));
        CacheStatistics stats = db.dax().itemCacheStatistics();
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(1);
    }

    @Test
    void writesOnTheMainPortStayInvisibleUntilTheTtlPasses() {
        main.putItem(b -> b.tableName("Cached").item(item("a", "1")));
        assertThat(cachedGet("a")).containsEntry("v", AttributeValue.fromS("1"));
        main.putItem(b -> b.tableName("Cached").item(item("a", "2")));
        assertThat(cachedGet("a")).containsEntry("v", AttributeValue.fromS("1"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(cachedGet("a")).containsEntry("v", AttributeValue.fromS("2"));
    }

    @Test
    void missingItemsAreCachedToo() {
        assertThat(cachedGet("ghost")).isEmpty();
        main.putItem(b -> b.tableName("Cached").item(item("ghost", "now")));
        assertThat(cachedGet("ghost")).isEmpty();
    }

    @Test
    void writesThroughTheCacheAreVisibleAtOnce() {
        main.putItem(b -> b.tableName("Cached").item(item("w", "1")));
        assertThat(cachedGet("w")).containsEntry("v", AttributeValue.fromS("1"));
        cached.putItem(b -> b.tableName("Cached").item(item("w", "2")));
        assertThat(cachedGet("w")).containsEntry("v", AttributeValue.fromS("2"));
        cached.updateItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromS("w")))
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("3"))));
        assertThat(cachedGet("w")).containsEntry("v", AttributeValue.fromS("3"));
        cached.deleteItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromS("w"))));
        assertThat(cachedGet("w")).isEmpty();
        assertThat(db.dax().itemCacheStatistics().hits()).isEqualTo(3);
    }

    @Test
    void consistentReadsBypassTheCache() {
        main.putItem(b -> b.tableName("Cached").item(item("c", "1")));
        assertThat(cachedGet("c")).containsEntry("v", AttributeValue.fromS("1"));
        main.putItem(b -> b.tableName("Cached").item(item("c", "2")));
        assertThat(cached.getItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromS("c")))
                .consistentRead(true)).item()).containsEntry("v", AttributeValue.fromS("2"));
    }

    @Test
    void projectionsAreServedFromTheCachedItem() {
        main.putItem(b -> b.tableName("Cached").item(Map.of("pk", AttributeValue.fromS("p"),
                "a", AttributeValue.fromS("1"), "b", AttributeValue.fromS("2"))));
        assertThat(cached.getItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromS("p")))
                .projectionExpression("a")).item()).containsOnlyKeys("a");
        assertThat(cachedGet("p")).containsOnlyKeys("pk", "a", "b");
        assertThat(db.dax().itemCacheStatistics().hits()).isEqualTo(1);
    }

    @Test
    void itemCacheEvictsAtItsSizeBound() {
        for (int i = 0; i < 5; i++) {
            String pk = "e" + i;
            main.putItem(b -> b.tableName("Cached").item(item(pk, "x")));
            cachedGet(pk);
        }
        CacheStatistics stats = db.dax().itemCacheStatistics();
        assertThat(stats.size()).isLessThanOrEqualTo(3);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void queryResultsStayStaleUntilTheirTtl() {
        main.putItem(b -> b.tableName("Cached").item(item("q", "1")));
        var first = cached.scan(b -> b.tableName("Cached"));
        main.putItem(b -> b.tableName("Cached").item(item("q2", "2")));
        cached.putItem(b -> b.tableName("Cached").item(item("q3", "3")));
        var second = cached.scan(b -> b.tableName("Cached"));
        assertThat(second.items()).isEqualTo(first.items());
        assertThat(db.dax().queryCacheStatistics().hits()).isEqualTo(1);
        assertThat(cached.scan(b -> b.tableName("Cached").consistentRead(true)).count()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(6));
        assertThat(cached.scan(b -> b.tableName("Cached")).count()).isEqualTo(3);
    }

    @Test
    void batchOperationsGoThroughTheItemCache() {
        main.putItem(b -> b.tableName("Cached").item(item("b1", "1")));
        cachedGet("b1");
        cached.batchWriteItem(b -> b.requestItems(Map.of("Cached", java.util.List.of(
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .putRequest(p -> p.item(item("b1", "2"))).build()))));
        var got = cached.batchGetItem(b -> b.requestItems(Map.of("Cached",
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                        .keys(Map.of("pk", AttributeValue.fromS("b1"))).build())));
        assertThat(got.responses().get("Cached")).containsExactly(item("b1", "2"));
        assertThat(db.dax().itemCacheStatistics().hits()).isEqualTo(1);
    }

    @Test
    void errorsAreTheSameAsOnTheMainPort() {
        var onMain = org.assertj.core.api.Assertions.catchThrowable(() ->
                main.getItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromN("1")))));
        var onCache = org.assertj.core.api.Assertions.catchThrowable(() ->
                cached.getItem(b -> b.tableName("Cached").key(Map.of("pk", AttributeValue.fromN("1")))));
        assertThat(onCache).hasSameClassAs(onMain);
        assertThat(onCache.getMessage().replaceAll("Request ID: [^)]*", ""))
                .isEqualTo(onMain.getMessage().replaceAll("Request ID: [^)]*", ""));
    }

    @Test
    void withADatabasePerCredentialTheCacheServesTheCallersOwnTables() {
        try (DynaRocks perCredential = DynaRocks.builder().inMemory().port(0).daxPort(0)
                .databases(DatabaseLayout.PER_CREDENTIAL).start();
                DynamoDbClient alice = DynamoDbLocalCommandLineIT.client(perCredential.endpoint(), "alice",
                        Region.US_EAST_1);
                DynamoDbClient aliceCached = DynamoDbLocalCommandLineIT.client(perCredential.daxEndpoint(), "alice",
                        Region.US_EAST_1);
                DynamoDbClient bobCached = DynamoDbLocalCommandLineIT.client(perCredential.daxEndpoint(), "bob",
                        Region.US_EAST_1)) {
            Tables.hashTable(alice, "Orders");
            alice.putItem(b -> b.tableName("Orders").item(item("a", "alice's")));
            assertThat(aliceCached.getItem(b -> b.tableName("Orders").key(Map.of("pk", AttributeValue.fromS("a"))))
                    .item()).containsEntry("v", AttributeValue.fromS("alice's"));
            assertThat(bobCached.listTables().tableNames()).as("bob's database has no tables").isEmpty();
            assertThatThrownBy(() -> bobCached.getItem(b -> b.tableName("Orders")
                    .key(Map.of("pk", AttributeValue.fromS("a")))))
                    .isInstanceOf(ResourceNotFoundException.class);

            // Writes through the cache land in the caller's database, read back there on the main port.
            aliceCached.putItem(b -> b.tableName("Orders").item(item("b", "through the cache")));
            assertThat(alice.getItem(b -> b.tableName("Orders").key(Map.of("pk", AttributeValue.fromS("b"))))
                    .item()).containsEntry("v", AttributeValue.fromS("through the cache"));
        }
    }
}
