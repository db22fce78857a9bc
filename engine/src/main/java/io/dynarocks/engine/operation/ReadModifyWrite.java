package io.dynarocks.engine.operation;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The mechanics every single-item write shares: lock the item, read the old item, check the
 * condition, compute the new item, then write item and hook entries in one atomic batch.
 */
public final class ReadModifyWrite {

    /** The item before and after the write; either may be null (absent). */
    public record Result(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {}

    private final Engine engine;

    public ReadModifyWrite(Engine engine) {
        this.engine = engine;
    }

    /**
     * @param condition tested against the old item (an empty map when absent); null for none
     * @param change    maps the old item (empty when absent) to the new item, or null to delete
     * @param sizeError DynamoDB's message when the new item exceeds 400 KB
     */
    public Result apply(TableDefinition table, PrimaryKey key, Predicate<Map<String, AttributeValue>> condition,
            boolean returnOldOnFailure, UnaryOperator<Map<String, AttributeValue>> change, String sizeError) {
        byte[] storageKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key);
        try (ItemLocks.Held ignored = engine.locks().lock(storageKey)) {
            byte[] stored = engine.storage().get(storageKey);
            Map<String, AttributeValue> old = stored == null ? null : ItemCodec.decode(stored);
            Map<String, AttributeValue> current = old == null ? Map.of() : old;
            if (condition != null && !condition.test(current)) {
                throw DynamoException.conditionalCheckFailed(returnOldOnFailure ? old : null);
            }
            Map<String, AttributeValue> updated = change.apply(current);
            WriteBatch batch = new WriteBatch();
            if (updated == null) {
                if (old == null) {
                    return new Result(null, null);
                }
                batch.delete(storageKey);
            } else {
                if (ItemSize.of(updated) > ItemSize.MAX_ITEM_BYTES) {
                    throw DynamoException.validation(sizeError);
                }
                batch.put(storageKey, ItemCodec.encode(updated));
            }
            ChangeHook.Change itemChange = new ChangeHook.Change(table, key, old, updated, false);
            for (ChangeHook hook : engine.hooks()) {
                hook.onChange(itemChange, batch);
            }
            engine.storage().write(batch);
            return new Result(old, updated);
        }
    }
}
