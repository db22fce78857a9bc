package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.engine.limits.Throttled;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.engine.transaction.ClientTokens;
import io.dynarocks.engine.transaction.TransactionCapacity;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.CancellationReason;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.TransactWriteItem;
import io.dynarocks.protocol.operation.TransactWriteItemsRequest;
import io.dynarocks.protocol.operation.TransactWriteItemsResponse;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems: all-or-nothing writes across items and tables. Every action is planned
 * (validated) first; then all items are locked at once (stripes in a global order, so transactions
 * never deadlock), every condition is evaluated against the old items, and only if all pass are all
 * changes, with every hook's entries, applied in one atomic storage batch.
 *
 * <p>Isolation: the item locks serialize a transaction with every other writer of its items. As in
 * DynamoDB, a write that finds one of its items held by a running transaction is rejected instead of
 * waiting: a single-item write with TransactionConflictException (see ReadModifyWrite), another
 * transaction with a TransactionConflict cancellation reason for that item. Reads never conflict:
 * TransactGetItems reads one snapshot.
 */
public final class TransactWriteItemsOperation implements Operation<TransactWriteItemsRequest> {

    /** DynamoDB's limit on the aggregate size of a transaction's items. */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

    private final Engine engine;
    private final PutItemOperation puts;
    private final UpdateItemOperation updates;
    private final DeleteItemOperation deletes;
    private final ClientTokens tokens;

    public TransactWriteItemsOperation(Engine engine) {
        this.engine = engine;
        this.puts = new PutItemOperation(engine);
        this.updates = new UpdateItemOperation(engine);
        this.deletes = new DeleteItemOperation(engine);
        this.tokens = new ClientTokens(engine.clock());
    }

    @Override
    public TransactWriteItemsResponse execute(TransactWriteItemsRequest request) {
        return run(request, plan(request.transactItems()));
    }

    /**
     * Runs a transaction whose actions are planned already (PartiQL plans them from its statements):
     * {@code writes.get(i)} is the plan of {@code request.transactItems().get(i)}.
     */
    public TransactWriteItemsResponse execute(TransactWriteItemsRequest request, List<ItemWrite> writes) {
        Set<ByteBuffer> targets = new HashSet<>();
        for (ItemWrite write : writes) {
            requireOneActionPerItem(targets, write);
        }
        requireWithinSize(request.transactItems().stream().mapToLong(TransactWriteItemsOperation::bytes).sum());
        return run(request, writes);
    }

    private TransactWriteItemsResponse run(TransactWriteItemsRequest request, List<ItemWrite> writes) {
        String token = request.clientRequestToken();
        if (token != null) {
            TransactionCapacity earlier = tokens.begin(token, request.digest());
            if (earlier != null) {
                return new TransactWriteItemsResponse(earlier.report(request.returnConsumedCapacity()));
            }
        }
        boolean succeeded = false;
        try {
            TransactionCapacity capacity = run(writes);
            if (token != null) {
                tokens.succeeded(token, request.digest(), capacity);
            }
            succeeded = true;
            return new TransactWriteItemsResponse(capacity.report(request.returnConsumedCapacity()),
                    ItemCollections.forWrites(engine, request.returnItemCollectionMetrics(), writes));
        } finally {
            if (token != null && !succeeded) {
                tokens.failed(token);
            }
        }
    }

    /** Validates every action before anything is locked; errors here reject the whole request. */
    private List<ItemWrite> plan(List<TransactWriteItem> items) {
        List<ItemWrite> writes = new ArrayList<>(items.size());
        Set<ByteBuffer> targets = new HashSet<>();
        long bytes = 0;
        for (TransactWriteItem item : items) {
            ItemWrite write;
            if (item.put() != null) {
                write = puts.plan(item.put());
            } else if (item.update() != null) {
                write = updates.plan(item.update());
            } else if (item.delete() != null) {
                write = deletes.plan(item.delete());
            } else {
                write = ConditionCheck.plan(engine, item.conditionCheck());
            }
            bytes += bytes(item);
            requireOneActionPerItem(targets, write);
            writes.add(write);
        }
        requireWithinSize(bytes);
        return writes;
    }

    /** What an action adds to the transaction's size: a put's item, otherwise the key. */
    private static long bytes(TransactWriteItem item) {
        return item.put() != null ? ItemSize.of(item.put().item())
                : ItemSize.of(item.update() != null ? item.update().key()
                        : item.delete() != null ? item.delete().key() : item.conditionCheck().key());
    }

    private static void requireOneActionPerItem(Set<ByteBuffer> targets, ItemWrite write) {
        if (!targets.add(ByteBuffer.wrap(write.storageKey()))) {
            throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
        }
    }

