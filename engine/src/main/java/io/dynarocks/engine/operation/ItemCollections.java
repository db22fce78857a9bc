package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ItemCollectionMetrics;
import io.dynarocks.storage.KeyValueIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ReturnItemCollectionMetrics: DynamoDB reports it only for tables with local secondary indexes,
 * where an item collection (one partition key's items and their LSI entries) is limited to 10 GB.
 */
final class ItemCollections {

    private static final double GB = 1024.0 * 1024 * 1024;

    private ItemCollections() {}

    /** The metrics of the collection {@code key} belongs to, or null when not requested or not applicable. */
    static ItemCollectionMetrics metrics(Engine engine, boolean requested, TableDefinition table, PrimaryKey key) {
        if (!requested || table.indexes().stream().noneMatch(i -> !i.global())) {
            return null;
        }
        long bytes = bytes(engine, table, ItemKeys.BASE_TABLE, key);
        for (IndexDefinition index : table.indexes()) {
            if (!index.global()) {
                bytes += bytes(engine, table, index.indexId(), key);
            }
        }
        // Like DynamoDB, an estimate as a range of whole gigabytes around the measured size.
        double lower = Math.floor(bytes / GB);
        return new ItemCollectionMetrics(Map.of(table.keySchema().hashName(), key.hash()), lower, lower + 1);
    }

    /**
     * The metrics of every item collection {@code writes} touched, by table, one entry per collection,
     * measured once all writes are applied (BatchWriteItem, TransactWriteItems); condition checks
     * touch nothing.
     */
    static Map<String, List<ItemCollectionMetrics>> forWrites(Engine engine, boolean requested,
            List<ItemWrite> writes) {
        Map<String, List<ItemCollectionMetrics>> out = new LinkedHashMap<>();
        if (!requested) {
            return out;
        }
        Set<List<Object>> seen = new HashSet<>();
        for (ItemWrite w : writes) {
            if (!w.writes() || !seen.add(List.of(w.table().tableName(), w.key().hash()))) {
                continue;
            }
            ItemCollectionMetrics m = metrics(engine, true, w.table(), w.key());
            if (m != null) {
                out.computeIfAbsent(w.table().tableName(), t -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }

    private static long bytes(Engine engine, TableDefinition table, short indexId, PrimaryKey key) {
        long bytes = 0;
        try (KeyValueIterator it = engine.storage().iterate(
                ItemKeys.partition(table.storageId(), indexId, key.hash()), false, null)) {
            while (it.next()) {
                bytes += it.key().length + it.value().length;
            }
        }
        return bytes;
    }
}
