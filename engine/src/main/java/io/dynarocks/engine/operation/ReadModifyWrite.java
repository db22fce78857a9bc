package io.dynarocks.engine.operation;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.ReturnValues;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    public Result apply(ItemWrite write) {
        byte[] storageKey = write.storageKey();
        // DynamoDB rejects a single-item write to an item that a running transaction is changing. A
        // write that arrives just before the transaction marks its items instead waits on the stripe
        // lock and runs after it: either way writes to one item are serialized.
        if (engine.locks().inTransaction(storageKey)) {
            throw DynamoException.transactionConflict();
        }
        try (ItemLocks.Held ignored = engine.locks().lock(storageKey)) {
            // The lock serializes this process's writers; the expectation makes the write safe against
            // writers in other processes sharing the store, which the lock cannot see.
            for (int attempt = 1; ; attempt++) {
                byte[] stored = engine.storage().get(storageKey);
                Map<String, AttributeValue> old = stored == null ? null : ItemCodec.decode(stored);
                Map<String, AttributeValue> updated = write.newItem(old);
                WriteBatch batch = new WriteBatch();
                if (engine.storage().shared()) {
                    batch.expect(storageKey, stored);
                    engine.catalog().expectCurrent(batch, write.table());
                }
                stage(engine, write, old, updated, batch);
                try {
                    if (!batch.isEmpty()) {
                        engine.storage().write(batch);
                    }
                    return new Result(old, updated);
                } catch (WriteConflictException e) {
                    Conflicts.backOff(attempt, e);
                    Conflicts.refreshTable(engine, write.table());
                }
            }
        }
    }

    /**
     * Applies writes of distinct items that have no condition (BatchWriteItem's) in one storage batch:
     * one lock acquisition, one write-ahead log append and one counter merge per table for all of them,
     * instead of one of each per item. Results in the order of {@code writes}.
     */
    public List<Result> applyTogether(List<ItemWrite> writes) {
        byte[][] keys = new byte[writes.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = writes.get(i).storageKey();
            if (engine.locks().inTransaction(keys[i])) {
                throw DynamoException.transactionConflict();
            }
        }
        try (ItemLocks.Held ignored = engine.locks().lock(keys)) {
            for (int attempt = 1; ; attempt++) {
                List<Result> results = new ArrayList<>(keys.length);
                WriteBatch batch = new WriteBatch();
                // The old items in one multi-get: the keys are distinct and every write reads the store, not
                // the batch, so reading them all first is what reading each before staging it would see.
                List<byte[]> olds = engine.storage().getAll(java.util.Arrays.asList(keys));
                for (int i = 0; i < keys.length; i++) {
                    ItemWrite write = writes.get(i);
                    byte[] stored = olds.get(i);
                    Map<String, AttributeValue> old = stored == null ? null : ItemCodec.decode(stored);
                    Map<String, AttributeValue> updated = write.newItem(old);
                    if (engine.storage().shared()) {
                        batch.expect(keys[i], stored);
                        engine.catalog().expectCurrent(batch, write.table());
                    }
                    stage(engine, write, old, updated, batch);
                    results.add(new Result(old, updated));
                }
                try {
                    if (!batch.isEmpty()) {
                        engine.storage().write(batch);
                    }
                    return results;
                } catch (WriteConflictException e) {
                    Conflicts.backOff(attempt, e);
                    writes.forEach(w -> Conflicts.refreshTable(engine, w.table()));
                }
            }
        }
    }

    /** Applies {@code write} and answers as PutItem and DeleteItem do: with the old item for ReturnValues ALL_OLD. */
    public ItemResponse applyReturningOld(ItemWrite write, ReturnValues returnValues, String returnConsumedCapacity,
            boolean returnItemCollectionMetrics) {
        Result result = applyMetered(write);
        Map<String, AttributeValue> attributes = returnValues == ReturnValues.ALL_OLD ? result.oldItem() : null;
        return new ItemResponse("Attributes", attributes, charge(write, result, returnConsumedCapacity),
                ItemCollections.metrics(engine, returnItemCollectionMetrics, write.table(), write.key()));
    }

    /** {@link #apply} once the throughput limits admit the write (they throw when its partition is out of capacity). */
    public Result applyMetered(ItemWrite write) {
        if (engine.limited()) {
            engine.throughput().admitWrite(write.table(), write.key().hash());
        }
        return apply(write);
    }

    /** Charges the capacity {@code result} consumed to the limits; returns what the response reports. */
    public ConsumedCapacity charge(ItemWrite write, Result result, String returnConsumedCapacity) {
        if (!engine.limited()) {
            return WriteCapacity.of(returnConsumedCapacity, write.table(), result);
        }
        return engine.throughput().chargeWrite(write.table(), write.key().hash(),
                WriteCapacity.of(Throughput.METERED, write.table(), result), returnConsumedCapacity);
    }

    /** The item stored under {@code storageKey} now, or null. */
    public static Map<String, AttributeValue> read(Engine engine, byte[] storageKey) {
        byte[] stored = engine.storage().get(storageKey);
        return stored == null ? null : ItemCodec.decode(stored);
    }

    /**
     * Adds the change from {@code old} to {@code updated} to {@code batch}: the item itself and every
     * hook's entries. Nothing is added for a condition check or for deleting an absent item.
     */
    public static void stage(Engine engine, ItemWrite write, Map<String, AttributeValue> old,
            Map<String, AttributeValue> updated, WriteBatch batch) {
        if (!write.writes() || (old == null && updated == null)) {
            return;
        }
        byte[] storageKey = write.storageKey();
        if (updated == null) {
            batch.delete(storageKey);
        } else {
            batch.put(storageKey, ItemCodec.encode(updated));
        }
        ChangeHook.Change change = new ChangeHook.Change(write.table(), write.key(), old, updated, false);
        for (ChangeHook hook : engine.hooks()) {
            hook.onChange(change, batch);
        }
    }
}