    private static void requireWithinSize(long bytes) {
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw DynamoException.validation("Transaction request size has exceeded the maximum allowed size of 4 MB");
        }
    }

    private TransactionCapacity run(List<ItemWrite> writes) {
        byte[][] keys = writes.stream().map(ItemWrite::storageKey).toArray(byte[][]::new);
        rejectConflicts(keys);
        if (engine.limited()) {
            admit(engine, writes.stream().map(w -> new Admission(w.table(), w.key().hash(), true)).toList());
        }
        try (ItemLocks.Held ignored = engine.locks().lockForTransaction(keys)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return attempt(writes, keys);
                } catch (WriteConflictException e) {
                    // Another process sharing the store changed an item after it was read.
                    if (attempt >= Conflicts.ATTEMPTS) {
                        throw DynamoException.transactionCanceled(
                                java.util.Collections.nCopies(keys.length, CancellationReason.transactionConflict()));
                    }
                    Conflicts.backOff(attempt, e);
                    writes.forEach(w -> Conflicts.refreshTable(engine, w.table()));
                }
            }
        }
    }

    /** Reads, checks and writes once; the batch expects every item as read. */
    private TransactionCapacity attempt(List<ItemWrite> writes, byte[][] keys) {
        List<Map<String, AttributeValue>> oldItems = new ArrayList<>(keys.length);
        List<Map<String, AttributeValue>> newItems = new ArrayList<>(keys.length);
        List<CancellationReason> reasons = new ArrayList<>(keys.length);
        boolean cancelled = false;
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < keys.length; i++) {
            byte[] stored = engine.storage().get(keys[i]);
            if (engine.storage().shared()) {
                batch.expect(keys[i], stored);
                engine.catalog().expectCurrent(batch, writes.get(i).table());
            }
            Map<String, AttributeValue> old = stored == null ? null : ItemCodec.decode(stored);
            oldItems.add(old);
            try {
                newItems.add(writes.get(i).newItem(old));
                reasons.add(CancellationReason.NONE);
            } catch (DynamoException e) {
                newItems.add(null);
                reasons.add(reason(e));
                cancelled = true;
            }
        }
        if (cancelled) {
            throw DynamoException.transactionCanceled(reasons);
        }
        TransactionCapacity capacity = TransactionCapacity.writes();
        double[] units = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ItemWrite write = writes.get(i);
            ReadModifyWrite.stage(engine, write, oldItems.get(i), newItems.get(i), batch);
            units[i] = capacity.charge(write.table().tableName(),
                    Math.max(size(oldItems.get(i)), write.writes() ? size(newItems.get(i)) : 0));
            if (write.writes()) {
                capacity.chargeIndexWrites(write.table().tableName(),
                        WriteCapacity.indexWrites(write.table(), oldItems.get(i), newItems.get(i), true),
                        WriteCapacity.indexWrites(write.table(), oldItems.get(i), newItems.get(i), false));
                capacity.chargeVectorWrites(write.table().tableName(),
                        WriteCapacity.vectorWrites(write.table(), oldItems.get(i), newItems.get(i)));
            }
        }
        if (!batch.isEmpty()) {
            engine.storage().write(batch);
        }
        // Charged to the throughput limits once written: an attempt that conflicted consumed nothing.
        if (engine.limited()) {
            for (int i = 0; i < keys.length; i++) {
                engine.throughput().charge(writes.get(i).table(), writes.get(i).key().hash(), true, units[i]);
            }
        }
        return capacity;
    }

    /** One item of a transaction, for the throughput limits. */
    record Admission(TableDefinition table, AttributeValue hash, boolean write) {}

    /**
     * Cancels the transaction when the throughput limits refuse any of its items: that item's reason is the
     * throttling error's code (ProvisionedThroughputExceeded, ThrottlingError), the others None.
     */
    static void admit(Engine engine, List<Admission> items) {
        Throughput throughput = engine.throughput();
        List<CancellationReason> reasons = new ArrayList<>(items.size());
        boolean throttled = false;
        for (Admission a : items) {
            try {
                if (a.write()) {
                    throughput.admitWrite(a.table(), a.hash());
                } else {
                    throughput.admitRead(a.table(), null, a.hash());
                }
                reasons.add(CancellationReason.NONE);
            } catch (DynamoException e) {
                if (!Throttled.isThrottling(e)) {
                    throw e;
                }
                reasons.add(new CancellationReason(BatchExecuteStatementOperation.code(e), e.getMessage(), null));
                throttled = true;
            }
        }
        if (throttled) {
            throw DynamoException.transactionCanceled(reasons);
        }
    }

    /** Cancels with TransactionConflict for every item that another running transaction holds. */
    private void rejectConflicts(byte[][] keys) {
        List<CancellationReason> reasons = new ArrayList<>(keys.length);
        boolean conflict = false;
        for (byte[] key : keys) {
            boolean held = engine.locks().inTransaction(key);
            reasons.add(held ? CancellationReason.transactionConflict() : CancellationReason.NONE);
            conflict |= held;
        }
        if (conflict) {
            throw DynamoException.transactionCanceled(reasons);
        }
    }

    private static CancellationReason reason(DynamoException e) {
        switch (e.type()) {
            case "ConditionalCheckFailedException":
                return CancellationReason.conditionalCheckFailed(e.item());
            case "ValidationException":
                return CancellationReason.validationError(e.getMessage());
            case "DuplicateItemException":
                return CancellationReason.duplicateItem();
            default:
                throw e;
        }
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : ItemSize.of(item);
    }
}
