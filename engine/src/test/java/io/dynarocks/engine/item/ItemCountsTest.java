package io.dynarocks.engine.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.storage.CountingStorage;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DescribeTable's ItemCount and TableSizeBytes (table and indexes) come from counters kept in each
 * write's own batch: after any mix of writes they equal a count of what storage holds.
 */
class ItemCountsTest {

    private static final String DDB = OperationRegistry.DYNAMODB + ".";

    @TempDir
    Path dir;

    private Supplier<Storage> backend(String name) {
        return switch (name) {
            case "memory" -> MemoryStorage::new;
            case "shared" -> () -> new Shared(new MemoryStorage());
            default -> () -> RocksDbStorage.open(dir.resolve("db"), false);
        };
    }

    /** A store that says other servers share it, as etcd does: counters are then kept in cells. */
    private static final class Shared implements Storage {
        private final Storage inner;

        Shared(Storage inner) {
            this.inner = inner;
        }

        @Override
        public byte[] get(byte[] key) {
            return inner.get(key);
        }

        @Override
        public byte[] get(io.dynarocks.storage.Snapshot snapshot, byte[] key) {
            return inner.get(snapshot, key);
        }

        @Override
        public KeyValueIterator iterate(io.dynarocks.storage.KeyRange range, boolean reverse,
                io.dynarocks.storage.Snapshot snapshot) {
            return inner.iterate(range, reverse, snapshot);
        }

