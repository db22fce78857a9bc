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
 * Secondary index writes are charged as for a single-item write, once (index entries are propagated after
 * the commit, outside its two phases), added to the table's total and, under INDEXES, reported per index.
 * Bytes replicated to vector indexes (VectorWriteRequestBytes) are a unit of their own, charged once per
 * changed entry as for any other write: replication to the index follows the commit, it is no part of it.
 */
public final class TransactionCapacity {

    private final Map<String, Double> units = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> vectorWrites = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> globalIndexWrites = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> localIndexWrites = new LinkedHashMap<>();
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

    /** Charges the units one item's write costs each global and local secondary index of {@code table}. */
    public void chargeIndexWrites(String table, Map<String, Double> globalIndexes, Map<String, Double> localIndexes) {
        add(globalIndexWrites, table, globalIndexes);
        add(localIndexWrites, table, localIndexes);
    }

    private static void add(Map<String, Map<String, Double>> byTable, String table, Map<String, Double> units) {
        if (!units.isEmpty()) {
            Map<String, Double> perIndex = byTable.computeIfAbsent(table, t -> new LinkedHashMap<>());
            units.forEach((index, u) -> perIndex.merge(index, u, Double::sum));
        }
    }

    /** Charges the bytes one item's write replicated to each vector index of {@code table} (index name to bytes). */
    public void chargeVectorWrites(String table, Map<String, Double> bytes) {
        add(vectorWrites, table, bytes);
    }

    /** The response's ConsumedCapacity list, or null unless {@code returnConsumedCapacity} asks for it. */
    public List<ConsumedCapacity> report(String returnConsumedCapacity) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        boolean indexes = "INDEXES".equals(returnConsumedCapacity);
        List<ConsumedCapacity> out = new ArrayList<>();
        units.forEach((table, u) -> {
            if (reads) {
                out.add(ConsumedCapacity.read(table, u, indexes));
                return;
            }
            ConsumedCapacity c = ConsumedCapacity.split(table, true, indexes, u,
                    globalIndexWrites.getOrDefault(table, Map.of()), localIndexWrites.getOrDefault(table, Map.of()));
            // DynamoDB reports vector index writes under INDEXES only, as for single-item writes.
            out.add(indexes ? c.withVectorWrites(vectorWrites.get(table)) : c);
        });
        return out;
    }
}
