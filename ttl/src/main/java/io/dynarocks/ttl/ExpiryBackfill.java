package io.dynarocks.ttl;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes the items a table already holds when TTL is enabled on it: one scan of the table. Each
 * item is re-read under its lock, so a write racing the scan is either seen here or indexed by
 * {@link ExpiryIndex} itself; an entry made stale by such a race is harmless (the sweeper re-checks).
 */
final class ExpiryBackfill {

    private static final int CHUNK = 1000;

    private final Engine engine;

    ExpiryBackfill(Engine engine) {
        this.engine = engine;
    }

    void index(TableDefinition table) {
        KeyRange items = ItemKeys.index(table.storageId(), ItemKeys.BASE_TABLE);
        byte[] from = items.from();
        while (true) {
            List<byte[]> keys = new ArrayList<>(CHUNK);
            try (KeyValueIterator it = engine.storage().iterate(new KeyRange(from, items.to()), false, null)) {
                while (keys.size() < CHUNK && it.next()) {
                    keys.add(it.key());
                }
            }
            WriteBatch batch = new WriteBatch();
            long now = engine.clock().millis();
            for (byte[] key : keys) {
                try (ItemLocks.Held ignored = engine.locks().lock(key)) {
                    byte[] stored = engine.storage().get(key);
                    if (stored != null) {
                        ExpiryIndex.index(table, key, ItemCodec.decode(stored), now, batch);
                    }
                }
            }
            if (!batch.isEmpty()) {
                engine.storage().write(batch);
            }
            if (keys.size() < CHUNK) {
                return;
            }
            from = Bytes.concat(keys.get(keys.size() - 1), new byte[] {0});
        }
    }
}
