package io.dynarocks.replication;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.Map;

/**
 * Applies item states shipped by peer regions through the normal write path (item, index entries,
 * stream record, expiry index in one batch, under the item's lock), keeping a state only when its
 * version beats the local one. Applying the same state twice changes nothing.
 */
final class ChangeApplier {

    private final Engine engine;
    private final ChangeHook versions;

    /** {@code versions} is the hook that stamps local writes; replicated writes carry their own version. */
    ChangeApplier(Engine engine, ChangeHook versions) {
        this.engine = engine;
        this.versions = versions;
    }

    /** Applies {@code change} to {@code table}; true when it replaced the local state. */
    boolean apply(TableDefinition table, ReplicatedChange change) {
        PrimaryKey key = Keys.ofKey(table.keySchema(), change.keys());
        if (change.item() != null && !Keys.ofItem(table.keySchema(), change.item()).equals(key)) {
            throw DynamoException.validation("The item's key does not match Keys");
        }
        byte[] itemKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key);
        try (ItemLocks.Held ignored = engine.locks().lock(itemKey)) {
            // The lock orders this server's writers; on a store shared with the region's other servers
            // the batch also expects the item and its version as read, and runs again on a conflict.
            for (int attempt = 1; ; attempt++) {
                try {
                    return apply(table, change, key, itemKey);
                } catch (WriteConflictException e) {
                    Conflicts.backOff(attempt, e);
                    Conflicts.refreshTable(engine, table);
                }
            }
        }
    }

    private boolean apply(TableDefinition table, ReplicatedChange change, PrimaryKey key, byte[] itemKey) {
        byte[] versionKey = ReplicationKeys.version(itemKey);
        byte[] storedVersion = engine.storage().get(versionKey);
        ItemVersion local = storedVersion == null ? ItemVersion.NONE : ItemVersion.fromBytes(storedVersion);
        if (!change.version().beats(local)) {
            return false;
        }
        byte[] stored = engine.storage().get(itemKey);
        Map<String, AttributeValue> old = stored == null ? null : ItemCodec.decode(stored);
        Map<String, AttributeValue> updated = change.version().deleted() ? null : change.item();
        WriteBatch batch = new WriteBatch();
        if (engine.storage().shared()) {
            batch.expect(itemKey, stored).expect(versionKey, storedVersion);
            engine.catalog().expectCurrent(batch, table);
        }
        if (old != null || updated != null) {
            if (updated == null) {
                batch.delete(itemKey);
            } else {
                batch.put(itemKey, ItemCodec.encode(updated));
            }
            // A TTL deletion is the service's only in the region where the item expired: DynamoDB sets the
            // stream record's userIdentity there and not in the regions the deletion is replicated to.
            ChangeHook.Change c = new ChangeHook.Change(table, key, old, updated, false);
            for (ChangeHook hook : engine.hooks()) {
                if (hook != versions) {
                    hook.onChange(c, batch);
                }
            }
        }
        batch.put(versionKey, change.version().toBytes(change.keys()));
        engine.storage().write(batch);
        return true;
    }
}
