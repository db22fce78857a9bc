package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ItemCollectionMetrics;
import io.dynarocks.storage.KeyValueIterator;
import java.util.Map;

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
