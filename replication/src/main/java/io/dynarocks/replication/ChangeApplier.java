package io.dynarocks.replication;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.operation.ReadModifyWrite;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
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
            ItemVersion local = ItemVersions.read(engine.storage(), itemKey);
            if (!change.version().beats(local)) {
                return false;
            }
            Map<String, AttributeValue> old = ReadModifyWrite.read(engine, itemKey);
            Map<String, AttributeValue> updated = change.version().deleted() ? null : change.item();
            WriteBatch batch = new WriteBatch();
            if (old != null || updated != null) {
                if (updated == null) {
                    batch.delete(itemKey);
                } else {
                    batch.put(itemKey, ItemCodec.encode(updated));
                }
                ChangeHook.Change c = new ChangeHook.Change(table, key, old, updated,
                        change.version().serviceDelete());
                for (ChangeHook hook : engine.hooks()) {
                    if (hook != versions) {
                        hook.onChange(c, batch);
                    }
                }
            }
            batch.put(ReplicationKeys.version(itemKey), change.version().toBytes(change.keys()));
            engine.storage().write(batch);
            return true;
        }
    }
}
