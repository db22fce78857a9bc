package io.dynarocks.it;

import static io.dynarocks.it.VectorSearchIT.createTable;
import static io.dynarocks.it.VectorSearchIT.ids;
import static io.dynarocks.it.VectorSearchIT.index;
import static io.dynarocks.it.VectorSearchIT.put;
import static io.dynarocks.it.VectorSearchIT.search;
import static io.dynarocks.it.VectorSearchIT.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;

/** A vector index follows Time to Live deletions, and is whole again after a restart and a RocksDB compaction. */
class VectorIndexDurabilityIT {

    @TempDir
    Path dir;

    private static SearchVectorsResponse nearest(DynamoDbClient client, String table, String index, int topK) {
        return client.searchVectors(b -> b.tableName(table).indexName(index).searchVector(search(1, 0)).topK(topK));
    }

    @Test
    void itemsDeletedByTimeToLiveLeaveTheVectorIndex() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).ttlInterval(Duration.ofMillis(100)).clock(clock)
                .start(); DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            createTable(client, "Expiring", index("expiring-index", 2, VectorDistanceFunction.EUCLIDEAN));
            client.updateTimeToLive(b -> b.tableName("Expiring")
                    .timeToLiveSpecification(s -> s.attributeName("expires").enabled(true)));
            long soon = start.getEpochSecond() + 60;
            for (int i = 0; i < 10; i++) {
                put(client, "Expiring", "e" + i, vector(1, i * 0.01), i % 2 == 0
                        ? Map.of("expires", AttributeValue.fromN(Long.toString(soon))) : Map.of());
            }
            assertThat(ids(nearest(client, "Expiring", "expiring-index", 10))).hasSize(10);
            clock.advance(Duration.ofMinutes(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.scan(b -> b.tableName("Expiring")).count() == 5);
            assertThat(ids(nearest(client, "Expiring", "expiring-index", 10)))
                    .containsExactlyInAnyOrder("e1", "e3", "e5", "e7", "e9");
            assertThat(client.describeTable(b -> b.tableName("Expiring")).table().vectorIndexes().get(0).itemCount())
                    .isEqualTo(5);
        }
    }

    @Test
    void theIndexIsWholeAfterARestartAndACompactionOfTheStore() throws Exception {
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            createTable(client, "Compacted", index("compacted-index", 2, VectorDistanceFunction.EUCLIDEAN));
            for (int i = 0; i < 100; i++) {
                put(client, "Compacted", "c" + i, vector(1, i * 0.01), Map.of());
            }
            // Deletes and overwrites leave tombstones and older versions for the compaction to drop.
            for (int i = 0; i < 100; i += 2) {
                String id = "c" + i;
                client.deleteItem(b -> b.tableName("Compacted").key(Map.of("id", AttributeValue.fromS(id))));
            }
            put(client, "Compacted", "c1", vector(1, 5), Map.of());
        }
        NativeRocksDb.compact(dir);
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            assertThat(ids(nearest(client, "Compacted", "compacted-index", 3))).containsExactly("c3", "c5", "c7");
            assertThat(ids(nearest(client, "Compacted", "compacted-index", 100))).hasSize(50)
                    .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(1)) % 2).isEqualTo(1))
                    .endsWith("c1");
            assertThat(client.describeTable(b -> b.tableName("Compacted")).table().vectorIndexes().get(0).itemCount())
                    .isEqualTo(50);
        }
    }

    /** A full manual compaction of a stopped server's RocksDB directory, with the server's merge operator. */
    private static final class NativeRocksDb {
        static void compact(Path dir) throws Exception {
            RocksDB.loadLibrary();
            try (Options options = new Options().setMergeOperatorName("uint64add");
                    RocksDB db = RocksDB.open(options, dir.toString())) {
                db.compactRange();
            }
        }
    }
}
