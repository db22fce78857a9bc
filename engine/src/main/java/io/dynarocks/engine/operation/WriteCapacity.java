package io.dynarocks.engine.operation;

import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.Capacity;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Write capacity of a single-item write: DynamoDB charges the larger of the old and new item sizes on the
 * table, plus, per secondary index, one write to put a new entry, one to delete an old one (two when the
 * index key changed), one when only projected attributes changed, and nothing when the index is untouched.
 * Vector indexes are metered apart, in bytes (VectorWriteRequestBytes), reported under INDEXES only.
 */
final class WriteCapacity {

    private WriteCapacity() {}

    static ConsumedCapacity of(String returnConsumedCapacity, TableDefinition table, ReadModifyWrite.Result r) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        long oldSize = r.oldItem() == null ? 0 : ItemSize.of(r.oldItem());
        long newSize = r.newItem() == null ? 0 : ItemSize.of(r.newItem());
        double tableUnits = Capacity.write(Math.max(oldSize, newSize));
        Map<String, Double> gsis = indexWrites(table, r.oldItem(), r.newItem(), true);
        Map<String, Double> lsis = indexWrites(table, r.oldItem(), r.newItem(), false);
        boolean indexes = "INDEXES".equals(returnConsumedCapacity);
        ConsumedCapacity charged = ConsumedCapacity.split(table.tableName(), true, indexes, tableUnits, gsis, lsis);
        return indexes ? charged.withVectorWrites(vectorWrites(table, r.oldItem(), r.newItem())) : charged;
    }

    /**
     * The write units a write from {@code oldItem} to {@code newItem} (either null when absent) costs each global
     * ({@code global}) or local secondary index of {@code table} it touches, in the table's index order.
     */
    static Map<String, Double> indexWrites(TableDefinition table, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem, boolean global) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (IndexDefinition index : table.indexes()) {
            if (index.global() == global) {
                double units = indexUnits(table, index, oldItem, newItem);
                if (units > 0) {
                    out.put(index.indexName(), units);
                }
            }
        }
        return out;
    }

    /** DynamoDB's smallest vector write, observed as 1,024 bytes for an item of a few dozen bytes. */
    static final double MIN_VECTOR_WRITE_BYTES = 1024;

    /**
     * The bytes a write replicates to each vector index it changes: the index's entry of the new item (of the
     * old one for a removal), at least {@link #MIN_VECTOR_WRITE_BYTES}. A write leaving an index's entry as it
     * was (no vector before or after, or the same entry) replicates nothing, as in DynamoDB.
     */
    static Map<String, Double> vectorWrites(TableDefinition table, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (VectorIndexDefinition index : table.vectorIndexes()) {
            Map<String, AttributeValue> before = vectorEntry(table, index, oldItem);
            Map<String, AttributeValue> after = vectorEntry(table, index, newItem);
            if (!Objects.equals(before, after)) {
                long bytes = ItemSize.of(after != null ? after : before);
                out.put(index.indexName(), Math.max(MIN_VECTOR_WRITE_BYTES, bytes));
            }
        }
        return out;
    }

    /** What a vector index holds of an item: key, vector, search schema and projected attributes; null if none. */
    private static Map<String, AttributeValue> vectorEntry(TableDefinition table, VectorIndexDefinition index,
            Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey(index.vectorAttribute())) {
            return null;
        }
        String type = index.projection() == null ? "ALL" : index.projection().projectionType();
        if ("ALL".equals(type)) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (table.keySchema().isKeyAttribute(name) || name.equals(index.vectorAttribute())
                    || index.usesInSearchSchema(name)
                    || "INCLUDE".equals(type) && index.projection().nonKeyAttributes().contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    static double indexUnits(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        byte[] oldKey = oldItem == null ? null : IndexEntries.key(table, index, oldItem);
        byte[] newKey = newItem == null ? null : IndexEntries.key(table, index, newItem);
        Map<String, AttributeValue> oldEntry = oldKey == null ? null : IndexEntries.project(table, index, oldItem);
        Map<String, AttributeValue> newEntry = newKey == null ? null : IndexEntries.project(table, index, newItem);
        double units = 0;
        if (oldKey != null && newKey != null && Arrays.equals(oldKey, newKey)) {
            return oldEntry.equals(newEntry) ? 0
                    : Capacity.write(Math.max(ItemSize.of(oldEntry), ItemSize.of(newEntry)));
        }
        if (oldEntry != null) {
            units += Capacity.write(ItemSize.of(oldEntry));
        }
        if (newEntry != null) {
            units += Capacity.write(ItemSize.of(newEntry));
        }
        return units;
    }
}
