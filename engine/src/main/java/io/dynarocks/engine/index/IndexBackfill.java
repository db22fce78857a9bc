package io.dynarocks.engine.index;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fills a new global secondary index from the items already in its table, on a background thread,
 * then marks it ACTIVE. The index is published (CREATING, Backfilling) before the fill starts, and a
 * lock barrier makes every later write of this server maintain it (other servers sharing the store
 * do once their writes conflict on the changed catalog entry); each item is re-read under its lock,
 * and on a shared store its entry is put expecting the item unchanged, so the fill never overwrites a
 * newer entry.
 */
public final class IndexBackfill {

    private static final int MAX_HASH_KEY_BYTES = 2048;
    private static final int MAX_RANGE_KEY_BYTES = 1024;

    private final Engine engine;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "dynarocks-index-backfill");
                t.setDaemon(true);
                return t;
            });

    public IndexBackfill(Engine engine) {
        this.engine = engine;
    }

    /** Starts filling index {@code indexId} of the table with storage id {@code storageId}. */
    public void start(String tableName, int storageId, short indexId) {
        executor.execute(() -> {
            try {
                fill(tableName, storageId, indexId);
            } catch (StorageException | IllegalStateException closed) {
                // The engine was closed under the fill: there is nothing left to fill.
            }
        });
    }

    private void fill(String tableName, int storageId, short indexId) {
        engine.locks().barrier();
        List<byte[]> keys = new ArrayList<>();
        try (KeyValueIterator it = engine.storage().iterate(ItemKeys.index(storageId, ItemKeys.BASE_TABLE),
                false, null)) {
            while (it.next()) {
                keys.add(it.key());
            }
        }
        for (byte[] key : keys) {
            try (ItemLocks.Held ignored = engine.locks().lock(key)) {
                if (!fillOne(tableName, storageId, indexId, key)) {
                    return;
                }
            }
        }
        // Another server may change the table (another index, its throughput) while this one marks the index
        // ACTIVE: the change is then made again on top of theirs, never over it, rather than dropped (an index
        // left CREATING would refuse every later index creation of the table).
        Conflicts.retryTableChange(engine, tableName, () -> {
            TableDefinition table = current(tableName, storageId);
            if (table == null || index(table, indexId) == null) {
                return null;
            }
            List<IndexDefinition> indexes = new ArrayList<>();
            for (IndexDefinition i : table.indexes()) {
                indexes.add(i.indexId() == indexId ? i.withStatus("ACTIVE", false) : i);
            }
            TableDefinition updated = table.withIndexes(indexes, table.attributeDefinitions());
            WriteBatch batch = new WriteBatch();
            engine.catalog().stage(batch, table, updated);
            engine.storage().write(batch);
            engine.catalog().published(updated);
            return null;
        });
    }

    /**
     * Puts the index entry of the item under {@code key} unless a write since the fill began already did;
     * false when the index (or its table) is gone. The lock barrier fences this server's writers only: on a
     * store shared with other servers, whose writes maintain the index once they know it (their batches
     * expect the catalog entry, which now lists it), the entry is put expecting the item as read and the
     * entry still absent, and the item is read again when another server changed either first, so the fill
     * never puts an entry for an item state that is no longer stored.
     */
    private boolean fillOne(String tableName, int storageId, short indexId, byte[] key) {
        for (int attempt = 1; ; attempt++) {
            TableDefinition table = current(tableName, storageId);
            IndexDefinition index = table == null ? null : index(table, indexId);
            if (index == null) {
                return false;
            }
            byte[] stored = engine.storage().get(key);
            if (stored == null) {
                return true;
            }
            Map<String, AttributeValue> item = ItemCodec.decode(stored);
            byte[] entry = IndexEntries.key(table, index, item);
            // A write since the fill began has already put the entry (and counted it).
            if (entry == null || !indexable(index, item) || engine.storage().get(entry) != null) {
                return true;
            }
            Map<String, AttributeValue> projected = IndexEntries.project(table, index, item);
            WriteBatch batch = new WriteBatch().put(entry, ItemCodec.encode(projected));
            ItemCounts.stage(engine.storage(), batch, storageId, indexId, null, projected);
            if (engine.storage().shared()) {
                batch.expect(key, stored).expect(entry, null);
                engine.catalog().expectCurrent(batch, table);
            }
            try {
                engine.storage().write(batch);
                return true;
            } catch (WriteConflictException e) {
                // Never give up (a fill that stopped would leave the index CREATING): back off at most
                // as long as an item write does before its last attempt.
                Conflicts.backOff(Math.min(attempt, 50), e);
                engine.catalog().refresh(tableName);
            }
        }
    }

    /**
     * DynamoDB leaves out of a backfilled index the items it could not have written with that index in place:
     * an index key that is empty or over the key size limits (2048 bytes hash, 1024 bytes range).
     */
    private static boolean indexable(IndexDefinition index, Map<String, AttributeValue> item) {
        try {
            IndexEntries.checkWritable(index, item);
        } catch (DynamoException invalid) {
            return false;
        }
        KeySchema k = index.keySchema();
        return ItemSize.of(item.get(k.hashName())) <= MAX_HASH_KEY_BYTES
                && (!k.hasRange() || ItemSize.of(item.get(k.rangeName())) <= MAX_RANGE_KEY_BYTES);
    }

    private TableDefinition current(String tableName, int storageId) {
        TableDefinition t = engine.catalog().find(tableName).orElse(null);
        return t != null && t.storageId() == storageId ? t : null;
    }

    private static IndexDefinition index(TableDefinition table, short indexId) {
        for (IndexDefinition i : table.indexes()) {
            if (i.indexId() == indexId) {
                return i;
            }
        }
        return null;
    }
}
