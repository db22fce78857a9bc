package io.dynarocks.engine.index;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Arrays;

/**
 * Keeps every secondary index of a table current: adds, moves or removes an item's index entries in
 * the same batch as the item itself.
 */
public final class IndexMaintenance implements ChangeHook {

    private final Catalog catalog;

    public IndexMaintenance(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        // The catalog's current definition, read while the item is locked: an index published
        // (and fenced by a lock barrier) before this point is maintained, see IndexBackfill.
        TableDefinition table = catalog.current(change.table());
        for (IndexDefinition index : table.indexes()) {
            if (change.newItem() != null) {
                IndexEntries.checkWritable(index, change.newItem());
            }
        }
        for (IndexDefinition index : table.indexes()) {
            byte[] oldKey = change.oldItem() == null ? null : IndexEntries.key(table, index, change.oldItem());
            byte[] newKey = change.newItem() == null ? null : IndexEntries.key(table, index, change.newItem());
            if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
                batch.delete(oldKey);
            }
            if (newKey != null) {
                batch.put(newKey, ItemCodec.encode(IndexEntries.project(table, index, change.newItem())));
            }
        }
    }
}
