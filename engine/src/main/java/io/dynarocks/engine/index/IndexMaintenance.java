package io.dynarocks.engine.index;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.util.Arrays;
import java.util.Map;

/**
 * Keeps every secondary index of a table current: adds, moves or removes an item's index entries in
 * the same batch as the item itself, with the index's item count and size.
 */
public final class IndexMaintenance implements ChangeHook {

    private final Catalog catalog;
    private final Storage storage;

    public IndexMaintenance(Catalog catalog, Storage storage) {
        this.catalog = catalog;
        this.storage = storage;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        // The catalog's current definition, read while the item is locked: an index published
        // (and fenced by a lock barrier) before this point is maintained, see IndexBackfill.
        TableDefinition table = catalog.current(change.table());
        if (change.newItem() != null) {
            IndexEntries.checkWritable(table, change.newItem());
        }
        for (IndexDefinition index : table.indexes()) {
            byte[] oldKey = change.oldItem() == null ? null : IndexEntries.key(table, index, change.oldItem());
            byte[] newKey = change.newItem() == null ? null : IndexEntries.key(table, index, change.newItem());
            // While an index is backfilled, the old item may not have its entry yet: count only what exists.
            if (oldKey != null && index.backfilling() && storage.get(oldKey) == null) {
                if (storage.shared()) {
                    // The backfill of another server may put it before this batch commits, expecting the
                    // item unchanged, which it still is: this batch then conflicts instead of leaving it.
                    batch.expect(oldKey, null);
                }
                oldKey = null;
            }
            if (oldKey != null && (newKey == null || !Arrays.equals(oldKey, newKey))) {
                batch.delete(oldKey);
            }
            Map<String, AttributeValue> oldEntry =
                    oldKey == null ? null : IndexEntries.project(table, index, change.oldItem());
            Map<String, AttributeValue> newEntry =
                    newKey == null ? null : IndexEntries.project(table, index, change.newItem());
            if (newEntry != null) {
                batch.put(newKey, ItemCodec.encode(newEntry));
            }
            ItemCounts.stage(storage, batch, table.storageId(), index.indexId(), oldEntry, newEntry);
        }
    }
}
