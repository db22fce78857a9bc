package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.protocol.operation.TableResponse;
import io.dynarocks.storage.KeyValueIterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a table description with item counts and sizes of the table and its indexes, counted from storage. */
public final class TableStatistics {

    private TableStatistics() {}

    static TableResponse describe(Engine engine, String member, TableDefinition table, String status) {
        Map<String, IndexStats> indexes = new LinkedHashMap<>();
        for (IndexDefinition index : table.indexes()) {
            indexes.put(index.indexName(), count(engine, table, index.indexId()));
        }
        for (VectorIndexDefinition index : table.vectorIndexes()) {
            indexes.put(index.indexName(), engine.vectorIndexStatistics().of(table, index.indexName()));
        }
        return new TableResponse(member, table, status, count(engine, table, ItemKeys.BASE_TABLE), indexes);
    }

    /** The table's item count and size now, counted from storage: O(items). */
    public static IndexStats of(Engine engine, TableDefinition table) {
        return count(engine, table, ItemKeys.BASE_TABLE);
    }

    private static IndexStats count(Engine engine, TableDefinition table, short indexId) {
        long count = 0;
        long bytes = 0;
        try (KeyValueIterator it = engine.storage().iterate(ItemKeys.index(table.storageId(), indexId), false, null)) {
            while (it.next()) {
                count++;
                bytes += ItemSize.of(ItemCodec.decode(it.value()));
            }
        }
        return new IndexStats(count, bytes);
    }
}
