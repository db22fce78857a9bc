package io.dynarocks.engine.item;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Item count and size (as DynamoDB sizes items) of every table and index, kept as two counters
 * {@code N | tableId(4) | indexId(2) | 'c' or 'b'} that each change adds its delta to in the change's
 * own write batch: DescribeTable and the metrics read them in O(1), and they are exact after a crash
 * because they are written atomically with what they count. As a hook it counts the base table;
 * {@code IndexMaintenance} and the index backfill count index entries with {@link #stage}.
 */
public final class ItemCounts implements ChangeHook {

    private static final byte PREFIX = 'N';
    private static final byte COUNT = 'c';
    private static final byte BYTES = 'b';
    /** Present once the counters are kept; a database written before that is counted once on open. */
    private static final byte[] KEPT_KEY = "M:itemCountsKept".getBytes(StandardCharsets.UTF_8);

    @Override
    public void onChange(Change change, WriteBatch batch) {
        stage(batch, change.table().storageId(), ItemKeys.BASE_TABLE, change.oldItem(), change.newItem());
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        if (after == null) {
            KeyRange all = KeyRange.prefix(tablePrefix(before.storageId()));
            batch.deleteRange(all.from(), all.to());
        }
    }

    /**
     * Adds the change of one entry of an index (or of the base table) from {@code before} to
     * {@code after} (either null when absent) to the counters; nothing when neither count nor size
     * changes.
     */
    public static void stage(WriteBatch batch, int storageId, short indexId, Map<String, AttributeValue> before,
            Map<String, AttributeValue> after) {
        long items = (after == null ? 0 : 1) - (before == null ? 0 : 1);
        long bytes = size(after) - size(before);
        if (items != 0) {
            batch.add(key(storageId, indexId, COUNT), items);
        }
        if (bytes != 0) {
            batch.add(key(storageId, indexId, BYTES), bytes);
        }
    }

    /** Drops the counters of one index (UpdateTable deleting a global secondary index). */
    public static void stageRemoval(WriteBatch batch, int storageId, short indexId) {
        batch.delete(key(storageId, indexId, COUNT)).delete(key(storageId, indexId, BYTES));
    }

    /** The item count and size of an index (or of the base table, index id 0) now: two point reads. */
    public static IndexStats read(Storage storage, int storageId, short indexId) {
        return new IndexStats(WriteBatch.counter(storage.get(key(storageId, indexId, COUNT))),
                WriteBatch.counter(storage.get(key(storageId, indexId, BYTES))));
    }

    /**
     * Counts every table and index once, by iterating them, when the database was written before the
     * counters were kept; afterwards only marks them kept. Runs on open, before any write.
     */
    public static void initialise(Storage storage, Catalog catalog) {
        if (storage.get(KEPT_KEY) != null) {
            return;
        }
        WriteBatch batch = new WriteBatch();
        for (TableDefinition table : catalog.tables()) {
            recount(storage, batch, table.storageId(), ItemKeys.BASE_TABLE);
            for (IndexDefinition index : table.indexes()) {
                recount(storage, batch, table.storageId(), index.indexId());
            }
        }
        storage.write(batch.put(KEPT_KEY, new byte[0]));
    }

    private static void recount(Storage storage, WriteBatch batch, int storageId, short indexId) {
        long count = 0;
        long bytes = 0;
        try (KeyValueIterator it = storage.iterate(ItemKeys.index(storageId, indexId), false, null)) {
            while (it.next()) {
                count++;
                bytes += ItemSize.of(ItemCodec.decode(it.value()));
            }
        }
        batch.put(key(storageId, indexId, COUNT), WriteBatch.counterBytes(count));
        batch.put(key(storageId, indexId, BYTES), WriteBatch.counterBytes(bytes));
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : ItemSize.of(item);
    }

    private static byte[] tablePrefix(int storageId) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(storageId).array();
    }

    private static byte[] key(int storageId, short indexId, byte kind) {
        return ByteBuffer.allocate(8).put(PREFIX).putInt(storageId).putShort(indexId).put(kind).array();
    }
}