        @Override
        public void write(WriteBatch batch) {
            inner.write(batch);
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public io.dynarocks.storage.Snapshot snapshot() {
            return inner.snapshot();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "rocksdb", "shared"})
    void countsAreExactAfterPutsUpdatesDeletesBatchesAndTransactions(String backend) {
        try (Engine engine = new Engine(backend(backend).get(), Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            Random random = new Random(42);
            for (int i = 0; i < 3000; i++) {
                randomWrite(ops, random);
            }
            assertCountsMatchStorage(engine);
            assertThat(ItemCounts.read(engine.storage(), table(engine).storageId(), ItemKeys.BASE_TABLE).itemCount())
                    .isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "rocksdb", "shared"})
    void concurrentWritersLoseNoCount(String backend) throws Exception {
        try (Engine engine = new Engine(backend(backend).get(), Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Random random = new Random(t);
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            randomWrite(ops, random);
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertCountsMatchStorage(engine);
        }
    }

    @Test
    void onASharedStoreConcurrentWritersAddToSeparateCellsThatReadsSum() throws Exception {
        try (Engine engine = new Engine(backend("shared").get(), Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int writer = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            ops.handle(DDB + "PutItem", json("{\"TableName\":\"Counted\",\"Item\":{\"pk\":{\"S\":\"w"
                                    + writer + "-" + i + "\"},\"sk\":{\"N\":\"1\"}}}"));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            int id = table(engine).storageId();
            assertThat(ItemCounts.read(engine.storage(), id, ItemKeys.BASE_TABLE).itemCount()).isEqualTo(200);
            // Four writer threads, several cells of the item count (one each unless their ids collide
            // modulo the cell count): no key every writer commits against.
            int cells = 0;
            byte[] countPrefix = java.nio.ByteBuffer.allocate(8).put((byte) 'N').putInt(id)
                    .putShort(ItemKeys.BASE_TABLE).put((byte) 'c').array();
            try (KeyValueIterator it = engine.storage().iterate(
                    io.dynarocks.storage.KeyRange.prefix(countPrefix), false, null)) {
                while (it.next()) {
                    cells++;
                }
            }
            assertThat(cells).isGreaterThan(1);
            assertCountsMatchStorage(engine);
        }
    }

    @Test
    void countsSurviveARestartAndAnOlderDatabaseIsCountedOnOpen() {
        Supplier<Storage> rocks = backend("rocksdb");
        try (Engine engine = new Engine(rocks.get(), Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            Random random = new Random(7);
            for (int i = 0; i < 1000; i++) {
                randomWrite(ops, random);
            }
        }
        IndexStats before;
        try (Engine engine = new Engine(rocks.get(), Clock.systemUTC())) {
            before = ItemCounts.read(engine.storage(), table(engine).storageId(), ItemKeys.BASE_TABLE);
            assertCountsMatchStorage(engine);
            // A database written before the counters existed: no marker, no counters.
            int id = table(engine).storageId();
            engine.storage().write(new WriteBatch()
                    .delete("M:itemCountsKept".getBytes(StandardCharsets.UTF_8))
                    .deleteRange(new byte[] {'N'}, new byte[] {'O'}));
            assertThat(ItemCounts.read(engine.storage(), id, ItemKeys.BASE_TABLE)).isEqualTo(IndexStats.EMPTY);
        }
        try (Engine engine = new Engine(rocks.get(), Clock.systemUTC())) {
            assertThat(ItemCounts.read(engine.storage(), table(engine).storageId(), ItemKeys.BASE_TABLE))
                    .isEqualTo(before);
            assertCountsMatchStorage(engine);
        }
    }

    @Test
    void describeTableReadsTheCountersNotTheItems() {
        CountingStorage storage = new CountingStorage(new MemoryStorage());
        try (Engine engine = new Engine(storage, Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            for (int i = 0; i < 500; i++) {
                ops.handle(DDB + "PutItem", json("{\"TableName\":\"Counted\",\"Item\":{\"pk\":{\"S\":\"p" + i
                        + "\"},\"sk\":{\"N\":\"1\"},\"g\":{\"S\":\"x\"}}}"));
            }
            storage.reset();
            String described = new String(JsonWriter.object(ops.handle(DDB + "DescribeTable",
                    json("{\"TableName\":\"Counted\"}"))::write), StandardCharsets.UTF_8);
            assertThat(described).contains("\"ItemCount\":500");
            assertThat(storage.iterated()).isZero();
            // Two counters for the table and for each of its two indexes.
            assertThat(storage.gets()).isEqualTo(6);
        }
    }

    @Test
    void deleteTableDropsTheCountersAndAGlobalIndexAddedLaterIsCounted() throws Exception {
        try (Engine engine = new Engine(new MemoryStorage(), Clock.systemUTC())) {
            OperationRegistry ops = new OperationRegistry(engine);
            createTable(ops);
            Random random = new Random(3);
            for (int i = 0; i < 1000; i++) {
                randomWrite(ops, random);
            }
            ops.handle(DDB + "UpdateTable", json("{\"TableName\":\"Counted\",\"AttributeDefinitions\":["
                    + "{\"AttributeName\":\"n\",\"AttributeType\":\"N\"}],\"GlobalSecondaryIndexUpdates\":[{\"Create\":"
                    + "{\"IndexName\":\"late\",\"KeySchema\":[{\"AttributeName\":\"n\",\"KeyType\":\"HASH\"}],"
                    + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}"));
            // Writes race the backfill.
            while (table(engine).indexes().stream().anyMatch(IndexDefinition::backfilling)) {
                randomWrite(ops, random);
            }
            for (int i = 0; i < 200; i++) {
                randomWrite(ops, random);
            }
            assertCountsMatchStorage(engine);
            int id = table(engine).storageId();
            ops.handle(DDB + "DeleteTable", json("{\"TableName\":\"Counted\"}"));
            try (KeyValueIterator it = engine.storage().iterate(
                    io.dynarocks.storage.KeyRange.prefix(new byte[] {'N'}), false, null)) {
                assertThat(it.next()).isFalse();
            }
            assertThat(ItemCounts.read(engine.storage(), id, ItemKeys.BASE_TABLE)).isEqualTo(IndexStats.EMPTY);
        }
    }

    private static void createTable(OperationRegistry ops) {
        ops.handle(DDB + "CreateTable", json("{\"TableName\":\"Counted\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},{\"AttributeName\":\"g\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"l\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"byG\",\"KeySchema\":[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"v\"]}}],"
                + "\"LocalSecondaryIndexes\":[{\"IndexName\":\"byL\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"l\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]}"));
    }

    /** One random write: PutItem, UpdateItem, DeleteItem, BatchWriteItem or TransactWriteItems, some conditional. */
    private static void randomWrite(OperationRegistry ops, Random random) {
        String key = "{\"pk\":{\"S\":\"p" + random.nextInt(40) + "\"},\"sk\":{\"N\":\"" + random.nextInt(5) + "\"}}";
        String item = key.substring(0, key.length() - 1) + attributes(random) + "}";
        try {
            switch (random.nextInt(6)) {
                case 0 -> ops.handle(DDB + "PutItem", json("{\"TableName\":\"Counted\",\"Item\":" + item + "}"));
                case 1 -> ops.handle(DDB + "UpdateItem", json("{\"TableName\":\"Counted\",\"Key\":" + key
                        + ",\"UpdateExpression\":\"SET v = :v, g = :g REMOVE l, n\","
                        + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"" + "u".repeat(random.nextInt(50))
                        + "\"},\":g\":{\"S\":\"g" + random.nextInt(3) + "\"}}}"));
                case 2 -> ops.handle(DDB + "DeleteItem", json("{\"TableName\":\"Counted\",\"Key\":" + key + "}"));
                case 3 -> ops.handle(DDB + "PutItem", json("{\"TableName\":\"Counted\",\"Item\":" + item
                        + ",\"ConditionExpression\":\"attribute_not_exists(pk)\"}"));
                case 4 -> {
                    String other = "{\"pk\":{\"S\":\"q" + random.nextInt(40) + "\"},\"sk\":{\"N\":\"1\"}}";
                    ops.handle(DDB + "BatchWriteItem", json("{\"RequestItems\":{\"Counted\":[{\"PutRequest\":{\"Item\":"
                            + item + "}},{\"DeleteRequest\":{\"Key\":" + other + "}}]}}"));
                }
                default -> {
                    String other = "{\"pk\":{\"S\":\"q" + random.nextInt(40) + "\"},\"sk\":{\"N\":\"1\"}"
                            + attributes(random) + "}";
                    ops.handle(DDB + "TransactWriteItems", json("{\"TransactItems\":[{\"Put\":{\"TableName\":\"Counted\","
                            + "\"Item\":" + other + "}},{\"Update\":{\"TableName\":\"Counted\",\"Key\":" + key
                            + ",\"UpdateExpression\":\"SET l = :l\",\"ExpressionAttributeValues\":{\":l\":{\"S\":\"x"
                            + random.nextInt(9) + "\"}}" + (random.nextBoolean() ? ",\"ConditionExpression\":"
                            + "\"attribute_exists(pk)\"" : "") + "}}]}"));
                }
            }
        } catch (DynamoException e) {
            // A failed condition, a cancelled or conflicting transaction: it wrote nothing.
        }
    }

    private static String attributes(Random random) {
        StringBuilder s = new StringBuilder();
        s.append(",\"v\":{\"S\":\"").append("v".repeat(random.nextInt(100))).append("\"}");
        if (random.nextBoolean()) {
            s.append(",\"g\":{\"S\":\"g").append(random.nextInt(3)).append("\"}");
        }
        if (random.nextBoolean()) {
            s.append(",\"l\":{\"S\":\"l").append(random.nextInt(3)).append("\"}");
        }
        if (random.nextBoolean()) {
            s.append(",\"n\":{\"N\":\"").append(random.nextInt(4)).append("\"}");
        }
        return s.toString();
    }

    private static TableDefinition table(Engine engine) {
        return engine.catalog().require("Counted");
    }

    private static void assertCountsMatchStorage(Engine engine) {
        TableDefinition table = table(engine);
        assertThat(ItemCounts.read(engine.storage(), table.storageId(), ItemKeys.BASE_TABLE))
                .as("base table").isEqualTo(count(engine.storage(), table.storageId(), ItemKeys.BASE_TABLE));
        for (IndexDefinition index : table.indexes()) {
            assertThat(ItemCounts.read(engine.storage(), table.storageId(), index.indexId()))
                    .as(index.indexName()).isEqualTo(count(engine.storage(), table.storageId(), index.indexId()));
        }
    }

    private static IndexStats count(Storage storage, int storageId, short indexId) {
        long count = 0;
        long bytes = 0;
        try (KeyValueIterator it = storage.iterate(ItemKeys.index(storageId, indexId), false, null)) {
            while (it.next()) {
                count++;
                bytes += ItemSize.of(ItemCodec.decode(it.value()));
            }
        }
        return new IndexStats(count, bytes);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
