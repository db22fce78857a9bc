package io.dynarocks.ttl;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The expiry index, {@code X | expiry(8) | tableStorageId(4) | itemStorageKey}, ordered by expiry
 * second so the sweeper reads only what is due. As a {@link ChangeHook} it keeps the index current
 * in the same batch as every item write. Entries can go stale (TTL disabled or its attribute
 * changed, table deleted); the sweeper re-checks each item before deleting, so a stale entry is
 * only ever dropped, never obeyed.
 */
public final class ExpiryIndex implements ChangeHook {

    static final byte PREFIX = 'X';
    private static final int HEADER = 1 + 8 + 4;
    private static final byte[] EMPTY = new byte[0];

    /** A decoded index entry. */
    record Entry(byte[] key, long expiry, int tableStorageId, byte[] itemKey) {}

    private final Engine engine;

    public ExpiryIndex(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        // The catalog's current setting, not the one the writer read before taking the item lock:
        // with it, a write racing an UpdateTimeToLive backfill is never left unindexed.
        TableDefinition table = engine.catalog().current(change.table());
        long now = engine.clock().millis();
        OptionalLong before = ExpiryTime.of(change.oldItem(), table.ttl(), now);
        OptionalLong after = ExpiryTime.of(change.newItem(), table.ttl(), now);
        if (before.equals(after)) {
            return;
        }
        byte[] itemKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, change.key());
        before.ifPresent(e -> batch.delete(key(e, table.storageId(), itemKey)));
        after.ifPresent(e -> batch.put(key(e, table.storageId(), itemKey), EMPTY));
    }

    /** Adds the entry of one stored item, if it expires (used to index existing items). */
    static void index(TableDefinition table, byte[] itemKey, Map<String, AttributeValue> item, long nowMillis,
            WriteBatch batch) {
        ExpiryTime.of(item, table.ttl(), nowMillis)
                .ifPresent(e -> batch.put(key(e, table.storageId(), itemKey), EMPTY));
    }

    static byte[] key(long expiry, int tableStorageId, byte[] itemKey) {
        // The sign bit is flipped so that unsigned byte order is numeric order, negatives included.
        return ByteBuffer.allocate(HEADER + itemKey.length)
                .put(PREFIX).putLong(expiry ^ Long.MIN_VALUE).putInt(tableStorageId).put(itemKey).array();
    }

    static Entry decode(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        b.get();
        long expiry = b.getLong() ^ Long.MIN_VALUE;
        int table = b.getInt();
        return new Entry(key, expiry, table, Arrays.copyOfRange(key, HEADER, key.length));
    }

    /** The entries due at {@code nowMillis}: every expiry second strictly before now. */
    static KeyRange due(long nowMillis) {
        byte[] end = ByteBuffer.allocate(9).put(PREFIX)
                .putLong((ExpiryTime.lastDueSecond(nowMillis) + 1) ^ Long.MIN_VALUE).array();
        return new KeyRange(new byte[] {PREFIX}, end);
    }
}
