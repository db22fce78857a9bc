package io.dynarocks.engine.transaction;

import io.dynarocks.engine.item.Capacity;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity a transaction consumed, per table in request order. DynamoDB reads or writes every item
 * of a transaction twice (prepare and commit), so each costs twice the standard units: a 5 KB item
 * is 2 x 5 = 10 WCU written and 2 x 2 = 4 RCU read (transactional reads are strongly consistent).
 * Bytes replicated to vector indexes (VectorWriteRequestBytes) are a unit of their own, charged once per
 * changed entry as for any other write: replication to the index follows the commit, it is no part of it.
 */
public final class TransactionCapacity {

    private final Map<String, Double> units = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> vectorWrites = new LinkedHashMap<>();
    private final boolean reads;

    private TransactionCapacity(boolean reads) {
        this.reads = reads;
    }

    public static TransactionCapacity reads() {
        return new TransactionCapacity(true);
    }

    public static TransactionCapacity writes() {
        return new TransactionCapacity(false);
    }

    /** Charges one item of {@code itemBytes} (for writes, the larger of its old and new sizes); returns its units. */
    public double charge(String table, long itemBytes) {
        double standard = reads ? Capacity.read(itemBytes, true) : Capacity.write(itemBytes);
        units.merge(table, 2 * standard, Double::sum);
        return 2 * standard;
    }

    /** Charges the bytes one item's write replicated to each vector index of {@code table} (index name to bytes). */
    public void chargeVectorWrites(String table, Map<String, Double> bytes) {
        if (!bytes.isEmpty()) {
            Map<String, Double> perIndex = vectorWrites.computeIfAbsent(table, t -> new LinkedHashMap<>());
            bytes.forEach((index, b) -> perIndex.merge(index, b, Double::sum));
        }
    }

    /** The response's ConsumedCapacity list, or null unless {@code returnConsumedCapacity} asks for it. */
    public List<ConsumedCapacity> report(String returnConsumedCapacity) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        boolean indexes = "INDEXES".equals(returnConsumedCapacity);
        List<ConsumedCapacity> out = new ArrayList<>();
        units.forEach((table, u) -> out.add(reads ? ConsumedCapacity.read(table, u, indexes)
                // DynamoDB reports vector index writes under INDEXES only, as for single-item writes.
                : indexes ? ConsumedCapacity.write(table, u, true).withVectorWrites(vectorWrites.get(table))
                : ConsumedCapacity.write(table, u, false)));
        return out;
    }
}
