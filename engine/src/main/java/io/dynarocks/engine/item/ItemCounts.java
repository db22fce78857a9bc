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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Item count and size (as DynamoDB sizes items) of every table and index, kept as two counters
 * {@code N | tableId(4) | indexId(2) | 'c' or 'b'} that each change adds its delta to in the change's
 * own write batch: DescribeTable and the metrics read them in O(1), and they are exact after a crash
 * because they are written atomically with what they count. As a hook it counts the base table;
 * {@code IndexMaintenance} and the index backfill count index entries with {@link #stage}.
 *
 * <p>On a store several servers share, one counter would be a key every write of the table commits
 * against (etcd has no merge: a writer compares the counter's revision, and concurrent writers retry).
 * There each counter is split into {@link #CELLS} cells {@code N | tableId | indexId | kind | cell}, a
 * writer adds to the cell of its thread (salted per server), and a read sums the cells with one range
 * read: counts stay exact, and writers of one table only meet when they land on the same cell.
 */
public final class ItemCounts implements ChangeHook {

    private static final byte PREFIX = 'N';
    private static final byte COUNT = 'c';
    private static final byte BYTES = 'b';
    /** Cells per counter on a shared store: enough that the writer threads of a few servers rarely share one. */
    static final int CELLS = 32;
    /** Spreads the threads of different servers over different cells. */
    private static final int SALT = ThreadLocalRandom.current().nextInt(CELLS);
    /** Present once the counters are kept; a database written before that is counted once on open. */
    private static final byte[] KEPT_KEY = "M:itemCountsKept".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;

    public ItemCounts(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        stage(storage, batch, change.table().storageId(), ItemKeys.BASE_TABLE, change.oldItem(), change.newItem());
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
     * {@code after} (either null when absent) to the counters of {@code storage}; nothing when neither
     * count nor size changes.
     */
    public static void stage(Storage storage, WriteBatch batch, int storageId, short indexId,
            Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        long items = (after == null ? 0 : 1) - (before == null ? 0 : 1);
        long bytes = size(after) - size(before);
        int cell = storage.shared() ? Math.floorMod(SALT + (int) Thread.currentThread().getId(), CELLS) : -1;
        if (items != 0) {
            batch.add(key(storageId, indexId, COUNT, cell), items);
        }
        if (bytes != 0) {
            batch.add(key(storageId, indexId, BYTES, cell), bytes);
        }
    }

    /** Drops the counters of one index (UpdateTable deleting a global secondary index). */
    public static void stageRemoval(WriteBatch batch, int storageId, short indexId) {
        KeyRange all = KeyRange.prefix(indexPrefix(storageId, indexId));
        batch.deleteRange(all.from(), all.to());
    }

    /**
     * The item count and size of an index (or of the base table, index id 0) now: two point reads, or on
     * a shared store one range read of the cells.
     */
    public static IndexStats read(Storage storage, int storageId, short indexId) {
        if (!storage.shared()) {
            return new IndexStats(WriteBatch.counter(storage.get(key(storageId, indexId, COUNT, -1))),
                    WriteBatch.counter(storage.get(key(storageId, indexId, BYTES, -1))));
        }
        long count = 0;
        long bytes = 0;
        try (KeyValueIterator it = storage.iterate(KeyRange.prefix(indexPrefix(storageId, indexId)), false, null)) {
            while (it.next()) {
                if (it.key()[7] == COUNT) {
                    count += WriteBatch.counter(it.value());
                } else {
                    bytes += WriteBatch.counter(it.value());
                }
            }
        }
        return new IndexStats(count, bytes);
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
        stageRemoval(batch, storageId, indexId); // cells included: the recount replaces them all
        batch.put(key(storageId, indexId, COUNT, -1), WriteBatch.counterBytes(count));
        batch.put(key(storageId, indexId, BYTES, -1), WriteBatch.counterBytes(bytes));
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : ItemSize.of(item);
    }

    private static byte[] tablePrefix(int storageId) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(storageId).array();
    }

    private static byte[] indexPrefix(int storageId, short indexId) {
        return ByteBuffer.allocate(7).put(PREFIX).putInt(storageId).putShort(indexId).array();
    }

    /** A counter's key; with a cell (0..CELLS-1) one of its cells, without (-1) the counter itself. */
    private static byte[] key(int storageId, short indexId, byte kind, int cell) {
        ByteBuffer b = ByteBuffer.allocate(cell < 0 ? 8 : 9).put(PREFIX).putInt(storageId).putShort(indexId).put(kind);
        if (cell >= 0) {
            b.put((byte) cell);
        }
        return b.array();
    }
}
