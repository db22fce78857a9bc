package io.dynarocks.vector;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;
import java.util.Objects;

/**
 * The vector indexes' change hook, on the same path as the secondary indexes': rejects a write whose vector
 * could not be indexed (before anything is written), and queues the keys of items whose indexed attributes
 * changed so the graphs follow them.
 */
final class VectorMaintenance implements ChangeHook {

    private final Catalog catalog;
    private final VectorIndexes indexes;

    VectorMaintenance(Catalog catalog, VectorIndexes indexes) {
        this.catalog = catalog;
        this.indexes = indexes;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        TableDefinition table = catalog.current(change.table());
        if (table.vectorIndexes().isEmpty()) {
            return;
        }
        if (change.newItem() != null) {
            Vectors.checkWritable(table, change.newItem());
        }
        byte[] key = null;
        for (VectorIndexDefinition index : table.vectorIndexes()) {
            if (touches(index, change.oldItem(), change.newItem())) {
                key = key == null ? ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, change.key()) : key;
                indexes.changed(indexes.index(table, index), key);
            }
        }
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        boolean had = before != null && !before.vectorIndexes().isEmpty();
        boolean has = after != null && !after.vectorIndexes().isEmpty();
        if (had || has) {
            indexes.reconcileLater();
        }
    }

    /** Whether the change moves, adds or removes the item's vector or its search-schema attributes. */
    private static boolean touches(VectorIndexDefinition index, Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        if (before == null || after == null) {
            return true;
        }
        if (!Objects.equals(before.get(index.vectorAttribute()), after.get(index.vectorAttribute()))) {
            return true;
        }
        for (String a : index.searchAttributes()) {
            if (!Objects.equals(before.get(a), after.get(a))) {
                return true;
            }
        }
        return false;
    }
}
